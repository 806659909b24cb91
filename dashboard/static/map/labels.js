/* labels.js — where names and badges go, as pure functions of numbers:
 * candidates (a point, the symbol's radius, the text's size, a rank),
 * obstacles (panels, the inset, badges) and the view's size in, boxes out.
 * No DOM, no Leaflet: the labels layer measures and draws, this decides. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var overlap = function (a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; };

  /* The order in which places get their names: the selected place, then its
     partners, then by number of shown partnerships, a town before a district
     before a region of the same count. */
  function rank(place) {
    if (place.selected) { return 1e9; }
    if (place.partner) { return 1e8; }
    return place.count * 1000 - place.level * 100;
  }

  function inside(b, size) { return b.x >= 0 && b.y >= 0 && b.x + b.w <= size.x && b.y + b.h <= size.y; }

  /* Boxes for as many candidates as fit, highest rank first, none overlapping
     another or an obstacle, all inside the view.
       candidates: [{x, y, r, w, h, rank, centred?}] — x, y the symbol's centre
         in view pixels, r its radius, w × h the text's size; a centred one
         (a country name) goes on its point or nowhere, the others right of,
         left of, above or below the symbol, the first position that is free;
       obstacles: [{x, y, w, h}]; size: {x, y}; limit: at most this many names.
     Returns [{candidate, x, y, w, h}] in placing order. */
  function place(candidates, obstacles, size, limit) {
    var taken = obstacles.slice(), out = [];
    var order = candidates.map(function (c, n) { return {c: c, n: n}; });
    // stable: equal ranks keep the caller's order
    order.sort(function (a, b) { return (b.c.rank - a.c.rank) || (a.n - b.n); });
    limit = limit === undefined ? Infinity : limit;
    var tried = 0, maxTried = limit * 8;
    for (var k = 0; k < order.length && out.length < limit && tried < maxTried; k++) {
      var c = order[k].c;
      if (c.x < 0 || c.y < 0 || c.x > size.x || c.y > size.y) { continue; }
      tried++;
      var spots = c.centred ? [[c.x - c.w / 2, c.y - c.h / 2]] :
        [[c.x + c.r, c.y - c.h / 2], [c.x - c.r - c.w, c.y - c.h / 2], [c.x - c.w / 2, c.y - c.r - c.h], [c.x - c.w / 2, c.y + c.r]];
      for (var s = 0; s < spots.length; s++) {
        var b = {x: spots[s][0], y: spots[s][1], w: c.w, h: c.h};
        if (!inside(b, size) || taken.some(function (t) { return overlap(t, b); })) { continue; }
        taken.push(b);
        out.push({candidate: c, x: b.x, y: b.y, w: b.w, h: b.h});
        break;
      }
    }
    return out;
  }

  /* How many names a view of this size can carry without turning into a carpet. */
  function limitFor(size, big) { return Math.max(25, Math.round(size.x * size.y / (big ? 9000 : 6000))); }

  /* Conference badges on leader lines: each badge sits above its host, lifted
     (right, then left, higher each time) until it overlaps no earlier badge.
       badges: [{x, y, w, h}] — the host's point in view pixels, the badge's size;
     returns per badge {side: 1 right | -1 left, up: px from the host to the badge's
     bottom edge, box: {x, y, w, h}}. Northern hosts are placed first. */
  var BADGE_GAP = 8, LIFTS = 12;
  function liftBadges(badges) {
    var order = badges.map(function (b, n) { return n; }).sort(function (a, b) { return badges[a].y - badges[b].y; });
    var placed = [], out = new Array(badges.length);
    order.forEach(function (n) {
      var b = badges[n], choice = null;
      for (var lift = 0; lift < LIFTS; lift++) {
        var side = lift % 2 ? -1 : 1, up = 12 + Math.floor((lift + 1) / 2) * 20;
        var box = {x: side > 0 ? b.x + BADGE_GAP : b.x - BADGE_GAP - b.w, y: b.y - up - b.h, w: b.w, h: b.h};
        choice = {side: side, up: up, box: box};
        if (!placed.some(function (t) { return overlap(t, box); })) { break; }
      }
      placed.push(choice.box);
      out[n] = choice;
    });
    return out;
  }

  PM.labels = {rank: rank, place: place, limitFor: limitFor, liftBadges: liftBadges, overlap: overlap};
})(typeof window !== "undefined" ? window : globalThis);
