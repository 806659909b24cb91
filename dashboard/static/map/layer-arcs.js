/* layer-arcs.js — the partnerships as lines: one Leaflet polyline per arc
 * (ArcsLayer), or, at a large dataset's overview, flows between Land and
 * federal subject with a bubble per region (FlowsLayer), as flow-map tools do.
 * Each is a Leaflet layer: onAdd draws, update() follows the state, onRemove
 * takes everything it added with it. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var TOWN_COLOR = ["#1F1F1F", "#8C1C13"];
  PM.TOWN_COLOR = TOWN_COLOR;

  /* Which arcs are Leaflet layers: all at a normal size; at a large dataset's
     overview or on the fast canvas only the highlighted ones (the canvas draws the rest). */
  function arcFilter(view) {
    var mode = view.mode(), focus = view.store.get("focus");
    if (mode === "normal") { return null; }
    return function (i) { return !!(focus && focus[i]) && !(mode === "fast" && view.inset); };
  }

  var ArcsLayer = L.LayerGroup.extend({
    initialize: function (view) {
      L.LayerGroup.prototype.initialize.call(this);
      this._view = view;
      this._arcs = new Array(view.model.nPairs);
    },
    onAdd: function (map) {
      L.LayerGroup.prototype.onAdd.call(this, map);
      this.update();
    },
    _style: function (i) {
      var v = this._view, s = v.store, style = v.model.style(s.get("status")[i]), focus = s.get("focus");
      var on = !focus || focus[i], big = s.state.mode === "present";
      if (v.inset) {
        return {color: style.color, dashArray: null, weight: focus && on ? 2.5 : 1.2, opacity: on ? (focus ? 0.9 : 0.45) : 0.08,
                renderer: v.canvas, interactive: false};
      }
      // highlighted pairs stand out: thicker, on a white halo (_halos), the others faded far back
      return {color: style.color, dashArray: style.dash, weight: (focus && on) ? (big ? 7 : 5) : (big ? 3.5 : 2.5),
              opacity: on ? (focus ? 1 : 0.9) : (big ? 0.06 : 0.08), renderer: v.canvas, interactive: true, bubblingMouseEvents: false};
    },
    _haloStyle: function () {
      var big = this._view.store.state.mode === "present";
      return {color: "#ffffff", weight: big ? 13 : 10, opacity: 0.9, renderer: this._view.canvas, interactive: false};
    },
    _tooltip: function (layer) {
      var v = this._view, i = layer.pmIndex, since = v.model.since(i);
      return PM.dom.el("span", null, v.popups.ends(i) + " · " + (since || v.store.w("unknown")));
    },
    _click: function (e) {
      L.DomEvent.stop(e);
      this._view.popups.openPair(this._view.map, e.target.pmIndex, e.latlng, false);
    },
    /* Each arc ends where its places are drawn: at the symbol of the place, or of the cluster
       that holds it (clusters.js), so arcs and symbols agree at every zoom; an arc whose two
       ends share one symbol is not drawn. */
    update: function () {
      if (!this._map) { return; }
      var v = this._view, m = v.model, vis = v.store.get("visible"), only = arcFilter(v), focus = v.store.get("focus");
      var symbols = PM.symbolsOf ? PM.symbolsOf(v) : null;
      for (var i = 0; i < m.nPairs; i++) {
        var a = PM.symbolAnchor(symbols, m.de(i)), b = PM.symbolAnchor(symbols, m.ru(i)), ends = a + "," + b;
        var on = vis[i] && m.isArc(i) && a !== b && (!only || only(i)), arc = this._arcs[i];
        if (on) {
          if (!arc) {
            arc = this._arcs[i] = L.polyline(v.geometry.arcBetween(a, b), this._style(i));
            arc.pmIndex = i;
            arc.pmEnds = ends;
            arc.on("click", this._click, this);
            arc.bindTooltip(this._tooltip.bind(this), {sticky: true});
          } else {
            if (arc.pmEnds !== ends) { arc.setLatLngs(v.geometry.arcBetween(a, b)); arc.pmEnds = ends; }
            arc.setStyle(this._style(i));
          }
          if (!this.hasLayer(arc)) { this.addLayer(arc); }
        } else if (arc && this.hasLayer(arc)) { this.removeLayer(arc); }
      }
      this._halos(vis, focus);
      if (focus) { this.eachLayer(function (l) { if (focus[l.pmIndex] && !l.pmHalo) { l.bringToFront(); } }); }
    },
    /* a white line under each highlighted arc of the main map, so it reads over the faded rest */
    _halos: function (vis, focus) {
      var v = this._view, m = v.model, self = this;
      (this._haloLayers || []).forEach(function (h) { self.removeLayer(h); });
      this._haloLayers = [];
      if (!focus || v.inset) { return; }
      for (var i = 0; i < m.nPairs; i++) {
        var arc = this._arcs[i];
        if (!focus[i] || !vis[i] || !arc || !this.hasLayer(arc)) { continue; }
        var h = L.polyline(arc.getLatLngs(), this._haloStyle());
        h.pmHalo = true;
        this._haloLayers.push(h);
        this.addLayer(h);
      }
      this._haloLayers.forEach(function (h) { h.bringToFront(); });
    },
    count: function () { return this.getLayers().length - (this._haloLayers || []).length; }
  });

  var AGG_MIN = 1500, AGG_ZOOM = 5.5;

  var FlowsLayer = L.LayerGroup.extend({
    initialize: function (view) {
      L.LayerGroup.prototype.initialize.call(this);
      this._view = view;
    },
    onAdd: function (map) {
      L.LayerGroup.prototype.onAdd.call(this, map);
      this.update();
    },
    radius: function (code) { return Math.min(5 + Math.sqrt(this._view.store.get("flows").totals[code] || 0) * 0.9, 30); },
    update: function () {
      this.clearLayers();
      var v = this._view;
      if (!this._map || v.mode() !== "aggregated") { return; }
      var s = v.store, m = v.model, data = s.get("flows"), centre = m.regionCentre, self = this, lang = s.state.lang;
      var dim = !!s.get("focus");
      data.flows.forEach(function (f) {
        var style = m.style(f.status);
        var line = L.polyline(PM.geometry.greatCircle([centre[f.a].lat, centre[f.a].lon], [centre[f.b].lat, centre[f.b].lon]),
          {color: style.color, weight: Math.min(1 + 1.5 * Math.log2(1 + f.n), 12), opacity: dim ? 0.15 : 0.5,
           renderer: v.canvas, interactive: !v.inset, bubblingMouseEvents: false});
        line.bindTooltip(function () {
          return PM.dom.el("span", null, m.regionName(f.a, lang) + " – " + m.regionName(f.b, lang) + " · " + s.plural("n.partnerships", f.n));
        }, {sticky: true});
        self.addLayer(line);
      });
      Object.keys(data.totals).forEach(function (code) {
        var c = centre[code];
        var bubble = L.circleMarker([c.lat, c.lon], {radius: self.radius(code), color: code.slice(0, 2) === "DE" ? TOWN_COLOR[0] : TOWN_COLOR[1],
          weight: 1.5, fillColor: "#ffffff", fillOpacity: 0.8, renderer: v.canvas, bubblingMouseEvents: false});
        bubble.bindTooltip(function () {
          return PM.dom.el("span", null, m.regionName(code, lang) + " · " + s.plural("n.partnerships", data.totals[code]));
        }, {direction: "top"});
        bubble.on("click", function (e) {
          L.DomEvent.stop(e);
          v.fitPlaces(function (p) { return m.region(p) === code; }, {pad: 0.05, maxZoom: Math.max(AGG_ZOOM, v.map.getZoom() + 1)});
        });
        self.addLayer(bubble);
      });
    },
    count: function () { return this.getLayers().length; }
  });

  PM.ArcsLayer = ArcsLayer;
  PM.FlowsLayer = FlowsLayer;
  PM.AGG_MIN = AGG_MIN;
  PM.AGG_ZOOM = AGG_ZOOM;
})(typeof window !== "undefined" ? window : globalThis);
