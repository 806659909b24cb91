/* site.js — the static site's filter and address (python -m dashboard.site);
 * the panel that shows and changes them is site-panel.js.
 *
 * Filters as dashboard/filters.py does, in the browser: Land, federal subject,
 * founding years, kind, status, level, and a search over place and region
 * names in three languages, in any word order (words prepared by dashboard/site.py
 * with the dashboard's own search code). The result goes to the map as a bit
 * mask (as mapdata.bit_mask). The filter and the view live in the address's
 * hash (#de=DE-TH&from=1990&map=5/52.5/30), which works from file:// too. The
 * panel's words come from the "pm-site-config" element. standalone.js calls
 * start(), selected(), started().
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

  /* --- the controller (the panel itself: site-panel.js) ------------------------- */
  var site = null, instance = null, config = null, data = null, index = null, known = null;
  var filter = emptyFilter(), current = null, written = null, panel = null;
  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
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
    if (panel) { panel.counter.textContent = line; }
    return Object.assign({}, config.state, current || {}, {
      mask: shown === flags.length ? null : maskOf(flags), selected: f.town, tiles: f.tiles, years: f.from !== null || f.to !== null ? [f.from, f.to] : null
    });
  }

  function writeHash(f) {
    var hash = toHash(f);
    if (panel) { panel.langLinks.forEach(function (l) { l.a.href = l.href + hash; }); }
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
    if (show) { panel.show(f); }
    current = stateFor(f);
    instance.setState(current);
    writeHash(f);
    panel.update();
  }

  function changed() { apply(panel.read(), false); }

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
      panel = window.PartnerMapSitePanel.create({
        site: site, config: config, data: data, index: index, known: known, instance: instance, LISTS: LISTS,
        get filter() { return filter; }, apply: apply, changed: changed, emptyFilter: emptyFilter, year: year,
        flagsFor: flagsFor, maskOf: maskOf, fmt: fmt});
      panel.build();
      filter = readFilter(parseHash(location.hash), known);
      panel.show(filter);
      current = stateFor(filter);
      return current;
    },
    /* After the first drawing: the view from the address, then follow the map and the address. */
    started: function () {
      restoreView(filter);
      writeHash(filter);
      panel.update();
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
      panel.update();
    },
    get filter() { return filter; }
  };
})(typeof window !== "undefined" ? window : globalThis);
