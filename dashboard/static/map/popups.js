/* popups.js — what a click on an arc or a conference badge shows, built as
 * DOM nodes from data (never HTML), and the popups' texts, loaded once.
 * Later views (a details panel beside the map) can reuse pairNode/conferenceNode. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var el = function () { return PM.dom.el.apply(null, arguments); };

  /* The texts of the pairs (notes, sources, dates): given, or fetched once from a URL. */
  function Details(given, url) {
    this._data = given || null;
    this._url = url || null;
    this._loading = null;
  }
  Details.prototype.load = function () {
    if (this._data) { return Promise.resolve(this._data); }
    if (!this._url) { return Promise.resolve({}); }
    var self = this;
    if (!this._loading) {
      this._loading = fetch(this._url).then(function (r) { return r.json(); })
        .then(function (d) { self._data = d; return d; })
        .catch(function () { self._loading = null; return {}; });
    }
    return this._loading;
  };

  function Popups(model, store, details) {
    this.model = model;
    this.store = store;
    this.details = details;
  }
  Popups.prototype = {
    _line: function (box, label, value) {
      var div = el("div");
      if (label) { div.appendChild(el("span", "pm-k", label + " ")); }
      div.appendChild(value instanceof Node ? value : document.createTextNode(value));
      box.appendChild(div);
      return div;
    },
    _sources: function (urls) {
      var span = el("span");
      (urls || []).forEach(function (u, n) {
        var ok = PM.dom.safeUrl(u);
        if (n) { span.appendChild(document.createTextNode(", ")); }
        if (ok) { var a = el("a", null, PM.dom.host(u)); a.href = ok; a.target = "_blank"; a.rel = "noopener noreferrer"; span.appendChild(a); }
        else { span.appendChild(document.createTextNode(u)); }
      });
      return span;
    },
    _text3: function (texts) { return texts ? texts[this.store.state.lang] || texts.orig || null : null; },
    /* a free text in the view's language; marked "translated", with the original one click away */
    _translated: function (box, texts, lang0, cls) {
      var t = this._text3(texts), lang = this.store.state.lang, w = this.store.w.bind(this.store);
      if (!t) { return; }
      var div = this._line(box, null, t);
      if (cls) { div.className = cls; }
      if (lang0 && texts[lang0] && lang0 !== lang && texts[lang]) {
        var mark = PM.dom.button("pm-translated", w("translated"));
        mark.title = w("translated.show");
        mark.addEventListener("click", function () { div.textContent = texts[lang0]; div.lang = lang0; });
        div.appendChild(document.createTextNode(" "));
        div.appendChild(mark);
      }
    },
    ends: function (i) {
      var m = this.model, lang = this.store.state.lang;
      return (m.de(i) >= 0 ? m.placeName(m.de(i), lang) : "?") + " – " + (m.ru(i) >= 0 ? m.placeName(m.ru(i), lang) : "?");
    },
    /* an arc's facts; its notes and sources once the texts are loaded */
    pairNode: function (i) {
      var m = this.model, s = this.store, w = s.w.bind(s), year = s.state.year, self = this;
      var box = el("div", "pm-popup"), id = m.id(i);
      box.appendChild(el("b", null, this.ends(i)));
      this._line(box, null, w("kind." + m.kind(i)) + " · " + w("level." + m.pairLevel(i) + ".one"));
      this._line(box, null, m.since(i) ? PM.dom.fmt(w("since"), {year: m.since(i)}) : w("since.unknown"));
      var statusLine = this._line(box, w("status") + ":", w("status." + m.status(m.statusIn(i, year))));
      var rest = el("div");
      box.appendChild(rest);
      this.details.load().then(function (all) {
        var d = all[id] || {};
        if (d.status_date && year === null) { statusLine.appendChild(document.createTextNode(" (" + d.status_date + ")")); }
        self._translated(rest, d.status_note, d.text_lang, "pm-note");
        if (d.note) { self._translated(rest, d.note, d.text_lang, "pm-note2"); }
        if (d.source && d.source.length) { self._line(rest, w("sources") + ":", self._sources(d.source)); }
      });
      return box;
    },
    /* the conferences one city hosted */
    conferenceNode: function (list) {
      var s = this.store, w = s.w.bind(s), lang = s.state.lang, box = el("div", "pm-popup"), self = this;
      list.forEach(function (c, n) {
        if (n) { box.appendChild(el("hr")); }
        box.appendChild(el("b", null, PM.dom.fmt(w("conference.title"), {number: c.roman})));
        var co = c.co_hosts && (c.co_hosts[lang] || c.co_hosts.de);
        self._line(box, null, self.model.hostName(c, lang) + (co ? " · " + co : "") + " · " + c.year);
        if (c.start) { self._line(box, w("conference.dates") + ":", [c.start, c.end].filter(Boolean).join(" – ")); }
        if (self._text3(c.motto)) { self._translated(box, c.motto, c.motto_lang, "pm-note"); }
        var pp = c.participants || [];
        if (pp[0]) { self._line(box, w("conference.participants") + ":", pp[0] === pp[1] || !pp[1] ? String(pp[0]) : pp[0] + "–" + pp[1]); }
        if (c.source && c.source.length) { self._line(box, w("sources") + ":", self._sources(c.source)); }
      });
      return box;
    },
    /* no auto-pan: a click must not move the map the viewer arranged */
    openPair: function (map, i, latlng, autoPan) {
      L.popup({maxWidth: this.store.state.mode === "present" ? 520 : 340, autoPan: !!autoPan})
        .setLatLng(latlng).setContent(this.pairNode(i)).openOn(map);
    },
    openConferences: function (map, list) {
      L.popup({maxWidth: 360}).setLatLng([list[0].lat, list[0].lon]).setContent(this.conferenceNode(list)).openOn(map);
    }
  };

  PM.Details = Details;
  PM.Popups = Popups;
})(typeof window !== "undefined" ? window : globalThis);
