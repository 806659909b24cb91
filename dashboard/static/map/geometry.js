/* geometry.js — great circles, boxes and distances on the screen, and a cache
 * of each pair's arc projected once (no Leaflet needed except for projecting). */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var RAD = Math.PI / 180;

  /* Points along the shortest path on the sphere, as [[lat, lon], ...]: one per
     ~2° of arc (2 to 32 segments). Longitudes are kept continuous across the
     antimeridian, as geo/arcs.py does, so that a line from Hamburg to a town at
     177.5° W runs east over the Bering Strait in one piece (its end at 182.5°)
     instead of jumping 359° back across the map. The ends are the two points
     themselves, the far one on the same turn of the globe as the line.
     `segments`: how many (default: as above). */
  function greatCircle(a, b, segments) {
    var lat1 = a[0] * RAD, lon1 = a[1] * RAD, lat2 = b[0] * RAD, lon2 = b[1] * RAD;
    var d = 2 * Math.asin(Math.min(1, Math.sqrt(Math.pow(Math.sin((lat2 - lat1) / 2), 2) +
      Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin((lon2 - lon1) / 2), 2))));
    if (d < 1e-9) { return [[a[0], a[1]], [b[0], b[1]]]; }
    var n = segments || Math.max(2, Math.min(32, Math.ceil(d / RAD / 2))), out = [], prev = null;
    for (var i = 0; i <= n; i++) {
      var f = i / n, A = Math.sin((1 - f) * d) / Math.sin(d), B = Math.sin(f * d) / Math.sin(d);
      var x = A * Math.cos(lat1) * Math.cos(lon1) + B * Math.cos(lat2) * Math.cos(lon2);
      var y = A * Math.cos(lat1) * Math.sin(lon1) + B * Math.cos(lat2) * Math.sin(lon2);
      var z = A * Math.sin(lat1) + B * Math.sin(lat2);
      var lon = Math.atan2(y, x) / RAD;
      if (prev === null) { lon += 360 * Math.round((a[1] - lon) / 360); }   // start on the first point's turn
      else { lon += 360 * Math.round((prev - lon) / 360); }                 // unwrap: no step over 180°
      prev = lon;
      out.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / RAD, lon]);
    }
    out[0] = [a[0], a[1]];
    out[n] = [b[0], b[1] + 360 * Math.round((out[n][1] - b[1]) / 360)];
    return out;
  }

  /* Great-circle distance in km (haversine, geo.arcs.EARTH_RADIUS_KM). */
  function distanceKm(a, b) {
    var p1 = a[0] * RAD, p2 = b[0] * RAD, dl = (b[1] - a[1]) * RAD;
    var h = Math.pow(Math.sin((p2 - p1) / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.sqrt(Math.min(1, h)));
  }

  function rectsOverlap(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }

  function segDistance(px, py, ax, ay, bx, by) {
    var vx = bx - ax, vy = by - ay, l = vx * vx + vy * vy, t = l ? Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / l)) : 0;
    return Math.hypot(px - ax - t * vx, py - ay - t * vy);
  }

  /* Each pair's arc and each place, computed once per data and projected once
     (at zoom 0, with the `project` function given: [lat, lon] -> {x, y});
     the map at zoom z is then x * 2^z + offset, no projection per redraw. */
  function Geometry(model, project) {
    this.model = model;
    this.project = project;
    this._arcs = new Array(model.nPairs);
    this._projected = new Array(model.nPairs);
    this._boxes = new Array(model.nPairs);
    this._places = new Array(model.nPlaces);
  }
  Geometry.prototype = {
    arc: function (i) {
      if (!this._arcs[i]) { var m = this.model; this._arcs[i] = greatCircle(m.latLng(m.de(i)), m.latLng(m.ru(i))); }
      return this._arcs[i];
    },
    projectedArc: function (i) {
      if (!this._projected[i]) {
        var pts = this.arc(i), out = new Float64Array(pts.length * 2);
        for (var j = 0; j < pts.length; j++) { var pt = this.project(pts[j]); out[2 * j] = pt.x; out[2 * j + 1] = pt.y; }
        this._projected[i] = out;
      }
      return this._projected[i];
    },
    /* [minX, minY, maxX, maxY] of the projected arc */
    arcBox: function (i) {
      if (!this._boxes[i]) {
        var pts = this.projectedArc(i), b = [Infinity, Infinity, -Infinity, -Infinity];
        for (var j = 0; j < pts.length; j += 2) {
          b[0] = Math.min(b[0], pts[j]); b[1] = Math.min(b[1], pts[j + 1]); b[2] = Math.max(b[2], pts[j]); b[3] = Math.max(b[3], pts[j + 1]);
        }
        this._boxes[i] = b;
      }
      return this._boxes[i];
    },
    /* the great circle between two places, computed once per pair of places (an arc drawn
       between the symbols that hold its ends: layer-arcs.js); the pair's own ends: arc(i) */
    arcBetween: function (a, b) {
      var key = a * this.model.nPlaces + b, memo = this._between || (this._between = {});
      if (!memo[key]) { memo[key] = greatCircle(this.model.latLng(a), this.model.latLng(b)); }
      return memo[key];
    },
    projectedPlace: function (p) {
      if (!this._places[p]) { var pt = this.project(this.model.latLng(p)); this._places[p] = [pt.x, pt.y]; }
      return this._places[p];
    }
  };

  PM.geometry = {greatCircle: greatCircle, distanceKm: distanceKm, rectsOverlap: rectsOverlap, segDistance: segDistance};
  PM.Geometry = Geometry;
  PM.greatCircle = greatCircle;  // kept for scripts that used PartnerMap.greatCircle
})(typeof window !== "undefined" ? window : globalThis);
