/* clusters.js — which places share one symbol at a zoom, as a pure function of
 * points in pixels (no DOM, no Leaflet), as flow-map tools cluster by zoom:
 * places at the same spot (a town and its district, which no zoom separates)
 * are always one symbol; places whose symbols would overlap by more than a
 * small share of the smaller one's area are gathered into a cluster that sits
 * on its most important place, shows how many places it holds, and grows with
 * that number. Zooming in spreads the points and the clusters come apart. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var MAX_SHARE = 0.1;   // symbols may touch and overlap a little; the promise to the viewer is a third
  var PROMISE = 1 / 3;   // no two symbols overlap by more than this share of the smaller one's area

  /* The area two circles share, at centre distance d. */
  function lens(d, r1, r2) {
    if (d >= r1 + r2) { return 0; }
    var small = Math.min(r1, r2), big = Math.max(r1, r2);
    if (d <= big - small) { return Math.PI * small * small; }
    var a = r1 * r1 * Math.acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1));
    var b = r2 * r2 * Math.acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2));
    var c = 0.5 * Math.sqrt(Math.max(0, (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2)));
    return a + b - c;
  }
  /* How much of the smaller of two round symbols {x, y, r} the other covers (0 … 1). */
  function overlapShare(a, b) {
    var small = Math.min(a.r, b.r);
    if (small <= 0) { return 0; }
    return lens(Math.hypot(a.x - b.x, a.y - b.y), a.r, b.r) / (Math.PI * small * small);
  }

  /* A cluster's radius for n places: sized by count, large enough for its number. */
  function clusterRadius(n, scale) { return Math.min(9 + 2 * Math.sqrt(Math.max(0, n - 1)), 20) * (scale || 1); }

  /* The equal-area radius of a place symbol drawn with radius r: a square of
     half side r (a district), a diamond of half diagonal 1.25 r (a region), a circle. */
  var AREA_FACTOR = [1, 2 / Math.sqrt(Math.PI), 1.25 * Math.sqrt(2 / Math.PI)];
  function areaRadius(r, level) { return r * (AREA_FACTOR[level] || 1); }

  function Grid(cell) { this.cell = cell; this.cells = {}; }
  Grid.prototype = {
    _key: function (i, j) { return i + "," + j; },
    add: function (item) {
      var k = this._key(Math.floor(item.x / this.cell), Math.floor(item.y / this.cell));
      (this.cells[k] = this.cells[k] || []).push(item);
    },
    near: function (x, y) {
      var i0 = Math.floor(x / this.cell), j0 = Math.floor(y / this.cell), out = [];
      for (var i = i0 - 1; i <= i0 + 1; i++) {
        for (var j = j0 - 1; j <= j0 + 1; j++) {
          var list = this.cells[this._key(i, j)];
          if (list) { for (var k = 0; k < list.length; k++) { out.push(list[k]); } }
        }
      }
      return out;
    }
  };

  function byWeight(a, b) { return ((b.fixed ? 1 : 0) - (a.fixed ? 1 : 0)) || (b.weight - a.weight) || (a.id - b.id); }

  /* The symbols for `items` at one zoom.
       items: [{id, x, y, r, side, weight, spot?, fixed?}] — x, y in pixels at the
         zoom (any origin), r the symbol's (equal-area) radius, side 0 or 1 (places of
         one country gather first), weight its importance (labels.importance), spot a key
         shared by places at the same spot, fixed: a place that stays a symbol of its
         own (the selection, its partners: they are named and clicked);
       opts: {maxShare (default 0.1), scale (present mode), radius(n, scale), labelHeight (px): with it,
         an item with a `room` (its name's width in px: the most important places) keeps one side of its
         symbol free for its name (makeRoom); bounds {x0, y0, x1, y1}: where a name can go at all (a view
         that does not move, the inset), in the items' pixels}.
     Returns [{members: [id, ...] (most important first), lead: id, x, y, r, side (-1:
     both countries), fixed, spot (several places at one spot), n, room (its lead had a room), roomSide
     (the side kept free for its name, -1: none)}] — a symbol of one
     place has that place's own radius and position; any other sits on its lead. */
  function build(items, opts) {
    opts = opts || {};
    var maxShare = opts.maxShare === undefined ? MAX_SHARE : opts.maxShare, scale = opts.scale || 1;
    var radiusOf = opts.radius || clusterRadius;
    var spots = [], bySpot = {}, maxR = radiusOf(items.length, scale);
    items.forEach(function (it) {
      var k = it.spot === undefined || it.spot === null || it.spot === "" ? "#" + it.id : it.side + "|" + it.spot;
      var s = bySpot[k];
      if (!s) { s = bySpot[k] = {items: []}; spots.push(s); }
      s.items.push(it);
      maxR = Math.max(maxR, it.r);
    });
    var grid = new Grid(Math.max(2 * maxR, 1)), symbols = [];
    function make(s) {
      s.items.sort(byWeight);
      var lead = s.items[0], n = s.items.length;
      return {items: s.items.slice(), lead: lead, x: lead.x, y: lead.y, side: lead.side, fixed: s.items.some(function (i) { return i.fixed; }),
              spot: n > 1, spots: 1, r: n > 1 ? Math.max(radiusOf(n, scale), lead.r) : lead.r, alive: true};
    }
    function absorb(keep, other) {
      keep.items = keep.items.concat(other.items);
      keep.spots += other.spots;
      keep.spot = keep.spots === 1 && keep.items.length > 1;
      if (other.side !== keep.side) { keep.side = -1; }
      keep.r = Math.max(radiusOf(keep.items.length, scale), keep.lead.r);
      other.alive = false;
    }
    // most important spots first: they seed the clusters the smaller ones join
    spots.map(make).sort(function (a, b) { return byWeight(a.lead, b.lead); }).forEach(function (sym) {
      if (!sym.fixed) {
        var best = null, bestShare = maxShare;
        grid.near(sym.x, sym.y).forEach(function (o) {
          if (o.fixed || o.side !== sym.side) { return; }
          var share = overlapShare(o, sym);
          if (share > bestShare) { best = o; bestShare = share; }
        });
        if (best) { absorb(best, sym); return; }
      }
      sym.order = symbols.length;
      symbols.push(sym);
      grid.add(sym);
    });
    // a cluster that grew may now cover a neighbour: merge into the more important
    // one until no two overlap (places of both countries only where nothing else helps)
    function resolve() {
      for (var round = 0; round < 2; round++) {
        var changed = true;
        while (changed) {
          changed = false;
          for (var k = 0; k < symbols.length; k++) {
            var a = symbols[k];
            if (!a.alive || a.fixed) { continue; }
            var near = grid.near(a.x, a.y);
            for (var j = 0; j < near.length; j++) {
              var b = near[j];
              if (b === a || !b.alive || b.fixed || (round === 0 && b.side !== a.side)) { continue; }
              if (overlapShare(a, b) > maxShare) {
                changed = true;
                if (a.order < b.order) { absorb(a, b); } else { absorb(b, a); break; }
              }
            }
          }
        }
      }
    }
    resolve();
    if (opts.labelHeight) { makeRoom(symbols, opts.labelHeight, absorb, opts.bounds); resolve(); }
    return symbols.filter(function (s) { return s.alive; }).map(function (s) {
      s.items.sort(byWeight);
      return {members: s.items.map(function (i) { return i.id; }), lead: s.lead.id, x: s.x, y: s.y, r: s.r, side: s.side,
              fixed: s.fixed, spot: s.spot, n: s.items.length, room: !!s.lead.room,
              roomSide: s.roomSide === undefined ? -1 : s.roomSide};
    });
  }

  /* A box and a circle share area (touching is not sharing). */
  function meets(b, c) {
    var nx = Math.max(b.x, Math.min(c.x, b.x + b.w)), ny = Math.max(b.y, Math.min(c.y, b.y + b.h));
    return Math.pow(c.x - nx, 2) + Math.pow(c.y - ny, 2) < Math.pow(c.r + 1, 2);
  }
  /* Room for the names of the most important places: a symbol whose lead has a
     `room` (its name's width, px) gets one of the eight places a name can take
     around it (labels.js spots: right, left, above, below, the diagonals) free of
     other symbols and of the places claimed by more important names, by gathering
     into it the symbols that block the one that is cheapest to clear. Never the
     selection's symbols; another place with a claim to its name only where every
     side holds one (the less important). The side is kept as the symbol's roomSide
     (0–7, in the order of labels.js spots), where its name goes first. */
  var ROOM_MARGIN = 2;  // px kept free around the name's box: symbols drawn a little larger than their equal-area circle
  function sideBoxes(sym, w, h) {
    // exactly where labels.js spots puts a name around a symbol of reach r (layer-labels.js: r + 2), widened by the margin
    var r = sym.r + 2, d = r * 0.72 + 1, m = ROOM_MARGIN;
    return [[sym.x + r, sym.y - h / 2], [sym.x - r - w, sym.y - h / 2], [sym.x - w / 2, sym.y - r - h], [sym.x - w / 2, sym.y + r],
            [sym.x + d, sym.y - d - h], [sym.x - d - w, sym.y - d - h], [sym.x + d, sym.y + d], [sym.x - d - w, sym.y + d]]
      .map(function (p) { return {x: p[0] - m, y: p[1] - m, w: w + 2 * m, h: h + 2 * m}; });
  }
  function boxesOverlap(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }
  var NAMED_COST = 1000;  // gathering a place that has a claim to its name costs this much more than any other
  function makeRoom(symbols, h, absorb, bounds) {
    var claimed = [];
    symbols.forEach(function (sym) {
      var w = sym.lead.room || 0, free = -1;
      for (var round = 0; round < 4 && w && sym.alive && !sym.fixed && free < 0; round++) {
        var boxes = sideBoxes(sym, w, h), best = null, bestCost = Infinity, bestSide = -1;
        for (var k = 0; k < boxes.length; k++) {
          var box = boxes[k], blockers = [], cost = 0;
          if (bounds && (box.x < bounds.x0 || box.y < bounds.y0 || box.x + box.w > bounds.x1 || box.y + box.h > bounds.y1)) { continue; }
          if (claimed.some(function (c) { return boxesOverlap(c, box); })) { continue; }
          for (var j = 0; j < symbols.length; j++) {
            var o = symbols[j];
            if (o === sym || !o.alive || !meets(box, o)) { continue; }
            if (o.fixed || (o.lead.room && o.order < sym.order)) { cost = Infinity; break; }
            blockers.push(o);
            cost += o.items.length + (o.lead.room ? NAMED_COST : 0);
          }
          if (cost < bestCost) { best = blockers; bestCost = cost; bestSide = k; }
          if (cost === 0) { break; }
        }
        if (!best) { return; }
        if (!best.length) { free = bestSide; break; }
        best.forEach(function (o) { absorb(sym, o); });
      }
      if (free >= 0) {
        sym.roomSide = free;
        claimed.push(sideBoxes(sym, w, h)[free]);
      }
    });
  }

  PM.clusters = {build: build, overlapShare: overlapShare, clusterRadius: clusterRadius, areaRadius: areaRadius,
                 MAX_SHARE: MAX_SHARE, PROMISE: PROMISE};
})(typeof window !== "undefined" ? window : globalThis);
