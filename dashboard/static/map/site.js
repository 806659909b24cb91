/* site.js — the static site's filter panel (python -m dashboard.site).
 *
 * Filters as dashboard/filters.py does, in the browser: Land, federal subject,
 * founding years, kind, status, level, and a search over place and region
 * names in three languages, in any word order (words prepared by dashboard/site.py
 * with the dashboard's own search code). The result goes to the map as a bit
 * mask (as mapdata.bit_mask). The filter and the view live in the address's
 * hash (#de=DE-TH&from=1990&map=5/52.5/30), which works from file:// too. The
 * panel's words come from the "pm-site-config" element; every text goes on the
 * page with textContent. standalone.js calls start(), selected(), started().
 * fold, readFilter, flagsFor, maskOf are checked against Python by tests/js/site.test.mjs.
 */
(function (window) {
  "use strict";

  /* --- the search: a port of geo.names.fold and dashboard/filters.py search ---- */
  var GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"};
  var PLAIN = {"ß": "ss", "ẞ": "ss", "ё": "е", "ʹ": "", "ʺ": "", "’": "", "'": "", "ʼ": "", "`": ""};
  var SAINT_RE = /(?<![\p{L}\p{N}_])(st\.?|saint|sankt|sv\.?)(?=[\s-])/giu;
  var SAINT = {"st": 1, "sv": 1, "saint": 1, "sankt": 1, "санкт": 1};

  /* Case, accents, punctuation, spaces and hyphens ignored; umlauts as ae/oe/ue (german) or without dots. */
  function fold(text, plain) {
    var s = String(text || "").normalize("NFC").toLowerCase().replace(/й/g, "\u0000");
    if (!plain) { s = s.replace(/[äöüßẞ]/g, function (c) { return GERMAN[c]; }); }
    s = s.replace(/[ßẞёʹʺ’'ʼ`]/g, function (c) { return PLAIN[c]; });
    s = s.replace(SAINT_RE, "sankt");
    s = s.normalize("NFKD").replace(/\p{M}/gu, "").replace(/\u0000/g, "й");
    return s.replace(/[^\p{L}\p{N}]+/gu, "");
  }

  /* A query's words, each as the forms it may match (filters._forms): both umlaut foldings; every "Saint" is "sankt". */
  function queryForms(query) {
    var out = [];
    (String(query || "").match(/[\p{L}\p{N}]+/gu) || []).forEach(function (word) {
      var forms = {}, any = false, saint = false;
      [fold(word), fold(word, true)].forEach(function (f) { if (f) { forms[f] = 1; any = true; if (SAINT[f]) { saint = true; } } });
      if (saint) { forms.sankt = 1; }
      if (any) { out.push(Object.keys(forms)); }
    });
    return out;
  }

  /* Per query word, which word groups of the index hold a word containing it. */
  function groupHits(query, index) {
    return queryForms(query).map(function (forms) {
      var hit = new Uint8Array(index.words.length);
      index.words.forEach(function (w, i) {
        for (var k = 0; k < forms.length; k++) { if (w.indexOf(forms[k]) >= 0) { hit[i] = 1; return; } }
      });
      return index.groups.map(function (g) {
        for (var k = 0; k < g.length; k++) { if (hit[g[k]]) { return 1; } }
        return 0;
      });
    });
  }

  /* --- the mask ------------------------------------------------------------ */
  /* Flags (one per pair, in the data's order) as a base64 bit mask: bit i&7 of byte i>>3. */
  function maskOf(flags) {
    var n = flags.length, bytes = new Uint8Array((n + 7) >> 3), bin = "";
    for (var i = 0; i < n; i++) { if (flags[i]) { bytes[i >> 3] |= 1 << (i & 7); } }
    for (var j = 0; j < bytes.length; j += 8192) { bin += String.fromCharCode.apply(null, bytes.subarray(j, j + 8192)); }
    return btoa(bin);
  }

  /* --- the filter and the hash --------------------------------------------- */
  var LISTS = ["de", "ru", "kind", "status", "level"];

  function emptyFilter() {
    return {de: [], ru: [], from: null, to: null, kind: [], status: [], level: [], q: "", town: "", tiles: true, map: ""};
  }

  /* The hash's raw values: "#de=DE-TH,DE-SN&from=1990" -> {de: "DE-TH,DE-SN", from: "1990"}. */
  function parseHash(hash) {
    var out = {};
    String(hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      var eq = part.indexOf("="), key = eq < 0 ? part : part.slice(0, eq), value = eq < 0 ? "" : part.slice(eq + 1);
      try { out[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, " ")); } catch (e) { /* a broken escape: ignored */ }
    });
    return out;
  }

  function enc(value) { return encodeURIComponent(value).replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%2F/g, "/"); }

  /* Only what differs from the default, in the dashboard's parameter names. */
  function toHash(f) {
    var parts = [];
    ["de", "ru"].forEach(function (k) { if (f[k].length) { parts.push(k + "=" + enc(f[k].join(","))); } });
    if (f.from !== null) { parts.push("from=" + f.from); }
    if (f.to !== null) { parts.push("to=" + f.to); }
    ["kind", "status", "level"].forEach(function (k) { if (f[k].length) { parts.push(k + "=" + enc(f[k].join(","))); } });
    if (f.q) { parts.push("q=" + enc(f.q)); }
    if (f.town) { parts.push("town=" + enc(f.town)); }
    if (!f.tiles) { parts.push("tiles=off"); }
    if (f.map) { parts.push("map=" + f.map); }
    return parts.length ? "#" + parts.join("&") : "";
  }

  function year(value) { return /^-?\d{1,4}$/.test(String(value || "").trim()) ? parseInt(value, 10) : null; }

  /* A filter from raw hash values; values the site does not know are left out. */
  function readFilter(raw, known) {
    var f = emptyFilter();
    LISTS.forEach(function (k) {
      if (!raw[k]) { return; }
      raw[k].split(",").forEach(function (v) {
        v = v.trim();
        if (known[k][v] && f[k].indexOf(v) < 0) { f[k].push(v); }
      });
    });
    f.from = year(raw.from);
    f.to = year(raw.to);
    f.q = String(raw.q || "").trim().slice(0, 100);
    f.town = known.town[raw.town] !== undefined ? raw.town : "";
    f.tiles = raw.tiles !== "off";
    f.map = /^\d{1,2}(\.\d+)?\/-?\d{1,2}(\.\d+)?\/-?\d{1,3}(\.\d+)?$/.test(raw.map || "") ? raw.map : "";
    return f;
  }

  /* Which pairs the filter lets through: the rules of dashboard/filters.py apply(). */
  function flagsFor(f, data, index, years) {
    var pairs = data.pairs, n = pairs.length, flags = new Uint8Array(n);
    var regions = index.regions;
    function set(list, names) {
      if (!list.length) { return null; }
      var s = {}; list.forEach(function (v) { s[names.indexOf(v)] = 1; });
      return s;
    }
    var de = f.de.length ? {} : null, ru = f.ru.length ? {} : null;
    regions.forEach(function (code, i) { if (de && f.de.indexOf(code) >= 0) { de[i] = 1; } if (ru && f.ru.indexOf(code) >= 0) { ru[i] = 1; } });
    var kinds = set(f.kind, data.kinds), statuses = set(f.status, data.statuses), levels = set(f.level, data.levels);
    var low = years[0], high = years[1];
    var from = f.from !== null ? f.from : low, to = f.to !== null ? f.to : high, narrowed = from > low || to < high;
    var hits = f.q ? groupHits(f.q, index) : [], rw = index.region_words;
    for (var i = 0; i < n; i++) {
      var p = pairs[i];
      if (de && !de[index.de[i]]) { continue; }
      if (ru && !ru[index.ru[i]]) { continue; }
      if (narrowed && (!p[2] || p[2] < from || p[2] > to)) { continue; }
      if (kinds && !kinds[p[4]]) { continue; }
      if (statuses && !statuses[p[3]]) { continue; }
      if (levels && !levels[p[5]]) { continue; }
      // every word of the search in the names of a side or in a region's names
      var found = true;
      for (var h = 0; h < hits.length && found; h++) {
        var g = hits[h];
        found = g[index.de_words[i]] || g[index.ru_words[i]] || g[rw[index.de[i]]] || g[rw[index.ru[i]]];
      }
      if (!found) { continue; }
      flags[i] = 1;
    }
    return flags;
  }

  /* --- the panel ------------------------------------------------------------- */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  var site = null, instance = null, config = null, data = null, index = null, known = null;
  var filter = emptyFilter(), current = null, inputs = {}, written = null, counter = null, langLinks = [];
  var chips = null, searchNote = null, embedBox = null;

  function checkboxes(parent, legendText, key, options, scroll) {
    var box = el("fieldset", "pm-site-group"), legend = el("legend", null, legendText);
    box.appendChild(legend);
    var list = el("div", scroll ? "pm-site-list pm-site-scroll" : "pm-site-list");
    inputs[key] = {};
    options.forEach(function (o) {
      var label = el("label", "pm-site-check"), input = el("input");
      input.type = "checkbox"; input.value = o[0]; input.name = key;
      input.addEventListener("change", changed);
      inputs[key][o[0]] = input;
      label.appendChild(input);
      label.appendChild(el("span", null, o[1]));
      list.appendChild(label);
    });
    box.appendChild(list);
    parent.appendChild(box);
  }

  function numberInput(label, key) {
    var wrap = el("label", "pm-site-year"), input = el("input");
    input.type = "number"; input.min = site.years[0]; input.max = site.years[1]; input.step = 1; input.name = key;
    input.placeholder = String(key === "from" ? site.years[0] : site.years[1]);
    input.addEventListener("change", changed);
    wrap.appendChild(el("span", null, label));
    wrap.appendChild(input);
    inputs[key] = input;
    return wrap;
  }

  function buildPanel() {
    var W = site.words, nav = document.getElementById("pm-site");
    nav.textContent = "";
    nav.setAttribute("aria-label", W["filters.title"]);
    var header = el("header", "pm-site-head");
    header.appendChild(el("h1", null, W["app.title"]));
    var langs = el("p", "pm-site-langs");
    langs.setAttribute("aria-label", W["app.language"]);
    site.langs.forEach(function (l) {
      var a = el("a", l.code === site.lang ? "pm-site-lang pm-site-current" : "pm-site-lang", l.name);
      a.lang = l.code; a.hreflang = l.code; a.href = l.href;
      if (l.code === site.lang) { a.setAttribute("aria-current", "page"); }
      langLinks.push({a: a, href: l.href});
      langs.appendChild(a);
    });
    header.appendChild(langs);
    header.appendChild(el("p", "pm-site-sub", W["app.subtitle"]));
    nav.appendChild(header);
    counter = el("p", "pm-site-count");
    counter.setAttribute("aria-live", "polite");
    nav.appendChild(counter);
    // what is on, always in view however long the lists below are: each chip takes its filter off
    chips = el("div", "pm-site-chips");
    chips.setAttribute("aria-label", W["filters.active"]);
    nav.appendChild(chips);
    embedBox = buildEmbedBox(W);
    nav.appendChild(embedBox.box);

    var form = el("form", "pm-site-form");
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (e) { e.preventDefault(); changed(); });
    var search = el("label", "pm-site-search"), q = el("input");
    q.type = "search"; q.name = "q"; q.placeholder = W["filters.search_placeholder"]; q.maxLength = 100;
    var timer = null;
    q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(changed, 150); });
    search.appendChild(el("span", null, W["filters.search"]));
    search.appendChild(q);
    inputs.q = q;
    form.appendChild(search);
    searchNote = el("div", "pm-site-nomatch");
    searchNote.setAttribute("aria-live", "polite");
    searchNote.hidden = true;
    form.appendChild(searchNote);
    checkboxes(form, W["filters.de_regions"], "de", site.regions.de, true);
    checkboxes(form, W["filters.ru_regions"], "ru", site.regions.ru, true);
    var years = el("fieldset", "pm-site-group pm-site-years");
    years.appendChild(el("legend", null, W["filters.years"]));
    years.appendChild(numberInput("≥", "from"));
    years.appendChild(numberInput("≤", "to"));
    form.appendChild(years);
    var S = config.state.strings;
    checkboxes(form, W["filters.kind"], "kind", site.kinds.map(function (k) { return [k, S["kind." + k]]; }));
    checkboxes(form, W["filters.status"], "status", site.statuses.map(function (k) { return [k, S["status." + k]]; }));
    checkboxes(form, W["filters.level"], "level", site.levels.map(function (k) { return [k, W["level." + k]]; }));
    var tiles = el("label", "pm-site-check pm-site-tiles"), tilesInput = el("input");
    tilesInput.type = "checkbox"; tilesInput.name = "tiles"; tilesInput.title = W["filters.tiles_help"];
    tilesInput.addEventListener("change", changed);
    tiles.appendChild(tilesInput);
    tiles.appendChild(el("span", null, W["filters.tiles"]));
    inputs.tiles = tilesInput;
    form.appendChild(tiles);
    var reset = el("button", "pm-btn pm-site-reset", W["present.all"]);
    reset.type = "button";
    reset.addEventListener("click", function () { var f = emptyFilter(); f.map = filter.map; apply(f, true); });
    form.appendChild(reset);
    nav.appendChild(form);
    var foot = el("footer", "pm-site-foot");
    if (site.updated) { foot.appendChild(el("p", null, site.updated)); }
    foot.appendChild(el("p", null, W["app.footer"]));
    nav.appendChild(foot);
  }

  /* The panel shows the filter. */
  function showFilter(f) {
    LISTS.forEach(function (k) {
      Object.keys(inputs[k]).forEach(function (v) { inputs[k][v].checked = f[k].indexOf(v) >= 0; });
    });
    inputs.from.value = f.from === null ? "" : f.from;
    inputs.to.value = f.to === null ? "" : f.to;
    if (inputs.q.value.trim() !== f.q) { inputs.q.value = f.q; }
    inputs.tiles.checked = f.tiles;
  }

  /* The filter the panel shows. */
  function panelFilter() {
    var f = emptyFilter();
    LISTS.forEach(function (k) {
      Object.keys(inputs[k]).forEach(function (v) { if (inputs[k][v].checked) { f[k].push(v); } });
    });
    f.from = year(inputs.from.value);
    f.to = year(inputs.to.value);
    f.q = inputs.q.value.trim().slice(0, 100);
    f.tiles = inputs.tiles.checked;
    f.town = filter.town;
    f.map = filter.map;
    return f;
  }

  function number(n) { return new Intl.NumberFormat(site.lang).format(n); }

  /* The map state for a filter (a new object each time, the words' object kept: no rebuild of the controls). */
  function stateFor(f) {
    var flags = flagsFor(f, data, index, site.years), shown = 0, off = 0;
    for (var i = 0; i < flags.length; i++) {
      if (!flags[i]) { continue; }
      shown++;
      var p = data.pairs[i];
      // not on the map: an end not placed, unless it is a proposal shown as its one place
      if ((p[0] < 0 || p[1] < 0) && !(data.statuses[p[3]] === "proposed" && (p[0] >= 0 || p[1] >= 0))) { off++; }
    }
    var W = site.words, line = fmt(W["app.count"], {shown: number(shown), total: number(flags.length)});
    if (off) { line += " · " + fmt(W["app.not_on_map_short"], {n: number(off)}); }
    if (f.from !== null || f.to !== null) {
      var unknown = 0;
      for (var j = 0; j < data.pairs.length; j++) { if (!data.pairs[j][2]) { unknown++; } }
      if (unknown) { line += " · " + fmt(W["app.unknown_year_hidden"], {n: number(unknown)}); }
    }
    if (counter) { counter.textContent = line; }
    return Object.assign({}, config.state, current || {}, {
      mask: shown === flags.length ? null : maskOf(flags), selected: f.town, tiles: f.tiles, years: f.from !== null || f.to !== null ? [f.from, f.to] : null
    });
  }

  function writeHash(f) {
    var hash = toHash(f);
    langLinks.forEach(function (l) { l.a.href = l.href + hash; });
    if (hash === (location.hash === "#" ? "" : location.hash)) { return; }
    written = hash;
    try {
      history.replaceState(null, "", hash || location.pathname + location.search);
    } catch (e) {
      location.replace(hash || "#");
    }
  }

  function apply(f, show) {
    filter = f;
    if (show) { showFilter(f); }
    current = stateFor(f);
    instance.setState(current);
    writeHash(f);
    showExtras();
  }

  /* --- what the panel says besides the lists -------------------------------- */
  /* Similarity of two folded strings, 0..1 (1 - Levenshtein distance / the longer length). */
  function ratio(a, b) {
    if (a === b) { return 1; }
    if (!a.length || !b.length) { return 0; }
    var prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) { prev[j] = j; }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return 1 - prev[b.length] / Math.max(a.length, b.length);
  }
  function foldedWords(text) {
    return (String(text || "").match(/[\p{L}\p{N}]+/gu) || []).map(function (w) { return fold(w); }).filter(Boolean);
  }
  /* How close a name is to a query, word order ignored and a missing word counting little
     (as rapidfuzz's WRatio, which dashboard.filters.suggest uses): 0..100. */
  function closeness(query, name) {
    var q = foldedWords(query), n = foldedWords(name);
    if (!q.length || !n.length) { return 0; }
    var best = Math.max(ratio(q.join(" "), n.join(" ")), ratio(q.slice().sort().join(" "), n.slice().sort().join(" ")));
    // every query word against its closest word of the name: "Kaluga Oblst" finds "Oblast Kaluga"
    var words = q.map(function (w) { return Math.max.apply(null, n.map(function (m) { return ratio(w, m); })); });
    var partial = words.reduce(function (a, b) { return a + b; }, 0) / words.length * (n.length > q.length ? 0.95 : 1);
    return Math.round(100 * Math.max(best, partial));
  }
  /* The names closest to ``query`` (at least ``cutoff``), best first; each found by ``finds(name)``
     (a name that finds nothing is no help), and no two that find the same pairs. */
  function closest(query, names, finds, limit, cutoff) {
    limit = limit || 3;
    cutoff = cutoff === undefined ? 65 : cutoff;
    var scored = [];
    names.forEach(function (name) {
      var c = closeness(query, name);
      if (c >= cutoff) { scored.push([c, name]); }
    });
    scored.sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : 1); });
    var out = [], seen = {};
    for (var k = 0; k < scored.length && out.length < limit && k < limit * 4; k++) {
      var found = finds ? finds(scored[k][1]) : "1";
      if (found && !seen[found]) { seen[found] = 1; out.push(scored[k][1]); }
    }
    return out;
  }
  /* Every place and region name of the data in the three languages, once each (filters.place_names). */
  function placeNames() {
    var seen = {}, out = [];
    function add(name) { var k = foldedWords(name).join(" "); if (k && !seen[k]) { seen[k] = 1; out.push(name); } }
    data.places.forEach(function (p) { add(p[4]); add(p[5]); add(p[6]); });
    Object.keys(data.regions || {}).forEach(function (code) { data.regions[code].forEach(add); });
    return out;
  }

  function chip(text, remove) {
    var b = el("button", "pm-site-chip");
    b.type = "button";
    b.appendChild(el("span", null, text));
    b.appendChild(el("span", "pm-site-chip-x", "✕"));
    b.title = fmt(site.words["filters.remove"], {filter: text});
    b.setAttribute("aria-label", b.title);
    b.addEventListener("click", function () { var f = Object.assign({}, filter); remove(f); apply(f, true); });
    return b;
  }
  function without(list, v) { return list.filter(function (x) { return x !== v; }); }

  function showChips() {
    var W = site.words, S = config.state.strings, names = {};
    site.regions.de.concat(site.regions.ru).forEach(function (r) { names[r[0]] = r[1]; });
    chips.textContent = "";
    var f = filter;
    if (f.town && known.town[f.town] !== undefined) {
      chips.appendChild(chip(instance.model.placeName(known.town[f.town], site.lang), function (g) { g.town = ""; }));
    }
    if (f.q) { chips.appendChild(chip(site.quote[0] + f.q + site.quote[1], function (g) { g.q = ""; })); }
    ["de", "ru"].forEach(function (k) {
      f[k].forEach(function (v) { chips.appendChild(chip(names[v] || v, function (g) { g[k] = without(g[k], v); })); });
    });
    if (f.from !== null || f.to !== null) {
      chips.appendChild(chip((f.from !== null ? f.from : "…") + "–" + (f.to !== null ? f.to : "…"), function (g) { g.from = null; g.to = null; }));
    }
    f.kind.forEach(function (v) { chips.appendChild(chip(S["kind." + v], function (g) { g.kind = without(g.kind, v); })); });
    f.status.forEach(function (v) { chips.appendChild(chip(S["status." + v], function (g) { g.status = without(g.status, v); })); });
    f.level.forEach(function (v) { chips.appendChild(chip(W["level." + v], function (g) { g.level = without(g.level, v); })); });
    chips.hidden = !chips.childNodes.length;
  }

  /* A search that finds nothing: say so, and offer the closest names that find something under the other filters. */
  function showSearchNote() {
    var W = site.words, f = filter;
    searchNote.textContent = "";
    searchNote.hidden = true;
    if (!f.q) { return; }
    var flags = flagsFor(f, data, index, site.years);
    for (var i = 0; i < flags.length; i++) { if (flags[i]) { return; } }
    searchNote.appendChild(el("p", null, fmt(W["search.none"], {query: site.quote[0] + f.q + site.quote[1]})));
    var others = Object.assign({}, f);
    var names = closest(f.q, placeNames(), function (name) {
      others.q = name;
      var hits = flagsFor(others, data, index, site.years);
      for (var j = 0; j < hits.length; j++) { if (hits[j]) { return maskOf(hits); } }
      return "";
    });
    if (names.length) {
      searchNote.appendChild(el("p", null, W["search.closest"]));
      var row = el("div", "pm-site-suggest");
      names.forEach(function (name) {
        var b = el("button", "pm-btn", name);
        b.type = "button";
        b.addEventListener("click", function () { var g = Object.assign({}, filter, {q: name}); apply(g, true); });
        row.appendChild(b);
      });
      searchNote.appendChild(row);
    }
    searchNote.hidden = false;
  }

  /* The place's <iframe> to copy (embed.js writes it), in the page's language. */
  function buildEmbedBox(W) {
    var box = el("section", "pm-site-embed"), area = el("textarea"), copy = el("button", "pm-btn", W["embed.copy"]);
    var id = "pm-site-embed-code";
    box.hidden = true;
    var head = el("h2", null, W["embed.box"]);
    var label = el("label", null, W["embed.box_help"]);
    label.htmlFor = id;
    area.id = id;
    area.readOnly = true;
    area.rows = 4;
    area.spellcheck = false;
    area.addEventListener("focus", function () { area.select(); });
    copy.type = "button";
    var done = el("span", "pm-site-copied");
    done.setAttribute("role", "status");
    copy.addEventListener("click", function () {
      area.select();
      var ok = function () { done.textContent = W["embed.copied"]; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(area.value).then(ok, function () { if (document.execCommand("copy")) { ok(); } });
      } else if (document.execCommand("copy")) { ok(); }
    });
    box.appendChild(head);
    box.appendChild(label);
    box.appendChild(area);
    var row = el("div", "pm-site-copy");
    row.appendChild(copy);
    row.appendChild(done);
    box.appendChild(row);
    return {box: box, area: area, done: done};
  }

  function showEmbedBox() {
    var p = filter.town ? instance.model.placeOf(filter.town) : -1;
    embedBox.box.hidden = p < 0 || !window.PartnerMap.embedSnippet;
    if (embedBox.box.hidden) { return; }
    var name = instance.model.placeName(p, site.lang), url = new URL(site.embed, location.href).href;
    var code = window.PartnerMap.embedSnippet(url, filter.town, site.lang, fmt(site.words["embed.frame_title"], {place: name}));
    if (embedBox.area.value !== code) { embedBox.area.value = code; embedBox.done.textContent = ""; }
  }

  function showExtras() {
    if (!chips) { return; }
    showChips();
    showSearchNote();
    showEmbedBox();
  }

  function changed() { apply(panelFilter(), false); }

  function viewString() {
    var c = instance.map.getCenter(), z = instance.map.getZoom();
    return (Math.round(z * 100) / 100) + "/" + c.lat.toFixed(3) + "/" + c.lng.toFixed(3);
  }

  function restoreView(f) {
    if (!f.map) { return; }
    var v = f.map.split("/").map(Number);
    instance.map.setView([v[1], v[2]], v[0], {animate: false});
  }

  window.PartnerMapSite = {
    fold: fold,
    maskOf: maskOf,
    parseHash: parseHash,
    toHash: toHash,
    readFilter: readFilter,
    flagsFor: flagsFor,
    closeness: closeness,
    closest: closest,
    /* The pairs (indices) that the filter in a hash lets through (for tests and scripts). */
    shown: function (hash) {
      var flags = flagsFor(readFilter(parseHash(hash), known), data, index, site.years), out = [];
      for (var i = 0; i < flags.length; i++) { if (flags[i]) { out.push(i); } }
      return out;
    },
    /* The first state of the map: the filter in the address, or everything. */
    start: function (api, cfg) {
      instance = api; config = cfg; data = api.data; index = window.PM_SITE_INDEX;
      site = JSON.parse(document.getElementById("pm-site-config").textContent);
      known = {town: {}};
      LISTS.forEach(function (k) { known[k] = {}; });
      site.regions.de.forEach(function (r) { known.de[r[0]] = 1; });
      site.regions.ru.forEach(function (r) { known.ru[r[0]] = 1; });
      site.kinds.forEach(function (v) { known.kind[v] = 1; });
      site.statuses.forEach(function (v) { known.status[v] = 1; });
      site.levels.forEach(function (v) { known.level[v] = 1; });
      data.keys.forEach(function (k, i) { known.town[k] = i; });
      buildPanel();
      filter = readFilter(parseHash(location.hash), known);
      showFilter(filter);
      current = stateFor(filter);
      return current;
    },
    /* After the first drawing: the view from the address, then follow the map and the address. */
    started: function () {
      restoreView(filter);
      writeHash(filter);
      showExtras();
      instance.map.on("moveend", function () {
        filter.map = viewString();
        writeHash(filter);
      });
      window.addEventListener("hashchange", function () {
        if (location.hash === written) { return; }
        var f = readFilter(parseHash(location.hash), known);
        apply(f, true);
        restoreView(f);
      });
    },
    /* A place clicked on the map (or its selection ended). */
    selected: function (key) {
      filter.town = key || "";
      if (current) { current = Object.assign({}, current, {selected: filter.town}); }
      writeHash(filter);
      showExtras();
    },
    get filter() { return filter; }
  };
})(typeof window !== "undefined" ? window : globalThis);
