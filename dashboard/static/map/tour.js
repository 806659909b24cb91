/* tour.js — the conference tour: from host to host in order, framing the host
 * and its partners clear of the panels (Tour, store key `tour`), and its panel
 * (TourControl: start/end, previous, next, what the conference was). */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};

  /* ctx: {view, store, model, player, home} */
  function Tour(ctx) { this.ctx = ctx; }
  Tour.prototype = {
    step: function () { return this.ctx.store.state.tour; },
    go: function (n) {
      var ctx = this.ctx, confs = ctx.model.conferences();
      if (!confs.length) { return; }
      var step = ((n % confs.length) + confs.length) % confs.length;
      ctx.player.stop();
      ctx.store.set({tour: step, year: null});
      var found = ctx.store.get("tourFocus"), c = found.conference, m = ctx.model;
      var b = L.latLngBounds([[c.lat, c.lon], [c.lat, c.lon]]);
      found.ends.forEach(function (p) { b.extend(m.latLng(p)); });
      ctx.view.frame(b.pad(0.15), {maxZoom: 6, duration: 0.8});
    },
    next: function () { this.go(this.step() + 1); },
    prev: function () { var s = this.step(); this.go(s < 0 ? -1 : s - 1); },
    end: function () {
      this.ctx.store.set({tour: -1});
      this.ctx.home();
    }
  };

  var TourControl = L.Control.extend({
    options: {position: "topleft"},
    initialize: function (tour, store) { this._tour = tour; this._store = store; },
    onAdd: function () {
      var s = this._store, w = s.w.bind(s), el = PM.dom.el, tour = this._tour;
      var div = this.div = el("div", "pm-panel pm-tour");
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      div.setAttribute("role", "group");
      div.setAttribute("aria-label", w("tour"));
      var prev = PM.dom.button("pm-btn pm-prev", "◀", w("tour.prev")), next = PM.dom.button("pm-btn pm-next", "▶", w("tour.next"));
      prev.title = next.title = "";
      var start = this.start = PM.dom.button("pm-btn pm-start", w("tour"));
      var text = this.text = el("div", "pm-tour-text");
      text.setAttribute("aria-live", "polite");
      var row = el("div", "pm-tour-row");  // "◀ End the tour ▶" on one line
      [prev, start, next].forEach(function (n) { row.appendChild(n); });
      div.appendChild(row);
      div.appendChild(text);
      prev.addEventListener("click", function () { tour.prev(); });
      next.addEventListener("click", function () { tour.next(); });
      start.addEventListener("click", function () { if (tour.step() < 0) { tour.go(0); } else { tour.end(); } });
      this._unsubscribe = s.subscribe(this._show.bind(this));
      this._show();
      return div;
    },
    onRemove: function (map) { this._unsubscribe(); map.off("moveend resize", this._fit, this); },
    addTo: function (map) {
      L.Control.prototype.addTo.call(this, map);
      map.on("moveend resize", this._fit, this);
      return this;
    },
    /* The tour's text never runs into the Germany inset or the panels below it: it scrolls inside
       what is left above them (the inset appears or goes with the zoom each step arrives at). */
    _fit: function () {
      var map = this._map, view = this._tour.ctx.view;
      if (!map || !this.text.childNodes.length) { return; }
      var container = map.getContainer(), text = PM.dom.relativeRect(this.text, container), limit = container.clientHeight;
      var inset = view.insetRect ? view.insetRect() : null, corner = map._controlCorners && map._controlCorners.bottomleft;
      if (inset && inset.x < text.x + text.w) { limit = Math.min(limit, inset.y); }
      if (corner && corner.offsetHeight) { limit = Math.min(limit, PM.dom.relativeRect(corner, container).y); }
      this.div.style.setProperty("--pm-tour-text-max", Math.max(60, limit - text.y - 16) + "px");
    },
    _show: function () {
      var s = this._store, w = s.w.bind(s), el = PM.dom.el, found = s.get("tourFocus"), lang = s.state.lang;
      this.div.classList.toggle("pm-touring", !!found);
      this.start.textContent = found ? w("tour.end") : w("tour");
      this.text.textContent = "";
      if (!found) { return; }
      var c = found.conference, motto = c.motto && (c.motto[lang] || c.motto.orig);
      this.text.appendChild(el("b", null, PM.dom.fmt(w("conference.title"), {number: c.roman})));
      this.text.appendChild(el("div", null, this._tour.ctx.model.hostName(c, lang) + " · " + c.year));
      if (motto) { this.text.appendChild(el("i", null, motto)); }
      this.text.appendChild(el("div", null, s.plural("n.partnerships", found.count)));
      this._fit();
    }
  });

  PM.Tour = Tour;
  PM.TourControl = TourControl;
})(typeof window !== "undefined" ? window : globalThis);
