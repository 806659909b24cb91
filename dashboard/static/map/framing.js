/* framing.js — the rules for framing a result, as pure functions (no DOM, no
 * Leaflet; tested in node): the padding that keeps a fit clear of every panel,
 * when the Germany inset is worth showing, and the view as text for a link
 * ("Z/LAT/LON", the static site's `map=` format). view.js applies them. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var MARGIN = 10;      // px between what a fit shows and the frame's edge or a panel
  var MIN_FREE = 0.3;   // a fit keeps at least this share of the frame's width and height free

  function clip(r, size) {
    var x0 = Math.max(0, r.x), y0 = Math.max(0, r.y), x1 = Math.min(size.w, r.x + r.w), y1 = Math.min(size.h, r.y + r.h);
    return x1 > x0 && y1 > y0 ? {x: x0, y: y0, w: x1 - x0, h: y1 - y0} : null;
  }

  /* The padding {top, right, bottom, left} (px) for a fit in a frame of `size` {w, h} that keeps
     clear of `rects` (panels, the inset, the detail panel: {x, y, w, h} in the frame's pixels).
     Each panel is cut off from the side that costs the least of the free area (a panel docked
     right pads the right, a bottom sheet the bottom, a small box in a corner the cheaper of its
     two sides), largest panel first; a cut that would leave less than MIN_FREE of the frame is
     not made (that panel is then left to cover a part of the result rather than leave no map). */
  function padding(size, rects, margin) {
    var m = margin === undefined ? MARGIN : margin, pad = {top: m, right: m, bottom: m, left: m};
    var list = (rects || []).map(function (r) { return clip(r, size); }).filter(Boolean);
    list.sort(function (a, b) { return b.w * b.h - a.w * a.h; });
    list.forEach(function (r) {
      var free = {x0: pad.left, y0: pad.top, x1: size.w - pad.right, y1: size.h - pad.bottom};
      if (r.x >= free.x1 || r.x + r.w <= free.x0 || r.y >= free.y1 || r.y + r.h <= free.y0) { return; }
      var need = {top: r.y + r.h + m, bottom: size.h - r.y + m, left: r.x + r.w + m, right: size.w - r.x + m};
      var best = null, bestCost = Infinity;
      ["top", "bottom", "left", "right"].forEach(function (side) {
        var vertical = side === "top" || side === "bottom", d = need[side] - pad[side];
        var other = vertical ? (side === "top" ? pad.bottom : pad.top) : (side === "left" ? pad.right : pad.left);
        var length = vertical ? size.h : size.w;
        if (length - need[side] - other < MIN_FREE * length) { return; }
        var cost = d * (vertical ? free.x1 - free.x0 : free.y1 - free.y0);
        if (cost < bestCost) { best = side; bestCost = cost; }
      });
      if (best) { pad[best] = need[best]; }
    });
    return pad;
  }

  /* Where a fit's box `box` {x, y, w, h} (what it frames, placed by the padding) may slide towards the
     frame's centre (or `centre`: the middle of what a docked panel leaves free): an offset {dx, dy} that keeps the box clear of every panel and inside the frame
     (less the margin), the nearest to the centre among a few steps of each axis. The padding cuts
     a whole side for a panel in one corner; this gives the space beside that panel back. */
  function slide(size, box, rects, margin, centre) {
    var m = margin === undefined ? MARGIN : margin, best = {dx: 0, dy: 0}, bestD = Infinity, steps = 12;
    centre = centre || {x: size.w / 2, y: size.h / 2};
    var cx = centre.x - (box.x + box.w / 2), cy = centre.y - (box.y + box.h / 2);
    var clear = function (dx, dy) {
      var x0 = box.x + dx, y0 = box.y + dy, x1 = x0 + box.w, y1 = y0 + box.h;
      if (x0 < m - 0.5 || y0 < m - 0.5 || x1 > size.w - m + 0.5 || y1 > size.h - m + 0.5) { return false; }
      return (rects || []).every(function (r) { return x1 <= r.x - m || x0 >= r.x + r.w + m || y1 <= r.y - m || y0 >= r.y + r.h + m; });
    };
    if (!clear(0, 0)) { return best; }
    for (var i = 0; i <= steps; i++) {
      for (var j = 0; j <= steps; j++) {
        var dx = cx * i / steps, dy = cy * j / steps, d = Math.hypot(cx - dx, cy - dy);
        if (d < bestD && clear(dx, dy)) { bestD = d; best = {dx: dx, dy: dy}; }
      }
    }
    return best;
  }

  /* The Germany inset is worth its place while Germany on the map is smaller than in the inset:
     the inset fits Germany's box into its own, so the map shows Germany at least as large as the
     inset does once Germany's box on the screen (`de`, px) is as wide or as tall as the inset's
     box (`inset`). A frame too small for an inset (a phone) never has one. */
  function insetShows(size, de, inset) {
    if (size.w < 560 || size.h < 380 || !inset || !inset.w) { return false; }
    return de.w < inset.w && de.h < inset.h;
  }

  /* The view as the link writes it: "6/52.000/30.000" (zoom to 2 decimals, centre to 3). */
  function viewString(zoom, lat, lng) {
    return (Math.round(zoom * 100) / 100) + "/" + lat.toFixed(3) + "/" + lng.toFixed(3);
  }
  /* A link's view, or null for anything that is not one (zoom 0–18, latitude ±85, longitude ±540). */
  function parseView(text) {
    var m = /^(\d{1,2}(?:\.\d+)?)\/(-?\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/.exec(String(text || "").trim());
    if (!m) { return null; }
    var v = {zoom: parseFloat(m[1]), lat: parseFloat(m[2]), lng: parseFloat(m[3])};
    if (v.zoom > 18 || Math.abs(v.lat) > 85 || Math.abs(v.lng) > 540) { return null; }
    return v;
  }

  PM.framing = {padding: padding, slide: slide, insetShows: insetShows, viewString: viewString, parseView: parseView, MARGIN: MARGIN};
})(typeof window !== "undefined" ? window : globalThis);
