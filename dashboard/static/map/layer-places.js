/* layer-places.js — places as symbols (a circle for a town, a dashed square
 * for a district, a dashed diamond for a region), gathered by zoom into
 * clusters (a circle with the number of its places; clusters.js decides) so the
 * overview reads: a click on a cluster zooms to its places, a click on places at
 * one spot (a town and its district) fans them out on legs so each can be
 * chosen (PlacesLayer); and the conference hosts as badges on leader lines
 * ("XI · XV" where one city hosted twice; BadgesLayer), for the conferences of
 * the shown years. Where the badges go is decided with the labels
 * (layer-labels.js), since they are obstacles for the names. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var DE_BOUNDS = [[47.2, 5.8], [55.1, 15.1]];
  var EXTENT = [1, 1.3, 1.25];  // how far a symbol reaches, in radii: circle, square (to its corners, about), diamond
  var MIXED_COLOR = "#4A4A4A";
  var NAMED_FIRST = 8;  // per country, the most important places whose names get room among the symbols

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
  /* A cluster: a circle with the number of its places in it, on the same canvas. */
  var ClusterMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var r = this._renderer;
      r._updateCircle(this);
      if (!r._ctx || !r._drawing || this._empty()) { return; }
      var ctx = r._ctx, p = this._point, o = this.options;
      ctx.save();
      ctx.globalAlpha = 1;
      ctx.fillStyle = o.color;
      ctx.font = "bold " + Math.round(o.fontSize || 11) + "px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(String(o.count), p.x, p.y + 0.5);
      ctx.restore();
    }
  });
  var SHAPES = {region: "diamond", district: "square", municipality: "circle"};

  /* The view's symbols at its zoom (clusters.js), computed once per change of the
     shown places, the names that must stand alone, the symbol sizes or the zoom:
     {list: [symbol], of: Int32Array place -> symbol index (-1: not drawn)}, or null
     where places are not drawn one by one (a large dataset: flows, the fast canvas). */
  function symbolsOf(view) {
    if (view.mode() !== "normal") { return null; }
    var s = view.store, count = s.get("placeCount"), named = s.get("named"), radius = s.get("radius");
    var importance = s.get("importance"), z = view.map.getZoom(), memo = view._symbols;
    if (memo && memo.count === count && memo.named === named && memo.radius === radius && memo.z === z && memo.lang === s.state.lang &&
        memo.measured === !!(view.labels && view.labels._map) && (!view.inset || memo.origin === String(view.map.getPixelOrigin()))) {
      return memo.value;
    }
    var m = view.model, g = view.geometry, k = Math.pow(2, z), items = [];
    for (var p = 0; p < m.nPlaces; p++) {
      if (!count[p] || (view.inset && m.side(p) !== 0)) { continue; }
      var pp = g.projectedPlace(p);
      items.push({id: p, x: pp[0] * k, y: pp[1] * k, r: PM.clusters.areaRadius(radius[p], m.levelCode(p)), side: m.side(p),
                  weight: importance[p], fixed: !!named[p],
                  // one spot: closer than about 100 m, which no zoom of this map separates
                  spot: m.lat(p).toFixed(3) + "," + m.lon(p).toFixed(3)});
    }
    // the most important places of each country keep room for their names (clusters.js makeRoom)
    var labelHeight = 0, lang = s.state.lang;
    if (view.labels && view.labels._map) {
      var first = [];
      [0, 1].forEach(function (side) {
        var spots = {}, n = 0;
        items.filter(function (it) { return it.side === side; }).sort(function (a, b) { return b.weight - a.weight; }).forEach(function (it) {
          if (n >= NAMED_FIRST || spots[it.spot]) { return; }  // one name per spot: its most important place's
          spots[it.spot] = true;
          n++;
          first.push(it);
        });
      });
      var sizes = view.labels.measureAll(first.map(function (it) { return {text: m.placeName(it.id, lang), cls: "pm-label pm-label-cluster"}; }));
      first.forEach(function (it, n) {
        it.room = sizes[n].w;
        labelHeight = Math.max(labelHeight, sizes[n].h);
      });
    }
    // the inset does not move: its names go inside its box
    var pb = view.inset ? view.map.getPixelBounds() : null, bounds = pb ? {x0: pb.min.x, y0: pb.min.y, x1: pb.max.x, y1: pb.max.y} : null;
    var list = PM.clusters.build(items, {scale: s.state.mode === "present" ? 1.35 : 1, labelHeight: labelHeight, bounds: bounds});
    var of = new Int32Array(m.nPlaces).fill(-1);
    list.forEach(function (sym, n) { sym.members.forEach(function (q) { of[q] = n; }); });
    view._symbols = {count: count, named: named, radius: radius, z: z, lang: s.state.lang, measured: !!(view.labels && view.labels._map), origin: String(view.map.getPixelOrigin()),
                     value: {list: list, of: of}};
    return view._symbols.value;
  }
  /* How far a symbol reaches from its centre (px): what names, badges and the tests keep clear of. */
  function symbolExtent(view, sym) {
    if (sym.n > 1) { return sym.r; }
    return (view.store.get("radius")[sym.lead] || 5) * EXTENT[view.model.levelCode(sym.lead)];
  }
  /* The place a symbol stands for on the map (arcs end there): its lead; a place without a symbol stands for itself. */
  function anchorOf(symbols, p) {
    if (!symbols || p < 0) { return p; }
    var n = symbols.of[p];
    return n >= 0 ? symbols.list[n].lead : p;
  }

  var PlacesLayer = L.LayerGroup.extend({
    initialize: function (view) {
      L.LayerGroup.prototype.initialize.call(this);
      this._view = view;
      this._markers = new Array(view.model.nPlaces);
      this._legs = L.layerGroup();
      this.spider = null;  // {symbol, points: [{place, latlng}]} while places at one spot are fanned out
    },
    onAdd: function (map) {
      L.LayerGroup.prototype.onAdd.call(this, map);
      this._legs.addTo(map);
      map.on("zoomend", this._zoomed, this);
      map.on("click zoomstart", this.closeSpider, this);
      this.update();
    },
    onRemove: function (map) {
      map.off("zoomend", this._zoomed, this);
      map.off("click zoomstart", this.closeSpider, this);
      map.removeLayer(this._legs);
      L.LayerGroup.prototype.onRemove.call(this, map);
    },
    /* a new zoom gathers the places anew; the arcs follow their ends */
    _zoomed: function () { if (this.sync() && this._view.labels) { this._view.labels.schedule(); } },
    /* draw the symbols again if they are no longer the view's (a zoom, the names measured); true if so */
    sync: function () {
      var v = this._view;
      if (!this._map || v.mode() !== "normal" || symbolsOf(v) === this._drawn) { return false; }
      this.update();
      if (v.arcs) { v.arcs.update(); }
      return true;
    },
    _style: function (p) {
      var v = this._view, m = v.model, level = m.level(p), sel = p === v.store.get("selectedPlace"), town = level === "municipality";
      var big = v.store.state.mode === "present" ? 1.35 : 1;
      return {radius: v.store.get("radius")[p] || 5, shape: SHAPES[level], color: PM.TOWN_COLOR[m.side(p)], weight: (sel ? 3.5 : (town ? 2 : 1.8)) * big,
              fill: true, fillColor: sel ? "#FFD23F" : "#FFFFFF", fillOpacity: town || sel ? 0.95 : 0.35,
              dashArray: town ? null : "3 2", renderer: v.canvas, bubblingMouseEvents: false};
    },
    _clusterStyle: function (sym) {
      var v = this._view, sel = v.store.get("selectedPlace"), big = v.store.state.mode === "present" ? 1.35 : 1;
      var color = sym.side < 0 ? MIXED_COLOR : PM.TOWN_COLOR[sym.side];
      return {radius: sym.r, color: color, weight: 2 * big, fill: true, fillColor: sym.members.indexOf(sel) >= 0 ? "#FFD23F" : "#FFFFFF",
              fillOpacity: 0.95, count: sym.n, fontSize: (sym.n > 99 ? 10 : 11) * big, renderer: v.canvas, bubblingMouseEvents: false};
    },
    _tooltip: function (layer) {
      var v = this._view, s = v.store, m = v.model, p = layer.pmIndex, box = PM.dom.el("span");
      box.appendChild(PM.dom.el("b", null, m.placeName(p, s.state.lang)));
      box.appendChild(document.createTextNode(" · " + s.w("level." + m.level(p) + ".one") + " · " +
                                              s.plural("n.partnerships", s.get("placeCount")[p])));
      return box;
    },
    /* a cluster's tooltip: its places' names (the most important first), how many, what a click does */
    _clusterTooltip: function (layer) {
      var v = this._view, s = v.store, m = v.model, sym = layer.pmSymbol, box = PM.dom.el("span"), lang = s.state.lang;
      var names = sym.members.slice(0, 6).map(function (p) { return m.placeName(p, lang); }).join(", ") + (sym.n > 6 ? ", …" : "");
      var total = 0, count = s.get("placeCount");
      sym.members.forEach(function (p) { total += count[p]; });
      box.appendChild(PM.dom.el("b", null, s.plural("n.places", sym.n)));
      box.appendChild(document.createTextNode(" · " + s.plural("n.partnerships", total)));
      box.appendChild(PM.dom.el("div", null, names));
      box.appendChild(PM.dom.el("div", "pm-hint", s.w(sym.spot ? "cluster.choose" : "cluster.zoom")));
      return box;
    },
    _click: function (e) {
      L.DomEvent.stop(e);
      this.closeSpider();
      this._view.toggle(this._view.model.key(e.target.pmIndex));
    },
    /* a cluster: zoom to its places (the main map, from the inset too); where zooming cannot part
       them (one spot, or the map's last zoom), fan them out */
    _clusterClick: function (e) {
      L.DomEvent.stop(e);
      var v = this._view, m = v.model, sym = e.target.pmSymbol, target = v.inset && v.main ? v.main : v, map = target.map;
      var b = L.latLngBounds(sym.members.map(function (p) { return m.latLng(p); }));
      if (!v.inset && (sym.spot || map.getBoundsZoom(b.pad(0.5)) <= map.getZoom() + 0.01 || map.getZoom() >= map.getMaxZoom())) {
        this.openSpider(sym, e.target);
        return;
      }
      this.closeSpider();
      var opts = Object.assign(target.fitOptions ? target.fitOptions(b) : {}, {maxZoom: Math.max(map.getZoom() + 1, 9), animate: true});
      if (sym.spot) { map.setView(b.getCenter(), Math.max(map.getZoom() + 1, 9), {animate: true}); }
      else { map.fitBounds(b.pad(0.5), opts); }
    },
    /* places at one spot on legs around it, each its own symbol to click */
    openSpider: function (sym, marker) {
      this.closeSpider();
      if (marker) { marker.unbindTooltip(); }  // it would cover the places fanned out around it
      var v = this._view, map = this._map, m = v.model, centre = map.latLngToLayerPoint(m.latLng(sym.lead));
      var n = sym.n, big = v.store.state.mode === "present" ? 1.35 : 1, radius = Math.max(34, n * 26 / (2 * Math.PI)) * big;
      var points = [], legs = this._legs;
      sym.members.forEach(function (p, k) {
        var angle = -Math.PI / 2 + Math.PI / n + 2 * Math.PI * k / n;  // none straight up, where tooltips open
        var ll = map.layerPointToLatLng(centre.add(L.point(Math.cos(angle) * radius, Math.sin(angle) * radius)));
        legs.addLayer(L.polyline([m.latLng(sym.lead), ll], {color: "#555", weight: 1.5, opacity: 0.9, interactive: false, renderer: v.canvas}));
        var mk = new ShapeMarker(ll, this._style(p));
        mk.pmIndex = p;
        mk.on("click", this._click, this);
        mk.bindTooltip(this._tooltip.bind(this), {direction: "top"});
        legs.addLayer(mk);
        points.push({place: p, latlng: ll});
      }, this);
      this.spider = {symbol: sym, points: points, marker: marker || null};
      if (v.labels) { v.labels.schedule(); }
    },
    closeSpider: function () {
      if (!this.spider) { return; }
      var marker = this.spider.marker;
      if (marker) { marker.bindTooltip(this._clusterTooltip.bind(this), {direction: "top"}); }
      this.spider = null;
      this._legs.clearLayers();
      if (this._view.labels) { this._view.labels.schedule(); }
    },
    /* on a large dataset's overview and on the fast canvas only the selected place is a symbol */
    _onlySelected: function () {
      var v = this._view, sel = v.store.get("selectedPlace"), out = [];
      if (sel >= 0 && v.store.get("placeCount")[sel] && !(v.inset && v.model.side(sel) !== 0)) { out.push(sel); }
      return out;
    },
    update: function () {
      if (!this._map) { return; }
      var v = this._view, symbols = symbolsOf(v);
      this._drawn = symbols;
      this.closeSpider();
      this.clearLayers();
      this._represented = 0;
      if (!symbols) {
        this._onlySelected().forEach(function (p) { this._single(p); }, this);
        return;
      }
      // larger symbols first, so that smaller ones are on top and get the clicks
      symbols.list.slice().sort(function (a, b) { return b.r - a.r; }).forEach(function (sym) {
        if (sym.n === 1) { this._single(sym.lead); return; }
        var mk = new ClusterMarker(v.model.latLng(sym.lead), this._clusterStyle(sym));
        mk.pmSymbol = sym;
        mk.on("click", this._clusterClick, this);
        mk.bindTooltip(this._clusterTooltip.bind(this), {direction: "top"});
        this.addLayer(mk);
        this._represented += sym.n;
      }, this);
    },
    _single: function (p) {
      var mk = this._markers[p];
      if (!mk) {
        mk = this._markers[p] = new ShapeMarker(this._view.model.latLng(p), this._style(p));
        mk.pmIndex = p;
        mk.on("click", this._click, this);
        mk.bindTooltip(this._tooltip.bind(this), {direction: "top"});
      } else {
        mk.setStyle(this._style(p));
        mk.setRadius(this._view.store.get("radius")[p] || 5);
      }
      this.addLayer(mk);
      this._represented++;
    },
    /* the places drawn (in clusters or on their own) */
    count: function () { return this._represented || 0; },
    /* the symbols drawn */
    symbolCount: function () { return this.getLayers().length; },
    /* every symbol on the screen as a circle {cx, cy, r, owner, places} in the map's pixels (the fan
       of places at one spot replaces its symbol): what names and badges keep clear of, what tests measure */
    circles: function () {
      var v = this._view, map = this._map, out = [], symbols = this._drawn;
      if (!map) { return out; }
      var spider = this.spider;
      if (symbols) {
        symbols.list.forEach(function (sym, n) {
          if (spider && spider.symbol === sym) { return; }
          var pt = map.latLngToContainerPoint(v.model.latLng(sym.lead));
          out.push({cx: pt.x, cy: pt.y, r: symbolExtent(v, sym), area: sym.n > 1 ? sym.r : PM.clusters.areaRadius(v.store.get("radius")[sym.lead] || 5, v.model.levelCode(sym.lead)),
                    owner: n, lead: sym.lead, places: sym.members.slice(), symbol: sym});
        });
      } else {
        this._onlySelected().forEach(function (p) {
          var pt = map.latLngToContainerPoint(v.model.latLng(p)), r = v.store.get("radius")[p] || 5;
          out.push({cx: pt.x, cy: pt.y, r: r * EXTENT[v.model.levelCode(p)], area: PM.clusters.areaRadius(r, v.model.levelCode(p)), owner: "p" + p, lead: p, places: [p]});
        });
      }
      if (spider) {
        spider.points.forEach(function (pt) {
          var c = map.latLngToContainerPoint(pt.latlng), r = v.store.get("radius")[pt.place] || 5;
          out.push({cx: c.x, cy: c.y, r: r * EXTENT[v.model.levelCode(pt.place)], area: PM.clusters.areaRadius(r, v.model.levelCode(pt.place)),
                    owner: "s" + pt.place, lead: pt.place, places: [pt.place], spider: true});
        });
      }
      return out;
    }
  });

  /* The place each conference's host stands for: the nearest shown-or-not place within 15 km (its badge's
     leader then starts at that place's symbol, or its cluster), else -1 (the badge stands at the host's own point). */
  var HOST_KM = 15;
  function hostPlaces(model) {
    return model.conferences().map(function (c) {
      var best = -1, bestKm = HOST_KM;
      for (var p = 0; p < model.nPlaces; p++) {
        if (Math.abs(model.lat(p) - c.lat) > 0.3) { continue; }
        var km = PM.geometry.distanceKm(model.latLng(p), [c.lat, c.lon]);
        if (km < bestKm) { bestKm = km; best = p; }
      }
      return best;
    });
  }

  /* One badge per host city of the shown years' conferences; a click opens its conferences. The inset shows German hosts only. */
  var BadgesLayer = L.LayerGroup.extend({
    initialize: function (view) {
      L.LayerGroup.prototype.initialize.call(this);
      this._view = view;
      this.markers = [];
      this._hosts = null;
    },
    onAdd: function (map) {
      L.LayerGroup.prototype.onAdd.call(this, map);
      this.update();
    },
    /* the place a badge's conferences were held at (see hostPlaces) */
    hostPlace: function (mk) {
      if (!this._hosts) { this._hosts = hostPlaces(this._view.model); }
      return this._hosts[mk.pmConferenceIndex];
    },
    update: function () {
      this.clearLayers();
      this.markers = [];
      if (!this._map) { return; }
      var v = this._view, s = v.store, groups = {}, order = [], de = L.latLngBounds(DE_BOUNDS), el = PM.dom.el, all = v.model.conferences();
      this._shown = s.get("conferencesShown");
      this._shown.forEach(function (n) {
        var c = all[n];
        if (v.inset && !de.contains([c.lat, c.lon])) { return; }
        var k = c.lat.toFixed(2) + "," + c.lon.toFixed(2);
        if (!groups[k]) { groups[k] = []; order.push(k); }
        groups[k].push(n);
      });
      order.forEach(function (k) {
        var list = groups[k].map(function (n) { return all[n]; }), c0 = list[0];
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
        mk.pmConferenceIndex = groups[k][0];
        mk.pmHost = L.latLng(c0.lat, c0.lon);
        this.addLayer(mk);
        this.markers.push(mk);
      }, this);
    },
    /* the shown years changed (the app's filter, the timeline) */
    follow: function () {
      var shown = this._view.store.get("conferencesShown");
      if (this._map && (!this._shown || shown.join() !== this._shown.join())) { this.update(); }
    },
    count: function () { return this.markers.length; }
  });

  PM.ShapeMarker = ShapeMarker;
  PM.ClusterMarker = ClusterMarker;
  PM.PlacesLayer = PlacesLayer;
  PM.BadgesLayer = BadgesLayer;
  PM.symbolsOf = symbolsOf;
  PM.symbolAnchor = anchorOf;
  PM.DE_BOUNDS = DE_BOUNDS;
})(typeof window !== "undefined" ? window : globalThis);
