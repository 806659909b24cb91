/* store.js — the map's state and what follows from it, computed once per change.
 *
 * The state is what the app sends (lang, strings, mask, selected, mode, tiles,
 * title, focus, years: the filter's [from, to] founding years, null for an open
 * end) plus what the viewer does in the browser (year: the timeline,
 * null = today; playing: the timeline runs; tour: the conference being toured,
 * -1 = none). `set(patch)`
 * changes it and tells every subscriber which keys changed; `get(name)` gives
 * a derived value (the shown pairs, the places' counts, the selection …),
 * recomputed only when a state key it depends on has changed since, so the
 * main map and the inset, and every layer of each, share one computation.
 */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var TOUR_RADIUS_KM = 15;  // a host's partners: pairs with an end this close to the host city
  var FEW_PAIRS = 3;        // at most this many pairs shown: every end is named

  var INITIAL = {lang: "de", strings: {}, mask: null, selected: "", mode: "normal", tiles: false, title: "", focus: null,
                 years: null, year: null, playing: false, tour: -1};

  function Store(model) {
    this.model = model;
    this.state = Object.assign({}, INITIAL);
    this._version = {};
    this._memo = {};
    this._subscribers = [];
    Object.keys(INITIAL).forEach(function (k) { this._version[k] = 0; }, this);
  }

  /* name: [state keys it depends on, function (store) -> value] */
  var DERIVED = {
    // flags per pair: the app's filter
    shown: [["mask"], function (s) { return PM.decodeMask(s.state.mask, s.model.nPairs); }],
    // flags per pair: the filter and the timeline
    visible: [["mask", "year"], function (s) {
      var shown = s.get("shown"), m = s.model, out = new Uint8Array(m.nPairs), y = s.state.year;
      for (var i = 0; i < m.nPairs; i++) { out[i] = shown[i] && m.inYear(i, y) ? 1 : 0; }
      return out;
    }],
    // the status code of every pair in the timeline's year
    status: [["year"], function (s) {
      var m = s.model, out = new Int8Array(m.nPairs);
      for (var i = 0; i < m.nPairs; i++) { out[i] = m.statusIn(i, s.state.year); }
      return out;
    }],
    // per place: its visible pairs (its symbol's size, its label's rank); a place with none is not drawn
    placeCount: [["mask", "year"], function (s) {
      var m = s.model, vis = s.get("visible"), out = new Int32Array(m.nPlaces);
      for (var i = 0; i < m.nPairs; i++) {
        if (!vis[i]) { continue; }
        if (m.de(i) >= 0) { out[m.de(i)]++; }
        if (m.ru(i) >= 0) { out[m.ru(i)]++; }
      }
      return out;
    }],
    // per place: its symbol's radius, by its number of partnerships (places at one spot share a symbol: clusters.js)
    radius: [["mask", "year", "mode"], function (s) {
      var m = s.model, count = s.get("placeCount"), out = new Float32Array(m.nPlaces);
      var big = s.state.mode === "present" ? 1.35 : 1;
      for (var p = 0; p < m.nPlaces; p++) { if (count[p]) { out[p] = Math.min(4 + 1.8 * Math.sqrt(count[p]), 13) * big; } }
      return out;
    }],
    // per place: how much it matters on the map (population and shown partnerships: labels.importance)
    importance: [["mask", "year"], function (s) {
      var m = s.model, count = s.get("placeCount"), out = new Float32Array(m.nPlaces);
      for (var p = 0; p < m.nPlaces; p++) {
        if (count[p]) { out[p] = PM.labels.importance({population: m.population(p), count: count[p], level: m.levelCode(p)}); }
      }
      return out;
    }],
    // flags per place that must be named and stay a symbol of their own: the selected place and its
    // partners, a tour step's places, both ends of the pair shown on the map, and every end when at most
    // a few pairs are shown
    named: [["selected", "tour", "mask", "year", "focus"], function (s) {
      var m = s.model, out = new Uint8Array(m.nPlaces), partners = s.get("partners"), sel = s.get("selectedPlace");
      var vis = s.get("visible"), tour = s.get("tourFocus"), few = s.get("counts").shown <= FEW_PAIRS;
      for (var p = 0; p < m.nPlaces; p++) { if (partners[p]) { out[p] = 1; } }
      if (sel >= 0) { out[sel] = 1; }
      if (tour) { tour.ends.forEach(function (p) { out[p] = 1; }); }
      var focus = s.state.focus && s.state.focus.id ? m.pairOf(s.state.focus.id) : -1;
      for (var i = 0; i < m.nPairs; i++) {
        if (i !== focus && !(few && vis[i])) { continue; }
        if (m.de(i) >= 0) { out[m.de(i)] = 1; }
        if (m.ru(i) >= 0) { out[m.ru(i)] = 1; }
      }
      return out;
    }],
    // the conferences whose badges are drawn: those held in the shown years (the filter's years from
    // the app, up to the timeline's year), in the data's order
    conferencesShown: [["years", "year"], function (s) {
      var years = s.state.years || [null, null], low = years[0], high = years[1], y = s.state.year;
      if (y !== null && y !== undefined && (high === null || high === undefined || y < high)) { high = y; }
      var out = [];
      s.model.conferences().forEach(function (c, n) {
        if ((low === null || low === undefined || c.year >= low) && (high === null || high === undefined || c.year <= high)) { out.push(n); }
      });
      return out;
    }],
    // a large dataset's overview: flows between Land and federal subject, with each region's total
    flows: [["mask", "year"], function (s) {
      var m = s.model, vis = s.get("visible"), status = s.get("status"), flows = {}, totals = {};
      for (var i = 0; i < m.nPairs; i++) {
        if (!vis[i] || !m.isArc(i)) { continue; }
        var a = m.region(m.de(i)), b = m.region(m.ru(i));
        if (!a || !b) { continue; }
        var k = a + "|" + b, f = flows[k] = flows[k] || {a: a, b: b, n: 0, st: {}};
        f.n++;
        f.st[status[i]] = (f.st[status[i]] || 0) + 1;
        totals[a] = (totals[a] || 0) + 1;
        totals[b] = (totals[b] || 0) + 1;
      }
      var list = Object.keys(flows).map(function (k) {
        var f = flows[k], top = 0, best = m.statuses.indexOf("unknown");
        Object.keys(f.st).forEach(function (st) { if (f.st[st] > top) { top = f.st[st]; best = +st; } });
        return {a: f.a, b: f.b, n: f.n, status: best};
      });
      return {flows: list, totals: totals};
    }],
    counts: [["mask", "year"], function (s) {
      var m = s.model, vis = s.get("visible"), shown = 0, onMap = 0, arcs = 0;
      for (var i = 0; i < m.nPairs; i++) {
        if (!vis[i]) { continue; }
        shown++;
        if (m.onMap(i)) { onMap++; }
        if (m.isArc(i)) { arcs++; }
      }
      return {shown: shown, onMap: onMap, arcs: arcs};
    }],
    // the timeline's axis: the first founding year among the shown pairs to the data's last year (from Python)
    axis: [["mask"], function (s) {
      var m = s.model, shown = s.get("shown"), first = 0;
      for (var i = 0; i < m.nPairs; i++) {
        var y = m.since(i);
        if (y && shown[i] && (!first || y < first)) { first = y; }
      }
      return {first: first || m.firstYear, last: m.lastYear};
    }],
    // the statuses the legend lists: those the shown pairs have in the timeline's year
    statusesSeen: [["mask", "year"], function (s) {
      var m = s.model, shown = s.get("shown"), status = s.get("status"), seen = {};
      for (var i = 0; i < m.nPairs; i++) { if (shown[i]) { seen[status[i]] = 1; } }
      return seen;
    }],
    selectedPlace: [["selected"], function (s) { return s.model.placeOf(s.state.selected); }],
    tourFocus: [["tour", "mask"], function (s) { return s.state.tour < 0 ? null : tourPartners(s.model, s.get("shown"), s.state.tour); }],
    // flags per pair: what is highlighted (the tour's host's pairs, else the selected place's), or null
    focus: [["selected", "tour", "mask"], function (s) {
      var tour = s.get("tourFocus");
      if (tour) { return tour.ids; }
      var p = s.get("selectedPlace"), m = s.model;
      if (p < 0) { return null; }
      var out = new Uint8Array(m.nPairs);
      for (var i = 0; i < m.nPairs; i++) { if (m.de(i) === p || m.ru(i) === p) { out[i] = 1; } }
      return out;
    }],
    // flags per place: the other ends of the selected place's shown pairs (named first)
    partners: [["selected", "tour", "mask"], function (s) {
      var focus = s.get("focus"), shown = s.get("shown"), m = s.model, out = new Uint8Array(m.nPlaces);
      if (!focus) { return out; }
      for (var i = 0; i < m.nPairs; i++) {
        if (!focus[i] || !shown[i]) { continue; }
        if (m.de(i) >= 0) { out[m.de(i)] = 1; }
        if (m.ru(i) >= 0) { out[m.ru(i)] = 1; }
      }
      return out;
    }]
  };

  /* The pairs with an end within TOUR_RADIUS_KM of conference n's host, and their ends. */
  function tourPartners(model, shown, n) {
    var c = model.conferences()[n], ids = new Uint8Array(model.nPairs), ends = {}, count = 0;
    if (!c) { return null; }
    for (var i = 0; i < model.nPairs; i++) {
      if (!shown[i]) { continue; }
      var e = [model.de(i), model.ru(i)];
      for (var k = 0; k < 2; k++) {
        if (e[k] >= 0 && PM.geometry.distanceKm(model.latLng(e[k]), [c.lat, c.lon]) < TOUR_RADIUS_KM) {
          if (!ids[i]) { count++; }
          ids[i] = 1;
          if (e[0] >= 0) { ends[e[0]] = 1; }
          if (e[1] >= 0) { ends[e[1]] = 1; }
        }
      }
    }
    return {conference: c, ids: ids, ends: Object.keys(ends).map(Number), count: count};
  }

  Store.prototype = {
    get: function (name) {
      var spec = DERIVED[name], memo = this._memo[name], self = this;
      var stamp = spec[0].map(function (k) { return self._version[k]; }).join(",");
      if (!memo || memo.stamp !== stamp) {
        memo = this._memo[name] = {stamp: stamp, value: spec[1](this)};
      }
      return memo.value;
    },
    /* Change the state; subscribers hear once, with the keys that changed. */
    set: function (patch) {
      var changed = {}, any = false;
      Object.keys(patch).forEach(function (k) {
        if (!(k in INITIAL) || patch[k] === this.state[k]) { return; }
        this.state[k] = patch[k];
        this._version[k]++;
        changed[k] = true;
        any = true;
      }, this);
      if (any) { this._subscribers.slice().forEach(function (fn) { fn(changed); }); }
      return changed;
    },
    subscribe: function (fn) {
      this._subscribers.push(fn);
      var list = this._subscribers;
      return function () { var i = list.indexOf(fn); if (i >= 0) { list.splice(i, 1); } };
    },
    /* the view's words */
    w: function (key) { return (this.state.strings && this.state.strings[key]) || key; },
    plural: function (key, n) {
      var forms = (this.state.strings && this.state.strings[key]) || {}, rule = "other";
      try { rule = new Intl.PluralRules(this.state.lang).select(n); } catch (e) { /* old browser: "other" */ }
      var text = forms[rule] || forms.other || String(n);
      return text.replace("{n}", new Intl.NumberFormat(this.state.lang).format(n));
    }
  };

  PM.Store = Store;
  PM.Store.DERIVED = Object.keys(DERIVED);
})(typeof window !== "undefined" ? window : globalThis);
