/* view.js — one Leaflet map drawing the store's state: the basemap, the
 * layers (flows, arcs, places, badges, the fast canvas, labels) and how the
 * view is framed. The main map is one View; the Germany inset is another View
 * of the same store and model ({inset: true}: Germany only, no controls, no
 * panning). destroy() removes the map with every layer and listener. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};

  /* Leaflet 1.9.4's canvas renderer, when it redraws directly, forgets the frame
     it had asked for without cancelling it; that frame then runs even after the
     map was removed, finds no canvas and throws. Ours cancels it, and never
     draws without a canvas. */
  var Canvas = L.Canvas.extend({
    _redraw: function () {
      if (this._redrawRequest) { L.Util.cancelAnimFrame(this._redrawRequest); this._redrawRequest = null; }
      if (this._ctx) { L.Canvas.prototype._redraw.call(this); }
    }
  });

  function View(container, ctx, opts) {
    opts = opts || {};
    var inset = this.inset = !!opts.inset;
    this.container = container;
    this._className = container.className;  // given back by destroy(), without Leaflet's classes
    this.model = ctx.model;
    this.store = ctx.store;
    this.geometry = ctx.geometry;
    this.popups = ctx.popups;
    this.onSelect = ctx.onSelect;
    container.classList.add(inset ? "pm-inset-map" : "pm-root");
    var map = this.map = L.map(container, {zoomSnap: 0.25, zoomDelta: 0.5, preferCanvas: true, worldCopyJump: false,
      minZoom: 1, maxZoom: 12, zoomControl: !inset, attributionControl: false, keyboard: !inset, dragging: !inset,
      scrollWheelZoom: !inset, doubleClickZoom: !inset, boxZoom: !inset, touchZoom: !inset});
    if (map.keyboard) {
      // Leaflet focuses the map on mousedown; inside an iframe that is not fully
      // on screen the focus scrolls the page, and the click lands somewhere else.
      map.keyboard.disable();  // its listeners are bound when enabled: swap the method first
      map.keyboard._onMouseDown = function () {
        if (!this._focused) { try { this._map._container.focus({preventScroll: true}); } catch (e) { /* old browser */ } }
      };
      map.keyboard.enable();
    }
    this.canvas = new Canvas({padding: 0.3, tolerance: 6});
    map.createPane("basemap").style.zIndex = 150;
    map.createPane("labels").style.zIndex = 640;
    map.getPane("labels").style.pointerEvents = "none";
    map.createPane("badges").style.zIndex = 650;
    this._drawBasemap(ctx.basemap);

    this.flows = new PM.FlowsLayer(this).addTo(map);
    this.arcs = new PM.ArcsLayer(this).addTo(map);
    this.places = new PM.PlacesLayer(this).addTo(map);
    this.badges = new PM.BadgesLayer(this).addTo(map);
    this.labels = new PM.LabelsLayer(this, this.badges).addTo(map);
    this.fast = null;
    this._mode = null;
    this._unsubscribe = this.store.subscribe(this._changed.bind(this));
    map.on("zoomend", this._zoomed, this);
  }

  View.prototype = {
    /* country outlines from the app (an object, or a promise of one); tiles only if switched on */
    _drawBasemap: function (basemap) {
      var self = this;
      Promise.resolve(basemap).then(function (geo) {
        if (!geo || !self.map) { return; }
        L.geoJSON(geo, {pane: "basemap", interactive: false, renderer: L.svg({pane: "basemap"}), style: function (f) {
          var iso = f.properties && f.properties.iso, home = iso === "DE" || iso === "RU";
          return {fillColor: home ? "#fbf7ef" : "#eeebe4", color: home ? "#6d6d6d" : "#b0b0b0", weight: home ? 1.3 : 0.7,
                  fillOpacity: 1, className: home ? "pm-home pm-home-" + iso : ""};
        }}).addTo(self.map);
      }).catch(function (e) { console.warn("basemap not loaded", e); });
    },
    /* "aggregated": a large dataset's overview (flows between regions); "fast": many pairs
       zoomed in (the one-pass canvas); "normal": a Leaflet layer per arc and place */
    mode: function () {
      var many = this.store.get("counts").shown > PM.AGG_MIN;
      if (!many) { return "normal"; }
      return !this.inset && this.map.getZoom() < PM.AGG_ZOOM ? "aggregated" : "fast";
    },
    _changed: function (changed) {
      if (changed.lang || changed.strings) { this.badges.update(); }
      this.redraw();
    },
    _zoomed: function () { if (this.mode() !== this._mode) { this.redraw(); } },
    redraw: function () {
      if (!this.map) { return; }
      this._mode = this.mode();
      this.flows.update();
      this.arcs.update();
      this.places.update();
      if (this._mode === "fast" && !this.fast) { this.fast = new PM.FastLayer(this).addTo(this.map); }
      else if (this._mode === "fast") { this.fast.update(); }
      else if (this.fast) { this.map.removeLayer(this.fast); this.fast = null; }
      this.labels.schedule();
    },
    /* a click on a place: select it, or end its selection */
    toggle: function (key) {
      var next = key === this.store.state.selected ? "" : key;
      this.store.set({selected: next});
      if (this.onSelect) { this.onSelect(next); }
    },
    /* the bounds of the drawn places that pass `filter` (all drawn places without one) */
    placeBounds: function (filter) {
      var m = this.model, count = this.store.get("placeCount"), b = null;
      for (var p = 0; p < m.nPlaces; p++) {
        if (!count[p] || (filter && !filter(p))) { continue; }
        var ll = L.latLng(m.lat(p), m.lon(p));
        b = b ? b.extend(ll) : L.latLngBounds(ll, ll);
      }
      return b;
    },
    /* frame the places that pass `filter`, clear of the panels */
    fitPlaces: function (filter, o) {
      var b = this.placeBounds(filter);
      if (b) { this.map.fitBounds(b.pad(o.pad || 0), Object.assign(this.fitOptions(), o.maxZoom ? {maxZoom: o.maxZoom} : {})); }
      return !!b;
    },
    /* padding that keeps what a fit shows clear of the panels */
    fitOptions: function () {
      var pad = {top: 10, left: 10, right: 10, bottom: 10}, o = this.container.getBoundingClientRect();
      this.container.querySelectorAll(".leaflet-control.pm-panel").forEach(function (c) {
        var r = c.getBoundingClientRect();
        if (!r.width) { return; }
        var cx = (r.left + r.right) / 2 - o.left, cy = (r.top + r.bottom) / 2 - o.top;
        if (r.width > o.width * 0.6) {
          if (cy < o.height / 2) { pad.top = Math.max(pad.top, r.bottom - o.top + 6); } else { pad.bottom = Math.max(pad.bottom, o.bottom - r.top + 6); }
          return;
        }
        if (cx < o.width / 2) { pad.left = Math.max(pad.left, Math.min(r.right - o.left + 6, o.width * 0.3)); }
        else { pad.right = Math.max(pad.right, Math.min(o.right - r.left + 6, o.width * 0.3)); }
      });
      return {paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom], animate: false};
    },
    counts: function () {
      return {arcs: this.arcs.count(), places: this.places.count(), badges: this.badges.count(), labels: this.labels.count(),
              flows: this.flows.count()};
    },
    destroy: function () {
      if (!this.map) { return; }
      this._unsubscribe();
      this.map.off("zoomend", this._zoomed, this);
      this.map.remove();  // removes every layer (each takes its own listeners), the controls, the map's DOM listeners
      this.map = null;
      this.container.className = this._className;
    }
  };

  PM.View = View;
})(typeof window !== "undefined" ? window : globalThis);
