/* layer-places.js — places as symbols (a circle for a town, a dashed square
 * for a district, a dashed diamond for a region; PlacesLayer) and the
 * conference hosts as badges on leader lines ("XI · XV" where one city hosted
 * twice; BadgesLayer). Where the badges go is decided with the labels
 * (layer-labels.js), since they are obstacles for the names. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var DE_BOUNDS = [[47.2, 5.8], [55.1, 15.1]];

  /* A circle, square or diamond on the canvas: one symbol per level. */
  var ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var shape = this.options.shape || "circle", r = this._renderer;
      if (shape === "circle" || !r._ctx) { return r._updateCircle(this); }
      if (!r._drawing || this._empty()) { return; }
      var p = this._point, ctx = r._ctx, s = Math.max(Math.round(this._radius), 1);
      ctx.beginPath();
      if (shape === "square") { ctx.rect(p.x - s, p.y - s, 2 * s, 2 * s); }
      else { ctx.moveTo(p.x, p.y - s * 1.25); ctx.lineTo(p.x + s * 1.25, p.y); ctx.lineTo(p.x, p.y + s * 1.25); ctx.lineTo(p.x - s * 1.25, p.y); ctx.closePath(); }
      r._fillStroke(ctx, this);
    }
  });
  var SHAPES = {region: "diamond", district: "square", municipality: "circle"};

  var PlacesLayer = L.LayerGroup.extend({
    initialize: function (view) {
      L.LayerGroup.prototype.initialize.call(this);
      this._view = view;
      this._markers = new Array(view.model.nPlaces);
    },
    onAdd: function (map) {
      L.LayerGroup.prototype.onAdd.call(this, map);
      this.update();
    },
    _style: function (p) {
      var v = this._view, m = v.model, level = m.level(p), sel = p === v.store.get("selectedPlace"), town = level === "municipality";
      return {radius: v.store.get("radius")[p] || 5, shape: SHAPES[level], color: PM.TOWN_COLOR[m.side(p)], weight: sel ? 3.5 : (town ? 2 : 1.8),
              fill: true, fillColor: sel ? "#FFD23F" : "#FFFFFF", fillOpacity: town || sel ? 0.95 : 0.35,
              dashArray: town ? null : "3 2", renderer: v.canvas, bubblingMouseEvents: false};
    },
    _tooltip: function (layer) {
      var v = this._view, s = v.store, m = v.model, p = layer.pmIndex, box = PM.dom.el("span");
      box.appendChild(PM.dom.el("b", null, m.placeName(p, s.state.lang)));
      box.appendChild(document.createTextNode(" · " + s.w("level." + m.level(p) + ".one") + " · " +
                                              s.plural("n.partnerships", s.get("placeCount")[p])));
      return box;
    },
    _click: function (e) {
      L.DomEvent.stop(e);
      this._view.toggle(this._view.model.key(e.target.pmIndex));
    },
    /* which places are symbols: all, or in the inset the German ones; on a large
       dataset's overview and on the fast canvas only the selected place */
    _filter: function () {
      var v = this._view, sel = v.store.get("selectedPlace"), m = v.model;
      if (v.mode() !== "normal") { return function (p) { return p === sel; }; }
      return v.inset ? function (p) { return m.side(p) === 0; } : null;
    },
    update: function () {
      if (!this._map) { return; }
      var v = this._view, count = v.store.get("placeCount"), radius = v.store.get("radius"), only = this._filter(), order = [];
      for (var p = 0; p < v.model.nPlaces; p++) { if (count[p] && (!only || only(p))) { order.push(p); } }
      // outer symbols first, so that the inner ones are on top and get the clicks
      order.sort(function (a, b) { return radius[b] - radius[a]; });
      this.clearLayers();
      order.forEach(function (p) {
        var mk = this._markers[p];
        if (!mk) {
          mk = this._markers[p] = new ShapeMarker(v.model.latLng(p), this._style(p));
          mk.pmIndex = p;
          mk.on("click", this._click, this);
          mk.bindTooltip(this._tooltip.bind(this), {direction: "top"});
        } else {
          mk.setStyle(this._style(p));
          mk.setRadius(radius[p] || 5);
        }
        this.addLayer(mk);
      }, this);
    },
    count: function () { return this.getLayers().length; }
  });

  /* One badge per host city; a click opens its conferences. The inset shows German hosts only. */
  var BadgesLayer = L.LayerGroup.extend({
    initialize: function (view) {
      L.LayerGroup.prototype.initialize.call(this);
      this._view = view;
      this.markers = [];
    },
    onAdd: function (map) {
      L.LayerGroup.prototype.onAdd.call(this, map);
      this.update();
    },
    update: function () {
      this.clearLayers();
      this.markers = [];
      if (!this._map) { return; }
      var v = this._view, s = v.store, groups = {}, order = [], de = L.latLngBounds(DE_BOUNDS), el = PM.dom.el;
      v.model.conferences().forEach(function (c) {
        if (v.inset && !de.contains([c.lat, c.lon])) { return; }
        var k = c.lat.toFixed(2) + "," + c.lon.toFixed(2);
        if (!groups[k]) { groups[k] = []; order.push(k); }
        groups[k].push(c);
      });
      order.forEach(function (k) {
        var list = groups[k], c0 = list[0];
        var label = list.map(function (c) { return PM.dom.fmt(s.w("conference.short"), {number: c.roman, year: c.year}); }).join(", ");
        var holder = el("div", "pm-badge-holder");
        var badge = PM.dom.button("pm-badge", list.map(function (c) { return c.roman; }).join(" · "),
                                  v.model.hostName(c0, s.state.lang) + ": " + label);
        holder.appendChild(el("span", "pm-leader"));
        holder.appendChild(badge);
        var icon = L.divIcon({html: holder, className: "pm-badge-icon", iconSize: [0, 0], iconAnchor: [0, 0]});
        var mk = L.marker([c0.lat, c0.lon], {icon: icon, pane: "badges", keyboard: false, interactive: true});
        mk.on("click", function () { v.popups.openConferences(v.map, list); });
        mk.pmConferences = list;
        this.addLayer(mk);
        this.markers.push(mk);
      }, this);
    },
    count: function () { return this.markers.length; }
  });

  PM.ShapeMarker = ShapeMarker;
  PM.PlacesLayer = PlacesLayer;
  PM.BadgesLayer = BadgesLayer;
  PM.DE_BOUNDS = DE_BOUNDS;
})(typeof window !== "undefined" ? window : globalThis);
