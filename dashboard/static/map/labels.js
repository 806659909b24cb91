/* labels.js — where names and badges go, as pure functions of numbers:
 * candidates (a point, the symbol's radius, the text's size, a rank),
 * obstacles (panels, the inset, badges, the place symbols) and the view's size
 * in, boxes out. No DOM, no Leaflet: the labels layer measures and draws, this decides. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var overlap = function (a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; };

  /* A box and a circle {cx, cy, r} share some area (touching is not sharing). */
  function boxMeetsCircle(b, c) {
    var nx = Math.max(b.x, Math.min(c.cx, b.x + b.w)), ny = Math.max(b.y, Math.min(c.cy, b.y + b.h));
    return Math.pow(c.cx - nx, 2) + Math.pow(c.cy - ny, 2) < c.r * c.r - 0.01;
  }
  /* an obstacle is a box {x, y, w, h} or a symbol's circle {cx, cy, r} */
  function hits(b, o) { return o.cx === undefined ? overlap(b, o) : boxMeetsCircle(b, o); }

  /* How much a place matters on the map: first its size (the gazetteer's
     population: ten times the people weigh 10), then how connected it is (twice
     the shown partnerships weigh 4, so a city three times the size of another
     still comes first with half its partnerships), a town before a district
     before a region. A place of unknown population counts as 1,000 people. */
  function importance(place) {
    return 10 * Math.log10(Math.max(place.population || 0, 1000)) + 4 * Math.log2(1 + (place.count || 0)) - 6 * (place.level || 0);
  }

  /* The order in which places get their names: the selected place, then its
     partners (and a tour step's places), then by importance. */
  function rank(place) {
    if (place.selected) { return 3e9; }
    if (place.partner) { return 2e9 + importance(place); }
    return importance(place);
  }

  function inside(b, size) { return b.x >= 0 && b.y >= 0 && b.x + b.w <= size.x && b.y + b.h <= size.y; }

  /* Where a name may go around its symbol, in order of preference: right, left,
     above, below, then the four diagonals (clear of a round symbol). */
  function spots(c) {
    if (c.centred) { return [[c.x - c.w / 2, c.y - c.h / 2]]; }
    var d = c.r * 0.72 + 1;
    var out = [[c.x + c.r, c.y - c.h / 2], [c.x - c.r - c.w, c.y - c.h / 2], [c.x - c.w / 2, c.y - c.r - c.h], [c.x - c.w / 2, c.y + c.r],
               [c.x + d, c.y - d - c.h], [c.x - d - c.w, c.y - d - c.h], [c.x + d, c.y + d], [c.x - d - c.w, c.y + d]];
    // the side the clustering kept free for this name (clusters.js roomSide) first
    if (c.prefer > 0 && c.prefer < out.length) { out.unshift(out.splice(c.prefer, 1)[0]); }
    return out;
  }

  /* Boxes for as many candidates as fit, none overlapping another or an
     obstacle, all inside the view.
       candidates: [{x, y, r, w, h, rank, must?, centred?, owner?, prefer?}] — x, y the
         symbol's centre in view pixels, r its radius, w × h the text's size; a
         centred one (a country name) goes on its point or nowhere, the others
         around the symbol (spots: `prefer` 0–7 first), the first position that is free;
       obstacles: [{x, y, w, h}] that no name may cover (panels, the inset, badges);
       size: {x, y}; limit: at most this many names (those that must be named aside);
       soft: [{x, y, w, h} | {cx, cy, r, owner?}] that names avoid (the place
         symbols; a name never counts its own symbol, same `owner`).
     The candidates that must be named (the selected place and its partners, both
     ends of a shown pair, a tour step's places) go first: on a free spot if there is
     one, else over a symbol rather than not at all; the rest by rank.
     Returns [{candidate, x, y, w, h}] in placing order. */
  function place(candidates, obstacles, size, limit, soft) {
    var taken = obstacles.slice(), out = [], symbols = soft || [];
    var order = candidates.map(function (c, n) { return {c: c, n: n}; });
    // stable: equal ranks keep the caller's order
    order.sort(function (a, b) { return ((b.c.must ? 1 : 0) - (a.c.must ? 1 : 0)) || (b.c.rank - a.c.rank) || (a.n - b.n); });
    limit = limit === undefined ? Infinity : limit;
    var tried = 0, maxTried = limit * 8, named = 0;
    function free(b, c, withSymbols) {
      if (!inside(b, size)) { return false; }
      for (var t = 0; t < taken.length; t++) { if (overlap(taken[t], b)) { return false; } }
      if (!withSymbols) { return true; }
      for (var s = 0; s < symbols.length; s++) {
        var o = symbols[s];
        if (c.owner !== undefined && o.owner === c.owner) { continue; }
        if (hits(b, o)) { return false; }
      }
      return true;
    }
    for (var k = 0; k < order.length; k++) {
      var c = order[k].c;
      if (!c.must && (named >= limit || tried >= maxTried)) { break; }
      if (c.x < 0 || c.y < 0 || c.x > size.x || c.y > size.y) { continue; }
      if (!c.must) { tried++; }
      var options = spots(c), chosen = null;
      for (var pass = 0; pass < (c.must ? 2 : 1) && !chosen; pass++) {
        for (var s = 0; s < options.length; s++) {
          var b = {x: options[s][0], y: options[s][1], w: c.w, h: c.h};
          if (free(b, c, pass === 0)) { chosen = b; break; }
        }
      }
      if (!chosen) { continue; }
      taken.push(chosen);
      out.push({candidate: c, x: chosen.x, y: chosen.y, w: chosen.w, h: chosen.h});
      if (!c.must) { named++; }
    }
    return out;
  }

  /* How many names a view of this size can carry without turning into a carpet. */
  function limitFor(size, big) { return Math.max(25, Math.round(size.x * size.y / (big ? 9000 : 6000))); }

  function segmentNearCircle(ax, ay, bx, by, c) {
    var vx = bx - ax, vy = by - ay, l = vx * vx + vy * vy;
    var t = l ? Math.max(0, Math.min(1, ((c.cx - ax) * vx + (c.cy - ay) * vy) / l)) : 0;
    return Math.hypot(c.cx - ax - t * vx, c.cy - ay - t * vy) < c.r + 1;
  }

  /* Conference badges on leader lines: each badge sits above (or, where that is
     taken, below) its host's symbol, lifted and moved aside until neither the badge
     nor its leader line covers a place symbol, an earlier badge or a panel.
       badges: [{x, y, w, h, r?, owner?}] — the host's point in view pixels (the
         centre of the symbol it belongs to, of radius r), the badge's size;
       symbols: [{cx, cy, r, owner?}] — the place symbols (click targets) to keep
         clear; the host's own symbol (same owner) only for the badge, not the leader's foot;
       obstacles: [{x, y, w, h}] — panels, the inset, names placed before; size: {x, y} (optional) the view.
     Returns per badge {side: 1 right | -1 left, up: px from the host's point to the
     badge's bottom edge (negative: below), box: {x, y, w, h}, leader: [x0, y0, x1, y1]}.
     Northern hosts are placed first; where no position is free, the one with the
     fewest conflicts (over a badge, a panel or a name worst, then over a symbol,
     then outside the view, then a leader across a symbol). */
  var BADGE_GAP = 8;
  function badgeOptions(b) {
    var r = b.r || 0, out = [];
    [0, 1, 2, 3, 4, 5, 6].forEach(function (lift) {
      [0, 26, 56].forEach(function (aside) {
        [1, -1].forEach(function (side) {
          [1, -1].forEach(function (dir) {
            var up = dir * (r + 12 + lift * 18);
            var x = side > 0 ? b.x + BADGE_GAP + aside : b.x - BADGE_GAP - aside - b.w;
            var box = {x: x, y: dir > 0 ? b.y - up - b.h : b.y - up, w: b.w, h: b.h};
            // the leader runs from the symbol's rim to the badge's inner bottom (top) corner
            var ex = side > 0 ? box.x + 4 : box.x + box.w - 4, ey = dir > 0 ? box.y + box.h : box.y;
            var len = Math.hypot(ex - b.x, ey - b.y) || 1;
            var leader = [b.x + (ex - b.x) / len * r, b.y + (ey - b.y) / len * r, ex, ey];
            out.push({side: side, up: up, box: box, leader: leader, cost: Math.abs(up) + aside + (dir < 0 ? 40 : 0) + (side < 0 ? 1 : 0)});
          });
        });
      });
    });
    return out.sort(function (a, c) { return a.cost - c.cost; });
  }
  function liftBadges(badges, symbols, obstacles, size) {
    symbols = symbols || [];
    obstacles = obstacles || [];
    var order = badges.map(function (b, n) { return n; }).sort(function (a, b) { return badges[a].y - badges[b].y; });
    var placed = [], out = new Array(badges.length);
    order.forEach(function (n) {
      var b = badges[n], best = null, bestBad = Infinity, options = badgeOptions(b);
      for (var k = 0; k < options.length; k++) {
        var o = options[k], bad = 0, box = o.box, l = o.leader;
        if (size && !inside(box, size)) { bad += 50; }
        for (var s = 0; s < symbols.length; s++) {
          var sym = symbols[s];
          if (hits(box, sym)) { bad += 100; }
          if ((b.owner === undefined || sym.owner !== b.owner) && segmentNearCircle(l[0], l[1], l[2], l[3], sym)) { bad += 10; }
        }
        for (var t = 0; t < placed.length; t++) { if (overlap(placed[t], box)) { bad += 200; } }
        for (var u = 0; u < obstacles.length; u++) { if (overlap(obstacles[u], box)) { bad += 200; } }
        if (bad < bestBad) { best = o; bestBad = bad; }
        if (!bad) { break; }
      }
      placed.push(best.box);
      out[n] = {side: best.side, up: best.up, box: best.box, leader: best.leader, clear: bestBad === 0};
    });
    return out;
  }

  PM.labels = {rank: rank, importance: importance, place: place, limitFor: limitFor, liftBadges: liftBadges, overlap: overlap,
               boxMeetsCircle: boxMeetsCircle};
})(typeof window !== "undefined" ? window : globalThis);
