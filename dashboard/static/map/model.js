/* model.js — the map's data, read through named accessors.
 *
 * THE DATA FORMAT (written by dashboard/mapdata.py `dataset()`, read only here):
 *
 *   {
 *     v: 1,
 *     statuses: ["active", "suspended", "ended", "proposed", "unknown"],   // index = status code
 *     kinds:    ["partnership", "friendship"],                             // index = kind code
 *     levels:   ["municipality", "district", "region"],                    // index = level code
 *     style:    {status: {color: "#0072B2", dash: "8 6" | null}},
 *     regions:  {"DE-TH": ["Thüringen", "Тюрингия", "Thuringia"], ...},   // names in de, ru, en
 *     years:    [first, last],    // the year axis (dashboard.filters.year_bounds): the timeline ends at `last`
 *     places:   [[lat, lon, side (0 de, 1 ru), level code, name, name_ru, name_en, region code,
 *                 population], ...],   // the gazetteer's population of the matched place (a region or district:
 *                                      // its capital or seat; 0 or absent: not known), for ranking names
 *     keys:     ["de:Suhl", ...],  // one per place, in the same order: what the app calls a place
 *     ids:      ["suhl-kaluga", ...],  // one per pair
 *     pairs:    [[de place | -1, ru place | -1, founding year | 0, status code, kind code, level code,
 *                 (optional) [[year, status code], ...]  // dated status changes, oldest first (geo.counts)
 *               ], ...],
 *     off_map:  [pair index, ...],  // pairs the map cannot show (geo.counts.on_map_mask is false)
 *     conferences: [{number, roman: "XI", year, lat, lon, host: {de, ru, en}, start, end,
 *                    motto: {de, ru, en | orig}, motto_lang, co_hosts: {de, ru, en}, participants: [min, max],
 *                    source: [url, ...]}, ...],
 *     corrections: "daten@example.org" | "https://…/issues/new"   // (optional) where "report an error" writes to
 *   }
 *
 * A place end of -1 is a partner that could not be placed. The rules that
 * Python also runs (status in a year, the timeline's "founded by", the mask)
 * are here once and checked against Python's answers (tests/js, golden vectors
 * written by tests/test_js.py).
 */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var LANG_INDEX = {de: 0, ru: 1, en: 2};

  function Model(data) {
    this.data = data;
    this.places = data.places;
    this.pairs = data.pairs;
    this.statuses = data.statuses;
    this.nPlaces = data.places.length;
    this.nPairs = data.pairs.length;
    this.keyIndex = {};
    for (var i = 0; i < data.keys.length; i++) { this.keyIndex[data.keys[i]] = i; }
    this.offMap = new Uint8Array(this.nPairs);
    (data.off_map || []).forEach(function (i) { this.offMap[i] = 1; }, this);
    var years = data.years || [0, 0];
    this.firstYear = years[0];
    this.lastYear = years[1];
    this._proposed = data.statuses.indexOf("proposed");
    this._active = data.statuses.indexOf("active");
    this.regionCentre = regionCentres(data.places);
  }

  Model.prototype = {
    /* --- places --- */
    lat: function (p) { return this.places[p][0]; },
    lon: function (p) { return this.places[p][1]; },
    latLng: function (p) { return [this.places[p][0], this.places[p][1]]; },
    side: function (p) { return this.places[p][2]; },            // 0 German, 1 Russian
    levelCode: function (p) { return this.places[p][3]; },       // 0 town, 1 district, 2 region
    level: function (p) { return this.data.levels[this.places[p][3]]; },
    region: function (p) { return this.places[p][7]; },
    population: function (p) { return this.places[p][8] || 0; },
    key: function (p) { return this.data.keys[p]; },
    placeOf: function (key) { var i = this.keyIndex[key]; return i === undefined ? -1 : i; },
    placeName: function (p, lang) {
      var row = this.places[p];
      if (lang === "ru") { return row[5] || row[4]; }
      if (lang === "en") { return row[6] || row[4]; }
      return row[4];
    },
    regionName: function (code, lang) {
      var names = (this.data.regions || {})[code];
      if (!names) { return code; }
      return names[LANG_INDEX[lang] || 0] || names[0];
    },

    /* --- pairs --- */
    de: function (i) { return this.pairs[i][0]; },
    ru: function (i) { return this.pairs[i][1]; },
    since: function (i) { return this.pairs[i][2]; },            // 0: not known
    statusCode: function (i) { return this.pairs[i][3]; },       // today's status
    kind: function (i) { return this.data.kinds[this.pairs[i][4]]; },
    pairLevel: function (i) { return this.data.levels[this.pairs[i][5]]; },
    changes: function (i) { return this.pairs[i][6] || null; },
    id: function (i) { return this.data.ids[i]; },
    pairOf: function (id) { return this.data.ids.indexOf(id); },
    isArc: function (i) { return this.pairs[i][0] >= 0 && this.pairs[i][1] >= 0; },
    /* an arc, or a proposal's one place (the fact comes from Python: geo.counts.on_map_mask) */
    onMap: function (i) { return !this.offMap[i]; },
    status: function (code) { return this.statuses[code]; },
    style: function (code) { return this.data.style[this.statuses[code]] || this.data.style.unknown; },

    /* The status code of pair i in `year` (null: today), as geo.counts.status_in_year
       without the founding check: the latest dated change up to that year, else
       active (proposed for a proposal); a pair without changes keeps today's status. */
    statusIn: function (i, year) {
      var code = this.pairs[i][3];
      if (year === null || year === undefined) { return code; }
      var changes = this.pairs[i][6];
      if (!changes) { return code; }
      var current = code === this._proposed ? this._proposed : this._active;
      for (var k = 0; k < changes.length; k++) { if (changes[k][0] <= year) { current = changes[k][1]; } }
      return current;
    },
    /* geo.counts.status_in_year: the status name, or null before the pair was founded
       (a pair whose founding year is unknown exists in every year). */
    statusInYear: function (i, year) {
      var since = this.pairs[i][2];
      if (since && since > year) { return null; }
      return this.statuses[this.statusIn(i, year)];
    },
    /* The timeline at `year` shows what the filter "founded up to `year`" shows
       (dashboard.filters.apply with year_to=year): a pair of unknown founding
       year only at the axis end (year null), where nothing is narrowed. */
    inYear: function (i, year) {
      if (year === null || year === undefined || year >= this.lastYear) { return true; }
      var since = this.pairs[i][2];
      return since > 0 && since >= this.firstYear && since <= year;
    },

    /* where a reader reports an error in a row (data/metadata.json): an e-mail address, an issue tracker, or "" */
    corrections: function () { return this.data.corrections || ""; },

    /* --- conferences --- */
    conferences: function () { return this.data.conferences || []; },
    hostName: function (c, lang) { return c.host[lang] || c.host.de; }
  };

  function regionCentres(places) {
    var sums = {}, out = {};
    places.forEach(function (p) {
      var c = p[7];
      if (!c) { return; }
      var t = sums[c] = sums[c] || {lat: 0, lon: 0, n: 0};
      t.lat += p[0]; t.lon += p[1]; t.n++;
    });
    Object.keys(sums).forEach(function (c) { out[c] = {lat: sums[c].lat / sums[c].n, lon: sums[c].lon / sums[c].n}; });
    return out;
  }

  /* Which pairs are shown: the state's mask (dashboard.mapdata.shown_mask) as one flag per pair.
     null: all; "i:" + positions in base 36: a small selection; else base64, bit i&7 of byte i>>3. */
  function decodeMask(mask, n) {
    var shown = new Uint8Array(n);
    if (mask === null || mask === undefined) { shown.fill(1); return shown; }
    if (mask.slice(0, 2) === "i:") {
      mask.slice(2).split(",").forEach(function (p) {
        var i = parseInt(p, 36);
        if (p && i >= 0 && i < n) { shown[i] = 1; }
      });
      return shown;
    }
    var bin = atobSafe(mask);
    for (var i = 0; i < n; i++) { shown[i] = ((bin.charCodeAt(i >> 3) || 0) >> (i & 7)) & 1; }
    return shown;
  }
  function atobSafe(text) {
    if (typeof atob === "function") { return atob(text); }
    return Buffer.from(text, "base64").toString("latin1");  // node (tests)
  }

  PM.Model = Model;
  PM.decodeMask = decodeMask;
})(typeof window !== "undefined" ? window : globalThis);
