/* detail.js — what the detail panel says: a partnership, the conferences of
 * one host city, or a place with its partnerships, built as DOM nodes from
 * data (never HTML); the pairs' texts, loaded once; and the prefilled
 * "report an error" message (pure: tested in node).
 *
 * Content only: where it shows (the panel, its closing, the framing) is
 * detail-panel.js. Every value reaches the page through textContent; links
 * only for plain http(s) sources (and the data's own corrections address). */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var el = function () { return PM.dom.el.apply(null, arguments); };
  var embedBoxes = 0;  // the snippet boxes made: each textarea its own id for its label
  var MAX_BODY = 1800;  // characters of a prefilled message: mail programs and browsers cut long mailto: links

  /* The texts of the pairs (notes, sources, dates, disputed facts): given, or fetched once from a URL. */
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

  /* --- the correction message (pure) --- */

  /* "" (no link), "mailto", or "tracker": what the data's `corrections` value is. */
  function correctionKind(target) {
    target = String(target || "");
    if (/^https:\/\/[^\s"'<>]+$/i.test(target)) { return "tracker"; }
    if (/^[^@\s"'<>?&:]+@[^@\s"'<>?&:]+\.[A-Za-z]{2,}$/.test(target)) { return "mailto"; }
    return "";
  }
  /* The link that opens a prefilled message: mailto:ADDRESS?subject=…&body=…, or the
     tracker's page with title and body in its query; "" when `target` is neither. */
  function correctionHref(target, subject, body) {
    var kind = correctionKind(target);
    body = String(body);
    if (body.length > MAX_BODY) { body = body.slice(0, MAX_BODY - 1) + "…"; }
    if (kind === "mailto") {
      return "mailto:" + target + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
    }
    if (kind === "tracker") {
      return target + (target.indexOf("?") >= 0 ? "&" : "?") + "title=" + encodeURIComponent(subject) +
        "&body=" + encodeURIComponent(body);
    }
    return "";
  }
  /* The message's body: the row's id, the fields as the panel shows them, the link to the view. */
  function correctionBody(id, lines, viewUrl, words) {
    var out = [words.intro, "", "ID: " + id].concat(lines);
    if (viewUrl) { out.push(words.view + ": " + viewUrl); }
    return out.concat(["", "---", ""]).join("\n");
  }
  /* The address of the page the viewer sees: the app's page around the map's frame when
     the browser lets us read it, else the map's own page. */
  function viewUrl(win) {
    win = win || root;
    try { if (win.top && win.top.location && win.top.location.href) { return String(win.top.location.href); } } catch (e) { /* another origin */ }
    try { return String(win.location.href); } catch (e) { return ""; }
  }

  /* --- the panel's contents --- */

  /* opts: {linkSources: link the data's http(s) sources (not a viewer's upload), corrections: address or URL,
            viewUrl(): the address to put into a correction, embedUrl: embed.html's address (the place's
            <iframe> snippet to copy; embed.js writes it)} */
  function DetailContent(model, store, details, opts) {
    this.model = model;
    this.store = store;
    this.details = details;
    this.opts = opts || {};
  }
  DetailContent.prototype = {
    _w: function (key) { return this.store.w(key); },
    _line: function (box, label, value, cls) {
      var div = el("div", cls || null);
      if (label) { div.appendChild(el("span", "pm-k", label + " ")); }
      if (value !== null && value !== undefined) { div.appendChild(typeof value === "object" ? value : document.createTextNode(value)); }
      box.appendChild(div);
      return div;
    },
    _sources: function (urls) {
      var span = el("span", "pm-sources"), link = this.opts.linkSources !== false;
      (urls || []).forEach(function (u, n) {
        var ok = link && PM.dom.safeUrl(u);
        if (n) { span.appendChild(document.createTextNode(", ")); }
        if (ok) { var a = el("a", null, PM.dom.host(u)); a.href = ok; a.target = "_blank"; a.rel = "noopener noreferrer"; a.title = u; span.appendChild(a); }
        else { span.appendChild(document.createTextNode(u)); }
      });
      return span;
    },
    _text3: function (texts) { return texts ? texts[this.store.state.lang] || texts.orig || null : null; },
    /* a free text in the view's language; marked "translated", with the original one click away */
    _translated: function (box, texts, lang0, cls) {
      var t = this._text3(texts), lang = this.store.state.lang, w = this._w.bind(this);
      if (!t) { return; }
      var div = this._line(box, null, t, cls);
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
    /* "umstritten: auch 1991 genannt (source)" after a fact that sources give differently */
    _disputed: function (line, field, entries) {
      var w = this._w.bind(this), self = this;
      (entries || []).forEach(function (d) {
        if (d.field !== field) { return; }
        var value = field === "since" ? d.value : w(field + "." + d.value);
        var mark = el("span", "pm-disputed", w("disputed"));
        mark.title = w("disputed.help");
        line.appendChild(document.createTextNode(" · "));
        line.appendChild(mark);
        line.appendChild(document.createTextNode(": " + PM.dom.fmt(w(field === "since" ? "disputed.since" : "disputed.other"), {value: value})));
        if (d.source && d.source.length) {
          line.appendChild(document.createTextNode(" ("));
          line.appendChild(self._sources(d.source));
          line.appendChild(document.createTextNode(")"));
        }
      });
    },
    /* an arc's facts; its sources, disputed facts, notes and the correction link once the texts are loaded */
    pairNode: function (i) {
      var m = this.model, s = this.store, w = this._w.bind(this), year = s.state.year, self = this;
      var box = el("div", "pm-detail-pair"), id = m.id(i);
      box.dataset.pair = id;
      box.appendChild(el("h2", "pm-detail-title", this.ends(i)));
      var kindLine = this._line(box, null, w("kind." + m.kind(i)) + " · " + w("level." + m.pairLevel(i) + ".one"), "pm-kind");
      var sinceLine = this._line(box, null, m.since(i) ? PM.dom.fmt(w("since"), {year: m.since(i)}) : w("since.unknown"), "pm-since");
      var statusLine = this._line(box, w("status") + ":", w("status." + m.status(m.statusIn(i, year))), "pm-status");
      // the sources right under the facts (they fit the first screen of a phone's sheet), the notes after them
      var sourceLine = this._line(box, w("sources") + ":", null, "pm-source-line");
      var rest = el("div", "pm-detail-rest");
      box.appendChild(rest);
      box.pmLoaded = this.details.load().then(function (all) {
        var d = all[id] || {};
        if (d.status_date && year === null) { statusLine.appendChild(document.createTextNode(" (" + d.status_date + ")")); }
        self._disputed(kindLine, "kind", d.disputed);
        self._disputed(sinceLine, "since", d.disputed);
        self._disputed(statusLine, "status", d.disputed);
        if (d.source && d.source.length) { sourceLine.appendChild(self._sources(d.source)); } else { sourceLine.remove(); }
        self._translated(rest, d.status_note, d.text_lang, "pm-note");
        if (d.note) { self._translated(rest, d.note, d.text_lang, "pm-note2"); }
        var link = self.correctionLink(i, [kindLine, sinceLine, statusLine].map(function (n) { return n.textContent; }),
                                       d.source || []);
        if (link) { rest.appendChild(link); }
        box.dataset.loaded = "1";
      });
      return box;
    },
    /* "Report an error / suggest a correction": a prefilled message to the data's maintainers (none when
       the data names no address) */
    correctionLink: function (i, lines, sources) {
      var target = this.opts.corrections || "", kind = correctionKind(target), w = this._w.bind(this), self = this;
      if (!kind) { return null; }
      var id = this.model.id(i), title = this.ends(i);
      var a = el("a", "pm-correction", w("correction"));
      var href = function () {
        var shown = [title].concat(lines);
        if (sources.length) { shown.push(w("sources") + ": " + sources.join(" ")); }
        var url = self.opts.viewUrl ? self.opts.viewUrl() : viewUrl();
        return correctionHref(target, PM.dom.fmt(w("correction.subject"), {pair: title, id: id}),
                              correctionBody(id, shown, url, {intro: w("correction.intro"), view: w("correction.view")}));
      };
      a.href = href();
      a.dataset.pair = id;
      if (kind === "tracker") { a.target = "_blank"; a.rel = "noopener noreferrer"; }
      // the view may have changed since the panel opened: the address is written again on the click
      a.addEventListener("click", function () { a.href = href(); });
      return a;
    },
    /* the conferences one city hosted */
    conferenceNode: function (list) {
      var s = this.store, w = this._w.bind(this), lang = s.state.lang, box = el("div", "pm-detail-conference"), self = this;
      list.forEach(function (c, n) {
        if (n) { box.appendChild(el("hr")); }
        box.appendChild(el("h2", "pm-detail-title", PM.dom.fmt(w("conference.title"), {number: c.roman})));
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
    /* the place's <iframe> to copy, in the view's language (words as text; the snippet escapes its attributes) */
    _embedBox: function (p) {
      var m = this.model, w = this._w.bind(this), lang = this.store.state.lang;
      var box = el("section", "pm-embed-box"), area = el("textarea"), done = el("span", "pm-embed-copied");
      var label = el("label", null, w("embed.box_help")), copy = PM.dom.button("pm-btn pm-embed-copy-btn", w("embed.copy"));
      area.id = "pm-embed-code-" + (++embedBoxes);
      label.htmlFor = area.id;
      area.readOnly = true;
      area.rows = 4;
      area.spellcheck = false;
      area.value = PM.embedSnippet(this.opts.embedUrl, m.key(p), lang, PM.dom.fmt(w("embed.frame_title"), {place: m.placeName(p, lang)}));
      area.addEventListener("focus", function () { area.select(); });
      done.setAttribute("role", "status");
      copy.addEventListener("click", function () {
        area.select();
        var ok = function () { done.textContent = w("embed.copied"); };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(area.value).then(ok, function () { if (document.execCommand("copy")) { ok(); } });
        } else if (document.execCommand("copy")) { ok(); }
      });
      var row = el("div", "pm-embed-copy");
      row.appendChild(copy);
      row.appendChild(done);
      [el("h3", null, w("embed.box")), label, area, row].forEach(function (n) { box.appendChild(n); });
      return box;
    },
    /* a place and its shown partnerships: partner, kind, since, status, sources, "show on the map" */
    placeNode: function (p, actions) {
      var m = this.model, s = this.store, w = this._w.bind(this), lang = s.state.lang, self = this;
      var shown = s.get("shown"), year = s.state.year, box = el("div", "pm-detail-place"), rows = [];
      box.dataset.place = m.key(p);
      box.appendChild(el("h2", "pm-detail-title", m.placeName(p, lang)));
      var region = m.region(p);
      this._line(box, null, w("level." + m.level(p) + ".one") + (region ? " · " + m.regionName(region, lang) : ""));
      for (var i = 0; i < m.nPairs; i++) {
        if (shown[i] && (m.de(i) === p || m.ru(i) === p)) { rows.push(i); }
      }
      this._line(box, null, rows.length ? s.plural("n.partnerships", rows.length) : w("place.none"), "pm-count");
      var partner = function (i) { var o = m.de(i) === p ? m.ru(i) : m.de(i); return o >= 0 ? m.placeName(o, lang) : "?"; };
      rows.sort(function (a, b) { return partner(a).localeCompare(partner(b), lang); });
      var list = el("ul", "pm-partners"), sources = {};
      rows.forEach(function (i) {
        var li = el("li", "pm-partner");
        li.dataset.pair = m.id(i);
        li.appendChild(el("b", null, partner(i)));
        self._line(li, null, [w("kind." + m.kind(i)), m.since(i) ? PM.dom.fmt(w("since"), {year: m.since(i)}) : w("since.unknown"),
                              w("status." + m.status(m.statusIn(i, year)))].join(" · "));
        sources[i] = self._line(li, w("sources") + ":", null, "pm-source-line");
        var buttons = el("div", "pm-partner-actions");
        if (m.isArc(i)) {
          var show = PM.dom.button("pm-btn pm-show", w("show_on_map"));
          show.addEventListener("click", function () { actions.showPair(i); });
          buttons.appendChild(show);
        }
        li.appendChild(buttons);
        list.appendChild(li);
      });
      box.appendChild(list);
      if (this.opts.embedUrl && PM.embedSnippet) { box.appendChild(this._embedBox(p)); }
      box.pmLoaded = this.details.load().then(function (all) {
        rows.forEach(function (i) {
          var d = all[m.id(i)] || {};
          if (d.source && d.source.length) { sources[i].appendChild(self._sources(d.source)); } else { sources[i].remove(); }
        });
        box.dataset.loaded = "1";
      });
      return box;
    }
  };

  PM.Details = Details;
  PM.DetailContent = DetailContent;
  PM.corrections = {kind: correctionKind, href: correctionHref, body: correctionBody, viewUrl: viewUrl};
})(typeof window !== "undefined" ? window : globalThis);
