/* layer-labels.js — names on the map in the view's language, never
 * overlapping: measures the texts, asks labels.js where they go (panels, the
 * inset and the conference badges are obstacles, the place symbols are kept
 * clear), and puts them in the "labels" pane as text. One name per symbol: a
 * cluster is named by its most important place. Also lifts the badges on their
 * leader lines clear of the symbols. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var COUNTRY_LABELS = [{key: "country.de", lat: 50.3, lon: 8.2}, {key: "country.ru", lat: 58.5, lon: 62}];

  var LabelsLayer = L.Layer.extend({
    initialize: function (view, badges) {
      this._view = view;
      this._badges = badges;
      this._nodes = [];
      this._measured = {};
      this._frame = null;
    },
    onAdd: function (map) {
      this._pane = map.getPane("labels");
      map.on("zoomend moveend resize", this.schedule, this);
      map.on("resize", this._forget, this);
      this.schedule();
    },
    onRemove: function (map) {
      map.off("zoomend moveend resize", this.schedule, this);
      map.off("resize", this._forget, this);
      if (this._frame) { cancelAnimationFrame(this._frame); this._frame = null; }
      this._clear();
    },
    /* in presentation mode the type follows the frame's height (partnermap.css, vh): a new size, new widths */
    _forget: function () { this._measured = {}; this._types = {}; },
    /* one placement per frame, however many changes came in it */
    schedule: function () {
      if (this._frame || !this._map) { return; }
      var self = this;
      this._frame = requestAnimationFrame(function () { self._frame = null; self.update(); });
    },
    /* the placement now rather than in the next frame (the first view: the map appears with its names) */
    flush: function () {
      if (this._frame) { cancelAnimationFrame(this._frame); this._frame = null; }
      this.update();
    },
    _clear: function () {
      this._nodes.forEach(function (n) { n.remove(); });
      this._nodes = [];
    },
    /* the sizes of many names ([{text, cls}] -> [{w, h}]), without a layout of the page: a class's type
       is read once from the style sheet (per frame height: presentation sizes follow it), and each text
       measured on a canvas in that type (CSS letter-spacing, upper case and padding added as CSS does) */
    measureAll: function (items) {
      var self = this;
      if (!this._map) { return items.map(function (it) { return {w: it.text.length * 7, h: 14}; }); }
      // the map's classes (presentation) and language decide the type: another of them, other sizes
      var container = this._map.getContainer(), style = container.className + "|" + container.lang;
      if (style !== this._style) { this._forget(); this._style = style; }
      return items.map(function (it) {
        var key = it.cls + "\u0000" + it.text, size = self._measured[key];
        if (!size) {
          var type = self._type(it.cls), ctx = self._context(), text = type.upper ? it.text.toLocaleUpperCase(type.lang || undefined) : it.text;
          if (self._font !== type.font) { ctx.font = self._font = type.font; }
          size = self._measured[key] = {w: Math.round(ctx.measureText(text).width + type.ls * Array.from(text).length + type.pad), h: type.h};
        }
        return size;
      });
    },
    _context: function () {
      if (!this._canvas) { this._canvas = document.createElement("canvas").getContext("2d"); }
      return this._canvas;
    },
    /* a class's type in this map: {font, ls (letter-spacing px), pad (left + right px), h (line box px), upper} */
    _type: function (cls) {
      this._types = this._types || {};
      var container = this._map.getContainer(), t = this._types[cls];
      if (!t) {
        var probe = PM.dom.el("div", cls, "x");
        probe.style.cssText = "visibility:hidden;position:absolute;left:-9999px;top:0";
        container.appendChild(probe);
        var cs = getComputedStyle(probe);
        t = this._types[cls] = {font: [cs.fontStyle, cs.fontWeight, cs.fontSize, cs.fontFamily].join(" "),
                                ls: parseFloat(cs.letterSpacing) || 0, pad: (parseFloat(cs.paddingLeft) || 0) + (parseFloat(cs.paddingRight) || 0),
                                upper: cs.textTransform === "uppercase", lang: container.lang || "",
                                // the line box (a style read, no layout), unless the line height is "normal"
                                h: /px$/.test(cs.lineHeight) ? Math.round(parseFloat(cs.lineHeight) + (parseFloat(cs.paddingTop) || 0) +
                                                                          (parseFloat(cs.paddingBottom) || 0)) : probe.offsetHeight};
        probe.remove();
      }
      return t;
    },
    _obstacles: function () {
      var v = this._view, container = this._map.getContainer(), out = [];
      var inset = v.insetRect ? v.insetRect() : null;
      if (inset) { out.push(inset); }
      container.querySelectorAll(".leaflet-control, .pm-detail").forEach(function (c) {
        if (c.offsetWidth) { out.push(PM.dom.relativeRect(c, container)); }
      });
      // the inset's own title lies over its map
      var title = v.inset && container.parentNode ? container.parentNode.querySelector(".pm-inset-title") : null;
      if (title && title.offsetWidth) { out.push(PM.dom.relativeRect(title, container)); }
      return {all: out, inset: inset};
    },
    /* badges first (they are obstacles for the names); while the inset shows, a German host is shown there instead.
       Each badge's leader starts at the symbol that holds its host (the place, or its cluster). */
    _placeBadges: function (inset, circles, hard, size) {
      var map = this._map, m = this._view.model, items = [], badges = this._badges, byOwner = {};
      circles.forEach(function (c) { c.places.forEach(function (p) { byOwner[p] = c; }); });
      // first every change (anchors, what hides), then every size read: one layout, not one per badge
      badges.markers.forEach(function (mk) {
        var holder = mk.getElement() && mk.getElement().querySelector(".pm-badge-holder");
        if (!holder) { return; }
        var host = badges.hostPlace(mk), circle = host >= 0 ? byOwner[host] : null;
        var anchor = circle ? (circle.spider ? map.containerPointToLatLng([circle.cx, circle.cy]) : L.latLng(m.latLng(circle.lead))) : mk.pmHost;
        if (!mk.getLatLng().equals(anchor)) { mk.setLatLng(anchor); }
        var a = map.latLngToContainerPoint(anchor);
        var hidden = !!inset && (L.latLngBounds(PM.DE_BOUNDS).contains(mk.pmHost) ||
                                 (a.x >= inset.x && a.x <= inset.x + inset.w && a.y >= inset.y - 40 && a.y <= inset.y + inset.h));
        holder.style.display = hidden ? "none" : "";
        if (hidden) { return; }
        items.push({holder: holder, node: holder.querySelector(".pm-badge"), x: a.x, y: a.y,
                    r: circle ? circle.r : 0, owner: circle ? circle.owner : undefined});
      });
      items.forEach(function (it) { it.w = it.node.offsetWidth; it.h = it.node.offsetHeight; });
      var lifted = PM.labels.liftBadges(items, circles, hard, size);
      return items.map(function (it, n) {
        var c = lifted[n], leader = it.holder.querySelector(".pm-leader"), l = c.leader;
        // the badge and its leader in the holder's pixels (the holder sits on the anchor)
        it.node.style.left = (c.box.x - it.x) + "px";
        it.node.style.top = (c.box.y - it.y) + "px";
        it.node.style.right = it.node.style.bottom = "auto";
        var dx = l[2] - l[0], dy = l[3] - l[1];
        leader.style.left = (l[0] - it.x) + "px";
        leader.style.top = (l[1] - it.y) + "px";
        leader.style.width = Math.hypot(dx, dy) + "px";
        leader.style.transform = "rotate(" + Math.atan2(dy, dx) + "rad)";
        return c.box;
      });
    },
    _candidates: function () {
      var v = this._view, s = v.store, m = v.model, map = this._map, lang = s.state.lang, out = [];
      var view = map.getBounds().pad(0.05), aggregated = v.mode() === "aggregated";
      var count = s.get("placeCount"), radius = s.get("radius"), partners = s.get("partners"), sel = s.get("selectedPlace");
      var named = s.get("named"), importance = s.get("importance"), symbols = PM.symbolsOf(v), spider = v.places.spider;
      function candidate(p, lat, lon, r, owner, cluster, first) {
        var rank = p === sel ? 3e9 : (partners[p] || named[p] ? 2e9 + importance[p] : importance[p]);
        return {lat: lat, lon: lon, text: m.placeName(p, lang), r: r + 2, key: m.key(p), rank: rank, must: !!named[p] || p === sel,
                owner: owner, first: !!first || !!named[p] || p === sel,
                cls: "pm-label" + (p === sel ? " pm-label-selected" : "") + (m.levelCode(p) > 0 && !cluster ? " pm-label-area" : "") +
                     (cluster ? " pm-label-cluster" : "")};
      }
      if (aggregated) {
        // the overview of a large dataset: regions are what is drawn, so regions are named
        var totals = s.get("flows").totals;
        Object.keys(totals).forEach(function (code) {
          var c = m.regionCentre[code];
          if (!view.contains([c.lat, c.lon])) { return; }
          out.push({lat: c.lat, lon: c.lon, text: m.regionName(code, lang), cls: "pm-label pm-label-area",
                    r: v.flows.radius(code) + 2, rank: totals[code], key: ""});
        });
      }
      if (symbols) {
        // one name per symbol: a place's own, a cluster's most important place's
        this._circles.forEach(function (c) {
          if (c.spider) { return; }
          var sym = c.symbol;
          if (!sym || !view.contains(m.latLng(sym.lead))) { return; }
          var cand = candidate(sym.lead, m.lat(sym.lead), m.lon(sym.lead), c.r, c.owner, sym.n > 1, sym.room);
          // places at one spot that must all be named (a tour step's town and its region) share the name
          var also = sym.members.filter(function (p) { return p !== sym.lead && (named[p] || p === sel); });
          if (also.length) { cand.text = [sym.lead].concat(also).map(function (p) { return m.placeName(p, lang); }).join(" · "); }
          cand.prefer = sym.roomSide;
          out.push(cand);
        });
        if (spider) {
          spider.points.forEach(function (pt) {
            var c = candidate(pt.place, pt.latlng.lat, pt.latlng.lng, (radius[pt.place] || 5) * 1.3, "s" + pt.place, false);
            c.must = true;
            out.push(c);
          });
        }
        return out;
      }
      for (var p = 0; p < m.nPlaces; p++) {
        if (!count[p] || (aggregated && !partners[p] && p !== sel) || (v.inset && m.side(p) !== 0)) { continue; }
        if (!view.contains(m.latLng(p))) { continue; }
        out.push(candidate(p, m.lat(p), m.lon(p), aggregated ? radius[p] : 4, undefined, false));
      }
      return out;
    },
    /* In three steps, each an obstacle for the next: the names that must stand and those of the most
       important places (clusters.js left them room), then the conference badges, then the country names
       and the other places' names as far as they fit. */
    update: function () {
      if (!this._map || !this._map._loaded) { return; }
      var v = this._view, map = this._map, size = map.getSize(), self = this, s = v.store;
      v.places.sync();
      this._badges.follow();
      var obstacles = this._obstacles(), circles = this._circles = v.places.circles();
      // the symbols (click targets) are the names' soft obstacles: a name that must stand may cover one, no other
      var soft = circles.map(function (c) { return {cx: c.cx, cy: c.cy, r: c.r + 1, owner: c.owner}; });
      var candidates = this._candidates(), countryTexts = v.inset ? [] : COUNTRY_LABELS.map(function (c) {
        return {text: s.w(c.key), cls: "pm-label pm-country"};
      });
      var sizes = this.measureAll(candidates.concat(countryTexts));
      candidates.forEach(function (c, n) {
        var pt = map.latLngToContainerPoint([c.lat, c.lon]);
        Object.assign(c, {x: pt.x, y: pt.y, w: sizes[n].w, h: sizes[n].h});
      });
      var limit = PM.labels.limitFor(size, s.state.mode === "present"), blocked = obstacles.all.slice();
      var first = PM.labels.place(candidates.filter(function (c) { return c.first; }), blocked, size, limit, soft);
      first.forEach(function (b) { blocked.push(b); });
      blocked = blocked.concat(this._placeBadges(obstacles.inset, circles, blocked, size));
      var countries = countryTexts.map(function (t, n) {
        var c = COUNTRY_LABELS[n], pt = map.latLngToContainerPoint([c.lat, c.lon]), mm = sizes[candidates.length + n];
        return {x: pt.x, y: pt.y, w: mm.w, h: mm.h, r: 0, centred: true, rank: 1.5e9, text: t.text, cls: t.cls};
      });
      var rest = PM.labels.place(candidates.filter(function (c) { return !c.first; }).concat(countries), blocked, size,
                                 Math.max(0, limit - first.length) + countries.length, soft);
      // the old names go only now (they are no obstacle, and taking them out first would make the
      // measurements above wait for a layout of the page); the new ones go in together
      this._clear();
      var names = document.createDocumentFragment();
      first.concat(rest).forEach(function (b) {
        var node = self._node(b);
        if (b.candidate.key) { node.dataset.place = b.candidate.key; }
        names.appendChild(node);
      });
      this._pane.appendChild(names);
    },
    _node: function (b) {
      var node = PM.dom.el("div", b.candidate.cls, b.candidate.text);
      // left/top, not Leaflet's translate3d: a 3-D transform makes each name a compositing layer of its own,
      // and a hundred of them made every frame's commit and raster slow; the pane moves them all together
      var at = this._map.containerPointToLayerPoint([b.x, b.y]);
      node.style.left = at.x + "px";
      node.style.top = at.y + "px";
      this._nodes.push(node);
      return node;
    },
    count: function () { return this._nodes.length; }
  });

  PM.LabelsLayer = LabelsLayer;
})(typeof window !== "undefined" ? window : globalThis);
