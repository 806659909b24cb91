/* layer-fast.js — many pairs, zoomed in: one canvas that draws every visible
 * arc and place in a single pass (no Leaflet layer per object), from points
 * projected once (geometry.js); a click finds the nearest place or arc by
 * arithmetic. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};

  var FastLayer = L.Layer.extend({
    initialize: function (view) { this._view = view; },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "pm-fast leaflet-zoom-hide");
      map.getPane("overlayPane").appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this.update, this);
      map.on("click", this._click, this);
      this.update();
    },
    onRemove: function (map) {
      // removed before the map was ready (a frame fitted before its first draw): nothing was added
      if (this._canvas) { L.DomUtil.remove(this._canvas); }
      this._canvas = null;
      this._screen = null;
      map.off("moveend zoomend resize viewreset", this.update, this);
      map.off("click", this._click, this);
    },
    /* the arcs to draw: visible, both ends placed */
    _drawn: function (i, vis) { return vis[i] && this._view.model.isArc(i); },
    update: function () {
      if (!this._canvas || !this._map) { return; }
      var v = this._view, m = this._map, model = v.model, g = v.geometry, size = m.getSize(), c = this._canvas;
      var ratio = window.devicePixelRatio || 1, topLeft = m.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(c, topLeft);
      c.width = size.x * ratio; c.height = size.y * ratio;
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      var ctx = c.getContext("2d");
      if (!ctx) { return; }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      var scale = Math.pow(2, m.getZoom()), origin = m.getPixelOrigin();
      // projected at zoom 0 by geometry.js (256 px world); Leaflet's pixel = 256-world × 2^zoom
      var dx = -origin.x - topLeft.x, dy = -origin.y - topLeft.y;
      var view = {x0: -20, y0: -20, x1: size.x + 20, y1: size.y + 20};
      this._screen = {scale: scale, dx: dx, dy: dy};
      var vis = v.store.get("visible"), status = v.store.get("status"), focus = v.store.get("focus"), groups = {};
      for (var i = 0; i < model.nPairs; i++) {
        if (!this._drawn(i, vis)) { continue; }
        var bb = g.arcBox(i);
        if (bb[2] * scale + dx < view.x0 || bb[0] * scale + dx > view.x1 || bb[3] * scale + dy < view.y0 || bb[1] * scale + dy > view.y1) { continue; }
        var k = status[i] + (!focus || focus[i] ? "f" : "d");
        (groups[k] = groups[k] || []).push(i);
      }
      Object.keys(groups).forEach(function (k) {
        var style = model.style(+k.slice(0, -1)), on = k.slice(-1) === "f";
        ctx.strokeStyle = style.color;
        ctx.globalAlpha = on ? (focus ? 0.9 : 0.55) : 0.08;
        // 1 px: Skia draws hairlines on a fast path; at 1.3 px thousands of arcs
        // took a second to rasterise without a GPU, at 1 px a tenth of that
        ctx.lineWidth = on && focus ? 3 : 1;
        ctx.beginPath();
        var inPath = 0;
        groups[k].forEach(function (i) {
          // only the segments that cross the view: the rasteriser's work is
          // what costs, and most of a long arc lies outside a zoomed-in view
          var pts = g.projectedArc(i), pen = false;
          for (var j = 2; j < pts.length; j += 2) {
            var ax = pts[j - 2] * scale + dx, ay = pts[j - 1] * scale + dy, bx = pts[j] * scale + dx, by = pts[j + 1] * scale + dy;
            if (Math.max(ax, bx) < view.x0 || Math.min(ax, bx) > view.x1 || Math.max(ay, by) < view.y0 || Math.min(ay, by) > view.y1) {
              pen = false;
              continue;
            }
            if (!pen) { ctx.moveTo(ax, ay); pen = true; }
            ctx.lineTo(bx, by);
          }
          if (++inPath >= 100) { ctx.stroke(); ctx.beginPath(); inPath = 0; }  // a few hundred arcs a stroke
        });
        // no dash patterns here: dashing thousands of long lines costs seconds
        // of rasterising without a GPU; colour tells the status, the legend says so
        ctx.stroke();
      });
      ctx.globalAlpha = 1;
      // places: one path per country (a fill and a stroke each), not one per place
      var count = v.store.get("placeCount");
      [0, 1].forEach(function (side) {
        ctx.beginPath();
        for (var p = 0; p < model.nPlaces; p++) {
          if (!count[p] || model.side(p) !== side) { continue; }
          var pp = g.projectedPlace(p), x = pp[0] * scale + dx, y = pp[1] * scale + dy;
          if (x < view.x0 || x > view.x1 || y < view.y0 || y > view.y1) { continue; }
          ctx.moveTo(x + 3.5, y);
          ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
        }
        ctx.fillStyle = "#ffffff";
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = PM.TOWN_COLOR[side];
        ctx.stroke();
      });
    },
    _click: function (e) {
      var sc = this._screen, v = this._view, model = v.model, g = v.geometry;
      if (!sc) { return; }
      var pt = e.containerPoint, best = -1, bestD = 8, count = v.store.get("placeCount");
      for (var p = 0; p < model.nPlaces; p++) {
        if (!count[p]) { continue; }
        var pp = g.projectedPlace(p), d = Math.hypot(pp[0] * sc.scale + sc.dx - pt.x, pp[1] * sc.scale + sc.dy - pt.y);
        if (d < bestD) { bestD = d; best = p; }
      }
      if (best >= 0) { v.toggle(model.key(best)); return; }
      var arc = -1, vis = v.store.get("visible");
      bestD = 6;
      for (var i = 0; i < model.nPairs; i++) {
        if (!this._drawn(i, vis)) { continue; }
        var pts = g.projectedArc(i);
        for (var j = 2; j < pts.length; j += 2) {
          var d2 = PM.geometry.segDistance(pt.x, pt.y, pts[j - 2] * sc.scale + sc.dx, pts[j - 1] * sc.scale + sc.dy,
                                           pts[j] * sc.scale + sc.dx, pts[j + 1] * sc.scale + sc.dy);
          if (d2 < bestD) { bestD = d2; arc = i; }
        }
      }
      if (arc >= 0 && !v.inset) { v.popups.openPair(v.map, arc, e.latlng, false); }
    }
  });

  PM.FastLayer = FastLayer;
})(typeof window !== "undefined" ? window : globalThis);
