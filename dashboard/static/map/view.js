/* view.js — one Leaflet map drawing the store's state: the basemap, the
 * layers (flows, arcs, places, badges, the fast canvas, labels) and how the
 * view is framed. The main map is one View; the Germany inset is another View
 * of the same store and model ({inset: true}: Germany only, no controls, no
 * panning). destroy() removes the map with every layer and listener.
 *
 * WHEN THE MAP MOVES, AND WHEN IT STAYS
 * It moves (animated, flyToBounds) to frame what the viewer asked for:
 *   - a filter or a search (the shown set changes): every shown place;
 *   - a place chosen outside the map (the app's place search or a link): the place and its partners;
 *   - "show on the map" in a place's detail: that partnership's arc;
 *   - the fit buttons: everything, Germany, Russia, the selection; a step of the conference tour;
 *   - Esc (nothing else open) and the end of the tour: back to the starting view.
 * Each framing keeps what it frames clear of every panel: the buttons, legend, tour, timeline, the
 * detail panel, and the Germany inset when it will show at the new zoom (fitOptions, framing.js).
 * It starts at the link's view (`map=Z/LAT/LON`) when there is one, else it frames what is shown
 * (the selected place and its partners when the link names one).
 * It stays where the viewer left it on everything else: a click on a place, an arc or a badge (the
 * detail opens in its panel beside or under the map, nothing pans), closing a detail, the
 * language, the timeline (playing or scrubbed), the legend, and a new answer from the app that
 * shows the same set (a rerun).
 */
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
    map.createPane("badges").style.zIndex = 620;  // over the places, under the names and the hover tooltips (650)
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
      function draw(geo) {
        if (!geo || !self.map) { return; }
        L.geoJSON(geo, {pane: "basemap", interactive: false, renderer: L.svg({pane: "basemap"}), style: function (f) {
          var iso = f.properties && f.properties.iso, home = iso === "DE" || iso === "RU";
          return {fillColor: home ? "#fbf7ef" : "#eeebe4", color: home ? "#6d6d6d" : "#b0b0b0", weight: home ? 1.3 : 0.7,
                  fillOpacity: 1, className: home ? "pm-home pm-home-" + iso : ""};
        }}).addTo(self.map);
      }
      // already here (the bridge loads it with the data): drawn with the map's first picture
      if (basemap && typeof basemap.then !== "function") { draw(basemap); return; }
      Promise.resolve(basemap).then(draw).catch(function (e) { console.warn("basemap not loaded", e); });
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
    /* frame the places that pass `filter`, clear of the panels (o: {pad, maxZoom, animate}) */
    fitPlaces: function (filter, o) {
      var b = this.placeBounds(filter);
      if (b) { this.frame(b.pad(o.pad || 0), o); }
      return !!b;
    },
    /* show `bounds` clear of every panel; animated (a flight) unless o.animate is false */
    frame: function (bounds, o) {
      o = o || {};
      var map = this.map, self = this, opts = Object.assign(this.fitOptions(bounds), o.maxZoom ? {maxZoom: o.maxZoom} : {});
      var target = map._getBoundsCenterZoom(L.latLngBounds(bounds), opts), zoom = target.zoom;
      // the box the fit fills, then slid towards the frame's centre where the panels leave room
      var size = map.getSize(), nw = map.project(L.latLngBounds(bounds).getNorthWest(), zoom);
      var se = map.project(L.latLngBounds(bounds).getSouthEast(), zoom), c = map.project(target.center, zoom);
      var box = {x: size.x / 2 + (nw.x - c.x), y: size.y / 2 + (nw.y - c.y), w: se.x - nw.x, h: se.y - nw.y};
      // towards the middle of what the detail panel (docked right, or a bottom sheet) leaves of the frame
      var dock = this.container.querySelector(".pm-detail"), centre = {x: size.x / 2, y: size.y / 2};
      if (dock && dock.style.display !== "none") {
        var d = PM.dom.relativeRect(dock, this.container);
        if (d.w > size.x * 0.9) { centre.y = d.y / 2; } else { centre.x = d.x / 2; }
      }
      var shift = PM.framing.slide({w: size.x, h: size.y}, box, opts.panels, undefined, centre);
      var center = map.unproject(c.subtract([shift.dx, shift.dy]), zoom);
      if (o.animate === false) { map.setView(center, zoom, {animate: false}); return; }
      // moving: a flight is under way (what tests wait for; Leaflet keeps no such flag)
      this.moving = true;
      map.once("moveend", function () { self.moving = false; });
      map.flyTo(center, zoom, {animate: true, duration: o.duration || 0.8});
    },
    /* the panels over the map, in its pixels: controls, the detail panel, and (given the bounds a fit
       is about to show) the Germany inset if it will show at the zoom the fit arrives at */
    _panels: function () {
      var container = this.container, out = [];
      container.querySelectorAll(".leaflet-control, .pm-detail").forEach(function (c) {
        if (c.offsetWidth && c.offsetHeight && getComputedStyle(c).visibility !== "hidden") { out.push(PM.dom.relativeRect(c, container)); }
      });
      return out;
    },
    _insetBox: function () {
      var box = this.container.querySelector(".pm-inset");
      if (!box) { return null; }
      if (box.style.display !== "none") { return PM.dom.relativeRect(box, this.container); }
      // hidden now: measured where it would be (its size follows the frame's, in the style sheet)
      box.style.visibility = "hidden";
      box.style.display = "";
      var r = PM.dom.relativeRect(box, this.container);
      box.style.display = "none";
      box.style.visibility = "";
      return r;
    },
    /* Germany's box on the screen at `zoom` (px) */
    germanyAt: function (zoom) {
      var map = this.map, a = map.project(PM.DE_BOUNDS[0], zoom), b = map.project(PM.DE_BOUNDS[1], zoom);
      return {w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y)};
    },
    /* would the inset show at `zoom`? (the rule in framing.js, which the inset follows) */
    insetShowsAt: function (zoom) {
      var size = this.map.getSize();
      return PM.framing.insetShows({w: size.x, h: size.y}, this.germanyAt(zoom), this._insetBox());
    },
    /* padding that keeps what a fit shows clear of the panels (and of the inset where it will show) */
    fitOptions: function (bounds) {
      var size = this.map.getSize(), frame = {w: size.x, h: size.y}, panels = this._panels();
      var pad = PM.framing.padding(frame, panels), inset = this.inset ? null : this._insetBox(), withInsetPad = null;
      if (inset) {
        var withInset = PM.framing.padding(frame, panels.concat([inset]));
        var zoomOf = function (p) { return bounds ? this.map.getBoundsZoom(bounds, false, L.point(p.left + p.right, p.top + p.bottom)) : this.map.getZoom(); }.bind(this);
        // the inset is a panel where the fit arrives at a zoom that shows it
        if (this.insetShowsAt(zoomOf(pad))) { pad = withInsetPad = withInset; }
      }
      return {paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom], animate: false,
              panels: pad === withInsetPad ? panels.concat([inset]) : panels};
    },
    counts: function () {
      // places: the places drawn (on their own or in clusters); symbols: the symbols that draws
      return {arcs: this.arcs.count(), places: this.places.count(), symbols: this.places.symbolCount(), badges: this.badges.count(),
              labels: this.labels.count(), flows: this.flows.count()};
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
