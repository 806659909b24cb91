/* site-panel.js — the static site's panel beside the map (python -m dashboard.site):
 * the language links, the count, the active filters as chips (each removable),
 * the selected place's <iframe> snippet (embed.js writes it), the search with
 * what it says when nothing matches (the closest names, as
 * dashboard.filters.suggest offers them), and the lists of Land, federal
 * subject, years, kind, status and level. site.js owns the filter and the
 * address and hands its state in (``host``); every text goes on the page with
 * textContent. closeness and closest are checked by tests/js/embed.test.mjs. */
(function (window) {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* --- the closest names to a search (pure) ----------------------------------- */
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
    return (String(text || "").match(/[\p{L}\p{N}]+/gu) || []).map(function (w) { return window.PartnerMapSite.fold(w); })  // the search's own folding (site.js).filter(Boolean);
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

  /* host: site.js's state and actions {site, config, data, index, known, instance, LISTS, filter (the current one),
     apply(f, show), changed(), emptyFilter(), year(v), flagsFor, maskOf, fold, fmt}; returns the panel. */
  function create(h) {
    var site = h.site, config = h.config, data = h.data, index = h.index, known = h.known, instance = h.instance;
    var inputs = {}, counter = null, langLinks = [], chips = null, searchNote = null, embedBox = null;

    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) { node.className = cls; }
      if (text !== undefined && text !== null) { node.textContent = String(text); }
      return node;
    }


    function checkboxes(parent, legendText, key, options, scroll) {
      var box = el("fieldset", "pm-site-group"), legend = el("legend", null, legendText);
      box.appendChild(legend);
      var list = el("div", scroll ? "pm-site-list pm-site-scroll" : "pm-site-list");
      inputs[key] = {};
      options.forEach(function (o) {
        var label = el("label", "pm-site-check"), input = el("input");
        input.type = "checkbox"; input.value = o[0]; input.name = key;
        input.addEventListener("change", h.changed);
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
      input.addEventListener("change", h.changed);
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
      form.addEventListener("submit", function (e) { e.preventDefault(); h.changed(); });
      var search = el("label", "pm-site-search"), q = el("input");
      q.type = "search"; q.name = "q"; q.placeholder = W["filters.search_placeholder"]; q.maxLength = 100;
      var timer = null;
      q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(h.changed, 150); });
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
      tilesInput.addEventListener("change", h.changed);
      tiles.appendChild(tilesInput);
      tiles.appendChild(el("span", null, W["filters.tiles"]));
      inputs.tiles = tilesInput;
      form.appendChild(tiles);
      var reset = el("button", "pm-btn pm-site-reset", W["present.all"]);
      reset.type = "button";
      reset.addEventListener("click", function () { var f = h.emptyFilter(); f.map = h.filter.map; h.apply(f, true); });
      form.appendChild(reset);
      nav.appendChild(form);
      var foot = el("footer", "pm-site-foot");
      if (site.updated) { foot.appendChild(el("p", null, site.updated)); }
      foot.appendChild(el("p", null, W["app.footer"]));
      nav.appendChild(foot);
    }

    /* The panel shows the filter. */
    function showFilter(f) {
      h.LISTS.forEach(function (k) {
        Object.keys(inputs[k]).forEach(function (v) { inputs[k][v].checked = f[k].indexOf(v) >= 0; });
      });
      inputs.from.value = f.from === null ? "" : f.from;
      inputs.to.value = f.to === null ? "" : f.to;
      if (inputs.q.value.trim() !== f.q) { inputs.q.value = f.q; }
      inputs.tiles.checked = f.tiles;
    }

    /* The filter the panel shows. */
    function panelFilter() {
      var f = h.emptyFilter();
      h.LISTS.forEach(function (k) {
        Object.keys(inputs[k]).forEach(function (v) { if (inputs[k][v].checked) { f[k].push(v); } });
      });
      f.from = h.year(inputs.from.value);
      f.to = h.year(inputs.to.value);
      f.q = inputs.q.value.trim().slice(0, 100);
      f.tiles = inputs.tiles.checked;
      f.town = h.filter.town;
      f.map = h.filter.map;
      return f;
    }


    /* --- what the panel says besides the lists -------------------------------- */
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
      b.title = h.fmt(site.words["filters.remove"], {filter: text});
      b.setAttribute("aria-label", b.title);
      b.addEventListener("click", function () { var f = Object.assign({}, h.filter); remove(f); h.apply(f, true); });
      return b;
    }
    function without(list, v) { return list.filter(function (x) { return x !== v; }); }

    function showChips() {
      var W = site.words, S = config.state.strings, names = {};
      site.regions.de.concat(site.regions.ru).forEach(function (r) { names[r[0]] = r[1]; });
      chips.textContent = "";
      var f = h.filter;
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
      var W = site.words, f = h.filter;
      searchNote.textContent = "";
      searchNote.hidden = true;
      if (!f.q) { return; }
      var flags = h.flagsFor(f, data, index, site.years);
      for (var i = 0; i < flags.length; i++) { if (flags[i]) { return; } }
      searchNote.appendChild(el("p", null, h.fmt(W["search.none"], {query: site.quote[0] + f.q + site.quote[1]})));
      var others = Object.assign({}, f);
      var names = closest(f.q, placeNames(), function (name) {
        others.q = name;
        var hits = h.flagsFor(others, data, index, site.years);
        for (var j = 0; j < hits.length; j++) { if (hits[j]) { return h.maskOf(hits); } }
        return "";
      });
      if (names.length) {
        searchNote.appendChild(el("p", null, W["search.closest"]));
        var row = el("div", "pm-site-suggest");
        names.forEach(function (name) {
          var b = el("button", "pm-btn", name);
          b.type = "button";
          b.addEventListener("click", function () { var g = Object.assign({}, h.filter, {q: name}); h.apply(g, true); });
          row.appendChild(b);
        });
        searchNote.appendChild(row);
      }
      searchNote.hidden = false;
    }

    /* The place's <iframe> to copy (embed.js writes it), in the page's language. */
    function buildEmbedBox(W) {
      var box = el("section", "pm-site-embed pm-embed-box"), area = el("textarea"), copy = el("button", "pm-btn", W["embed.copy"]);
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
      var done = el("span", "pm-site-copied pm-embed-copied");
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
      var row = el("div", "pm-site-copy pm-embed-copy");
      row.appendChild(copy);
      row.appendChild(done);
      box.appendChild(row);
      return {box: box, area: area, done: done};
    }

    function showEmbedBox() {
      var p = h.filter.town ? instance.model.placeOf(h.filter.town) : -1;
      embedBox.box.hidden = p < 0 || !window.PartnerMap.embedSnippet;
      if (embedBox.box.hidden) { return; }
      var name = instance.model.placeName(p, site.lang), url = new URL(site.embed, location.href).href;
      var code = window.PartnerMap.embedSnippet(url, h.filter.town, site.lang, h.fmt(site.words["embed.frame_title"], {place: name}));
      if (embedBox.area.value !== code) { embedBox.area.value = code; embedBox.done.textContent = ""; }
    }

    function showExtras() {
      if (!chips) { return; }
      showChips();
      showSearchNote();
      showEmbedBox();
    }

    return {
      build: buildPanel, show: showFilter, read: panelFilter, update: showExtras, inputs: inputs, langLinks: langLinks,
      get counter() { return counter; }
    };
  }

  window.PartnerMapSitePanel = {create: create, closeness: closeness, closest: closest};
})(typeof window !== "undefined" ? window : globalThis);
