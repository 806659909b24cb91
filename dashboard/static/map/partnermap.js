/* partnermap.js — the map of German–Russian partnerships, in the browser.
 *
 * Gets the data once (places, pairs, conference hosts: see dashboard/mapdata.py)
 * and afterwards only state (language words, which pairs are shown, the
 * selected place, the mode). Arcs are computed here; the view (zoom, centre)
 * is never reset by a change of state. Every text from the data is put on the
 * page with textContent, never as HTML.
 *
 * Used by the Streamlit component (bridge.js), the standalone HTML export and
 * the static site (standalone.js). Exposes window.PartnerMap.create(el, opts).
 */
(function () {
  "use strict";

  var DE_BOUNDS = [[47.2, 5.8], [55.1, 15.1]];
  var RU_BOUNDS = [[41.2, 19.6], [70, 150]];
  var COUNTRY_LABELS = [{key: "country.de", lat: 50.3, lon: 8.2}, {key: "country.ru", lat: 58.5, lon: 62}];
  var TOWN_COLOR = ["#1F1F1F", "#8C1C13"];

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function safeUrl(url) {
    return /^https?:\/\/[^\s"'<>]+$/i.test(url || "") ? url : null;
  }

  function host(url) {
    try { return new URL(url).hostname.replace(/^www\./, ""); } catch (e) { return url; }
  }

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  /* Great circle between two points, as [[lat, lon], ...]: short arcs get few points. */
  function greatCircle(a, b) {
    var rad = Math.PI / 180, lat1 = a[0] * rad, lon1 = a[1] * rad, lat2 = b[0] * rad, lon2 = b[1] * rad;
    var d = 2 * Math.asin(Math.sqrt(Math.pow(Math.sin((lat2 - lat1) / 2), 2) +
      Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin((lon2 - lon1) / 2), 2)));
    if (d < 1e-9) { return [a, b]; }
    var n = Math.max(2, Math.min(32, Math.ceil(d / rad / 2))), out = [];
    for (var i = 0; i <= n; i++) {
      var f = i / n, A = Math.sin((1 - f) * d) / Math.sin(d), B = Math.sin(f * d) / Math.sin(d);
      var x = A * Math.cos(lat1) * Math.cos(lon1) + B * Math.cos(lat2) * Math.cos(lon2);
      var y = A * Math.cos(lat1) * Math.sin(lon1) + B * Math.cos(lat2) * Math.sin(lon2);
      var z = A * Math.sin(lat1) + B * Math.sin(lat2);
      out.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / rad, Math.atan2(y, x) / rad]);
    }
    return out;
  }

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

  function decodeMask(mask, n) {
    var shown = new Uint8Array(n);
    if (mask === null || mask === undefined) { shown.fill(1); return shown; }
    if (mask.slice(0, 2) === "i:") {  // a small selection: its positions in base 36
      mask.slice(2).split(",").forEach(function (p) { if (p) { shown[parseInt(p, 36)] = 1; } });
      return shown;
    }
    var bin = atob(mask);
    for (var i = 0; i < n; i++) { shown[i] = (bin.charCodeAt(i >> 3) >> (i & 7)) & 1; }
    return shown;
  }

  function create(container, opts) {
    var data = opts.data, places = data.places, pairs = data.pairs, S = data.statuses;
    var state = {lang: "de", strings: {}, mask: null, selected: "", mode: "normal", tiles: false, title: ""};
    var shown = decodeMask(null, pairs.length);
    var year = null, firstYear = 0, lastYear = 0, timer = null, tourStep = -1, details = opts.details || null;
    var keyIndex = {};
    data.keys.forEach(function (k, i) { keyIndex[k] = i; });

    var inset = !!opts.inset;  // the Germany inset: a second, small, fixed view of the same data
    container.classList.add(inset ? "pm-inset-map" : "pm-root");
    var map = L.map(container, {zoomSnap: 0.25, zoomDelta: 0.5, preferCanvas: true, worldCopyJump: false,
                                minZoom: 1, maxZoom: 12, zoomControl: !inset, attributionControl: !inset,
                                keyboard: !inset, dragging: !inset, scrollWheelZoom: !inset, doubleClickZoom: !inset,
                                boxZoom: !inset, touchZoom: !inset});
    if (map.attributionControl) { map.attributionControl.setPrefix(false); }
    // Leaflet focuses the map on mousedown; inside an iframe that is not fully
    // on screen the focus scrolls the page, and the click lands somewhere else.
    if (map.keyboard) {
      map.keyboard.disable();  // its listeners are bound when enabled: swap the method first
      map.keyboard._onMouseDown = function () {
        if (!this._focused) { try { this._map._container.focus({preventScroll: true}); } catch (e) { /* old browser */ } }
      };
      map.keyboard.enable();
    }
    var canvas = L.canvas({padding: 0.3, tolerance: 6});
    map.createPane("basemap").style.zIndex = 150;
    map.createPane("labels").style.zIndex = 640;
    map.getPane("labels").style.pointerEvents = "none";
    map.createPane("badges").style.zIndex = 650;
    // the scale bar in the view's language (Leaflet writes "km" and "m" in Latin)
    var Scale = L.Control.Scale.extend({
      _updateMetric: function (maxMeters) {
        var meters = this._getRoundNum(maxMeters);
        var label = meters < 1000 ? meters + " " + w("unit.m") : (meters / 1000) + " " + w("unit.km");
        this._updateScale(this._mScale, label, meters / maxMeters);
      }
    });
    var scale = null;
    if (!inset) { scale = new Scale({imperial: false, metric: true, position: "bottomleft", maxWidth: container.clientWidth < 600 ? 60 : 100}).addTo(map); }
    var home = null;  // the starting view, for Esc and "fit all"

    /* --- basemap: country outlines from the app, tiles only if switched on --- */
    function drawBasemap(geo) {
      L.geoJSON(geo, {pane: "basemap", interactive: false, renderer: L.svg({pane: "basemap"}), style: function (f) {
        var iso = f.properties && f.properties.iso, mine = iso === "DE" || iso === "RU";
        return {fillColor: mine ? "#fbf7ef" : "#eeebe4", color: mine ? "#6d6d6d" : "#b0b0b0", weight: mine ? 1.3 : 0.7,
                fillOpacity: 1, className: mine ? "pm-home pm-home-" + iso : ""};
      }}).addTo(map);
    }
    if (opts.basemap) { drawBasemap(opts.basemap); }
    else if (opts.basemapUrl) {
      fetch(opts.basemapUrl).then(function (r) { return r.json(); }).then(drawBasemap)
        .catch(function (e) { console.warn("basemap not loaded", e); });
    }
    var tiles = null;

    /* --- geometry, computed once per pair --- */
    var arcCache = new Array(pairs.length);
    function arcOf(i) {
      if (!arcCache[i]) {
        var p = pairs[i], a = places[p[0]], b = places[p[1]];
        arcCache[i] = greatCircle([a[0], a[1]], [b[0], b[1]]);
      }
      return arcCache[i];
    }

    function statusAt(i, y) {
      var p = pairs[i], status = p[3];
      if (y === null) { return status; }
      var changes = p[6];
      if (!changes) { return status; }
      var current = S.indexOf(S[p[3]] === "proposed" ? "proposed" : "active");
      for (var k = 0; k < changes.length; k++) { if (changes[k][0] <= y) { current = changes[k][1]; } }
      return current;
    }

    function visibleInYear(i) {
      if (year === null || year >= lastYear) { return true; }
      var since = pairs[i][2];
      return since > 0 && since <= year;
    }

    /* --- words of the current language --- */
    function w(key) { return (state.strings && state.strings[key]) || key; }
    function plural(key, n) {
      var forms = state.strings[key] || {};
      var rule = "other";
      try { rule = new Intl.PluralRules(state.lang).select(n); } catch (e) { /* old browser: "other" */ }
      var text = forms[rule] || forms.other || String(n);
      return text.replace("{n}", new Intl.NumberFormat(state.lang).format(n));
    }
    function placeName(i) {
      var p = places[i];
      if (state.lang === "ru") { return p[5] || p[4]; }
      if (state.lang === "en") { return p[6] || p[4]; }
      return p[4];
    }
    function hostName(c) { return c.host[state.lang] || c.host.de; }
    function text3(texts) {
      if (!texts) { return null; }
      return texts[state.lang] || texts.orig || null;
    }

    /* --- layers --- */
    var arcLayer = L.layerGroup().addTo(map), placeLayer = L.layerGroup().addTo(map);
    var arcs = new Array(pairs.length), markers = new Array(places.length);
    var placeCount = new Int32Array(places.length), placeVisible = new Uint8Array(places.length);
    var selectedIds = null;  // pair indices of the selected place

    function arcStyle(i) {
      var st = S[statusAt(i, year)], style = data.style[st] || data.style.unknown;
      var focus = !selectedIds || selectedIds[i];
      var big = state.mode === "present";
      if (inset) {
        return {color: style.color, dashArray: null, weight: selectedIds && focus ? 2.5 : 1.2, opacity: focus ? (selectedIds ? 0.9 : 0.45) : 0.08,
                renderer: canvas, interactive: false};
      }
      return {color: style.color, dashArray: style.dash, weight: (selectedIds && focus) ? (big ? 6 : 5) : (big ? 3.5 : 2.5),
              opacity: focus ? 0.9 : 0.12, renderer: canvas, interactive: !inset, bubblingMouseEvents: false};
    }

    function drawArcs(only) {
      for (var i = 0; i < pairs.length; i++) {
        var p = pairs[i], on = shown[i] && p[0] >= 0 && p[1] >= 0 && visibleInYear(i) && (!only || only(i));
        if (on) {
          if (!arcs[i]) {
            arcs[i] = L.polyline(arcOf(i), arcStyle(i));
            arcs[i].pmIndex = i;
            arcs[i].on("click", onArcClick);
            arcs[i].bindTooltip(arcTooltip, {sticky: true});
          } else { arcs[i].setStyle(arcStyle(i)); }
          if (!arcLayer.hasLayer(arcs[i])) { arcLayer.addLayer(arcs[i]); }
        } else if (arcs[i] && arcLayer.hasLayer(arcs[i])) { arcLayer.removeLayer(arcs[i]); }
      }
      if (selectedIds) { arcLayer.eachLayer(function (l) { if (selectedIds[l.pmIndex]) { l.bringToFront(); } }); }
    }

    function arcTooltip(layer) {
      var p = pairs[layer.pmIndex], a = p[0] >= 0 ? placeName(p[0]) : "?", b = p[1] >= 0 ? placeName(p[1]) : "?";
      return el("span", null, a + " – " + b + " · " + (p[2] ? p[2] : w("unknown")));
    }

    /* places: count the shown pairs of each, then one symbol per level; places
       at the same spot are nested (town inside district inside region) so each
       can be clicked */
    function countPlaces() {
      placeCount.fill(0);
      for (var i = 0; i < pairs.length; i++) {
        if (!shown[i] || !visibleInYear(i)) { continue; }
        var p = pairs[i];
        if (p[0] >= 0) { placeCount[p[0]]++; }
        if (p[1] >= 0) { placeCount[p[1]]++; }
      }
    }

    var stackRadius = {};
    function radiusOf(i) { return stackRadius[i] || 5; }
    function layoutStacks() {
      var spots = {};
      stackRadius = {};
      for (var i = 0; i < places.length; i++) {
        if (!placeCount[i]) { continue; }
        var k = places[i][0].toFixed(3) + "," + places[i][1].toFixed(3);
        (spots[k] = spots[k] || []).push(i);
      }
      var big = state.mode === "present" ? 1.35 : 1;
      Object.keys(spots).forEach(function (k) {
        var stack = spots[k].sort(function (a, b) { return places[a][3] - places[b][3]; });
        var r = 0;
        stack.forEach(function (i, n) {
          var own = Math.min(4 + 1.8 * Math.sqrt(placeCount[i]), 13) * big;
          r = n === 0 ? own : r + 5 * big;
          stackRadius[i] = r;
        });
      });
    }

    function placeStyle(i) {
      var p = places[i], level = data.levels[p[3]], sel = data.keys[i] === state.selected;
      var shape = level === "region" ? "diamond" : level === "district" ? "square" : "circle";
      var town = level === "municipality";
      return {radius: radiusOf(i), shape: shape, color: TOWN_COLOR[p[2]], weight: sel ? 3.5 : (town ? 2 : 1.8),
              fill: true, fillColor: sel ? "#FFD23F" : "#FFFFFF", fillOpacity: town || sel ? 0.95 : 0.35,
              dashArray: town ? null : "3 2", renderer: canvas, bubblingMouseEvents: false};
    }

    function drawPlaces(only) {
      layoutStacks();
      // outer symbols first, so that the inner ones are on top and get the clicks
      var order = [];
      for (var i = 0; i < places.length; i++) { if (placeVisible[i] && (!only || only(i))) { order.push(i); } }
      order.sort(function (a, b) { return radiusOf(b) - radiusOf(a); });
      placeLayer.clearLayers();
      order.forEach(function (i) {
        if (!markers[i]) {
          markers[i] = new ShapeMarker([places[i][0], places[i][1]], placeStyle(i));
          markers[i].pmIndex = i;
          markers[i].on("click", onPlaceClick);
          markers[i].bindTooltip(placeTooltip, {direction: "top"});
        } else {
          markers[i].setStyle(placeStyle(i));
          markers[i].setRadius(radiusOf(i));
        }
        placeLayer.addLayer(markers[i]);
      });
    }

    function placeTooltip(layer) {
      var i = layer.pmIndex, p = places[i];
      var box = el("span");
      box.appendChild(el("b", null, placeName(i)));
      box.appendChild(document.createTextNode(" · " + w("level." + data.levels[p[3]] + ".one") + " · " + plural("n.partnerships", placeCount[i])));
      return box;
    }

    /* --- conference badges: one badge per host city ("XI · XV"), set off the
       town with a leader line so it never hides the place --- */
    var badgeLayer = L.layerGroup().addTo(map);
    var badgeMarkers = [];
    function roman(n) {
      var r = [["X", 10], ["IX", 9], ["V", 5], ["IV", 4], ["I", 1]], out = "";
      r.forEach(function (x) { while (n >= x[1]) { out += x[0]; n -= x[1]; } });
      return out;
    }
    function drawBadges() {
      badgeLayer.clearLayers();
      badgeMarkers = [];
      var groups = {};
      (data.conferences || []).forEach(function (c) {
        if (inset && !L.latLngBounds(DE_BOUNDS).contains([c.lat, c.lon])) { return; }  // the inset shows Germany only
        var k = c.lat.toFixed(2) + "," + c.lon.toFixed(2);
        (groups[k] = groups[k] || []).push(c);
      });
      Object.keys(groups).forEach(function (k) {
        var list = groups[k], c0 = list[0];
        var text = list.map(function (c) { return roman(c.number); }).join(" · ");
        var label = list.map(function (c) { return fmt(w("conference.short"), {number: roman(c.number), year: c.year}); }).join(", ");
        var holder = el("div", "pm-badge-holder");
        var badge = el("button", "pm-badge", text);
        badge.type = "button";
        badge.setAttribute("aria-label", hostName(c0) + ": " + label);
        badge.title = hostName(c0) + ": " + label;
        holder.appendChild(el("span", "pm-leader"));
        holder.appendChild(badge);
        var icon = L.divIcon({html: holder, className: "pm-badge-icon", iconSize: [0, 0], iconAnchor: [0, 0]});
        var m = L.marker([c0.lat, c0.lon], {icon: icon, pane: "badges", keyboard: false, interactive: true});
        m.on("click", function () { openConferencePopup(list); });
        m.pmConferences = list;
        badgeLayer.addLayer(m);
        badgeMarkers.push(m);
      });
    }

    /* --- labels: in the view's language, never overlapping; the selected place
       and its partners first, then by number of partnerships --- */
    var labelPane = map.getPane("labels"), labelNodes = [];
    function rectsOverlap(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }
    var measurer = null;
    var measured = {};
    function measure(text, cls) {
      var mk = cls + "\u0000" + text;
      if (measured[mk]) { return measured[mk]; }
      measured[mk] = measureNow(text, cls);
      return measured[mk];
    }
    function measureNow(text, cls) {
      if (!measurer) { measurer = el("div", "pm-label"); measurer.style.visibility = "hidden"; measurer.style.position = "absolute"; measurer.style.left = "-9999px"; container.appendChild(measurer); }
      measurer.className = cls;
      measurer.textContent = text;
      return {w: measurer.offsetWidth, h: measurer.offsetHeight};
    }
    function placeLabels() {
      labelNodes.forEach(function (n) { n.remove(); });
      labelNodes = [];
      var size = map.getSize(), taken = [];
      // panels (and the inset) are obstacles
      var insetRect = null;
      if (insetBox && insetBox.style.display !== "none") {
        var ib = insetBox.getBoundingClientRect(), oc = container.getBoundingClientRect();
        insetRect = {x: ib.left - oc.left, y: ib.top - oc.top, w: ib.width, h: ib.height};
        taken.push(insetRect);
      }
      container.querySelectorAll(".leaflet-control").forEach(function (c) {
        if (!c.offsetWidth) { return; }
        var r = c.getBoundingClientRect(), o = container.getBoundingClientRect();
        taken.push({x: r.left - o.left, y: r.top - o.top, w: r.width, h: r.height});
      });
      function layerPoint(lat, lon) { return map.latLngToContainerPoint([lat, lon]); }
      // conference badges are placed first (lifted on longer leader lines
      // until none overlaps another) and are obstacles for the labels
      var o = container.getBoundingClientRect(), badgeBoxes = [];
      badgeMarkers.slice().sort(function (a, b) { return b.getLatLng().lat - a.getLatLng().lat; }).forEach(function (m) {
        var holder = m.getElement() && m.getElement().querySelector(".pm-badge-holder");
        if (!holder) { return; }
        var node = holder.querySelector(".pm-badge"), leader = holder.querySelector(".pm-leader");
        // a host under the inset is shown in the inset instead
        var anchor = map.latLngToContainerPoint(m.getLatLng());
        var hidden = insetRect && anchor.x >= insetRect.x && anchor.x <= insetRect.x + insetRect.w &&
          anchor.y >= insetRect.y - 40 && anchor.y <= insetRect.y + insetRect.h;
        holder.style.display = hidden ? "none" : "";
        if (hidden) { return; }
        for (var lift = 0; lift < 12; lift++) {
          var side = lift % 2 ? -1 : 1, up = 12 + Math.floor((lift + 1) / 2) * 20;
          node.style.bottom = up + "px";
          node.style.left = side > 0 ? "8px" : "auto";
          node.style.right = side > 0 ? "auto" : "8px";
          leader.style.height = (up + 2) + "px";
          leader.style.transform = side > 0 ? "skewX(-30deg)" : "skewX(30deg)";
          leader.style.transformOrigin = side > 0 ? "bottom left" : "bottom right";
          leader.style.left = side > 0 ? "0" : "auto";
          leader.style.right = side > 0 ? "auto" : "0";
          var r = node.getBoundingClientRect(), box = {x: r.left - o.left, y: r.top - o.top, w: r.width, h: r.height};
          if (!badgeBoxes.some(function (t) { return rectsOverlap(t, box); })) { break; }
        }
        badgeBoxes.push(box);
        taken.push(box);
      });
      var candidates = [];
      var partners = {};
      if (selectedIds) {
        for (var i = 0; i < pairs.length; i++) {
          if (selectedIds[i] && shown[i]) { partners[pairs[i][0]] = 1; partners[pairs[i][1]] = 1; }
        }
      }
      var view = map.getBounds().pad(0.05);
      if (aggregatedNow) {
        // the overview of a large dataset: regions are what is drawn, so regions are named
        Object.keys(regionTotals).forEach(function (code) {
          var c = regionCentre[code];
          if (!view.contains([c.lat, c.lon])) { return; }
          candidates.push({lat: c.lat, lon: c.lon, text: regionName(code), cls: "pm-label pm-label-area", r: regionRadius(code) + 2,
                           prio: regionTotals[code], key: ""});
        });
      }
      for (var j = 0; j < places.length; j++) {
        if (!placeVisible[j] || (aggregatedNow && !partners[j] && data.keys[j] !== state.selected)) { continue; }
        if (!view.contains([places[j][0], places[j][1]])) { continue; }
        var sel = data.keys[j] === state.selected;
        var prio = sel ? 1e9 : partners[j] ? 1e8 : placeCount[j] * 1000 - places[j][3] * 100;
        candidates.push({lat: places[j][0], lon: places[j][1], text: placeName(j), r: radiusOf(j) + 2, prio: prio, key: data.keys[j],
                         cls: "pm-label" + (sel ? " pm-label-selected" : "") + (places[j][3] > 0 ? " pm-label-area" : "")});
      }
      candidates.sort(function (a, b) { return b.prio - a.prio; });
      var big = state.mode === "present";
      // country names, quiet and large, as long as they fit
      (inset ? [] : COUNTRY_LABELS).forEach(function (c) {
        var pt = layerPoint(c.lat, c.lon), text = w(c.key), m = measure(text, "pm-label pm-country");
        var box = {x: pt.x - m.w / 2, y: pt.y - m.h / 2, w: m.w, h: m.h};
        if (box.x < 0 || box.y < 0 || box.x + box.w > size.x || box.y + box.h > size.y) { return; }
        if (taken.some(function (t) { return rectsOverlap(t, box); })) { return; }
        taken.push(box);
        add(text, "pm-label pm-country", box);
      });
      var limit = Math.max(25, Math.round(size.x * size.y / (big ? 9000 : 6000)));
      var placed = 0;
      for (var k = 0; k < candidates.length && placed < limit && k < limit * 8; k++) {
        var cand = candidates[k], pt2 = layerPoint(cand.lat, cand.lon);
        if (pt2.x < 0 || pt2.y < 0 || pt2.x > size.x || pt2.y > size.y) { continue; }
        var name = cand.text, cls = cand.cls;
        var mm = measure(name, cls), r = cand.r;
        // four positions around the symbol: right, left, above, below
        var spots = [[pt2.x + r, pt2.y - mm.h / 2], [pt2.x - r - mm.w, pt2.y - mm.h / 2],
                     [pt2.x - mm.w / 2, pt2.y - r - mm.h], [pt2.x - mm.w / 2, pt2.y + r]];
        for (var s = 0; s < spots.length; s++) {
          var b = {x: spots[s][0], y: spots[s][1], w: mm.w, h: mm.h};
          if (b.x < 0 || b.y < 0 || b.x + b.w > size.x || b.y + b.h > size.y) { continue; }
          if (taken.some(function (t) { return rectsOverlap(t, b); })) { continue; }
          taken.push(b);
          add(name, cls, b).dataset.place = cand.key;
          placed++;
          break;
        }
      }
      function add(text, cls2, box) {
        var node = el("div", cls2, text);
        var origin = map.containerPointToLayerPoint([box.x, box.y]);
        L.DomUtil.setPosition(node, origin);
        labelPane.appendChild(node);
        labelNodes.push(node);
        return node;
      }
    }
    var labelTimer = null;
    function scheduleLabels() {
      if (labelTimer) { cancelAnimationFrame(labelTimer); }
      labelTimer = requestAnimationFrame(function () { labelTimer = null; placeLabels(); });
    }
    map.on("zoomend moveend resize", scheduleLabels);
    // the frame often gets its final size after the first view was fitted (full
    // screen in presentation mode): as long as the viewer has not moved the map,
    // fit again and make that the starting view
    var untouched = true;
    map.on("movestart zoomstart", function (e) { if (!fitting && home) { untouched = false; } });
    map.on("resize", function () {
      if (untouched && home && !inset) { fitAll(); home = {center: map.getCenter(), zoom: map.getZoom()}; }
    });

    /* --- popups, built from data as text --- */
    function loadDetails() {
      if (details) { return Promise.resolve(details); }
      if (!opts.detailsUrl) { return Promise.resolve({}); }
      return fetch(opts.detailsUrl).then(function (r) { return r.json(); }).then(function (d) { details = d; return d; })
        .catch(function () { return {}; });
    }
    function sourcesNode(urls) {
      var span = el("span");
      (urls || []).forEach(function (u, n) {
        var ok = safeUrl(u);
        if (n) { span.appendChild(document.createTextNode(", ")); }
        if (ok) { var a = el("a", null, host(u)); a.href = ok; a.target = "_blank"; a.rel = "noopener noreferrer"; span.appendChild(a); }
        else { span.appendChild(document.createTextNode(u)); }
      });
      return span;
    }
    function line(box, label, value) {
      var div = el("div");
      if (label) { div.appendChild(el("span", "pm-k", label + " ")); }
      if (value instanceof Node) { div.appendChild(value); } else { div.appendChild(document.createTextNode(value)); }
      box.appendChild(div);
      return div;
    }
    function translatedText(box, texts, lang0, cls) {
      var t = text3(texts);
      if (!t) { return; }
      var div = line(box, null, t);
      if (cls) { div.className = cls; }
      if (lang0 && texts[lang0] && lang0 !== state.lang && texts[state.lang]) {
        var mark = el("button", "pm-translated", w("translated"));
        mark.type = "button";
        mark.title = w("translated.show");
        mark.addEventListener("click", function () { div.textContent = texts[lang0]; div.lang = lang0; });
        div.appendChild(document.createTextNode(" "));
        div.appendChild(mark);
      }
    }
    function pairPopup(i) {
      var p = pairs[i], box = el("div", "pm-popup"), id = data.ids[i];
      box.appendChild(el("b", null, (p[0] >= 0 ? placeName(p[0]) : "?") + " – " + (p[1] >= 0 ? placeName(p[1]) : "?")));
      line(box, null, w("kind." + data.kinds[p[4]]) + " · " + w("level." + data.levels[p[5]] + ".one"));
      line(box, null, p[2] ? fmt(w("since"), {year: p[2]}) : w("since.unknown"));
      var statusLine = line(box, w("status") + ":", w("status." + S[statusAt(i, year)]));
      var rest = el("div");
      box.appendChild(rest);
      loadDetails().then(function (all) {
        var d = all[id] || {};
        if (d.status_date && year === null) { statusLine.appendChild(document.createTextNode(" (" + d.status_date + ")")); }
        translatedText(rest, d.status_note, d.text_lang, "pm-note");
        if (d.note) { translatedText(rest, d.note, d.text_lang, "pm-note2"); }
        if (d.source && d.source.length) { line(rest, w("sources") + ":", sourcesNode(d.source)); }
      });
      return box;
    }
    function onArcClick(e) {
      L.DomEvent.stop(e);
      // no auto-pan: a click must not move the map the viewer arranged
      L.popup({maxWidth: state.mode === "present" ? 520 : 340, autoPan: false})
        .setLatLng(e.latlng).setContent(pairPopup(e.target.pmIndex)).openOn(map);
    }
    function openConferencePopup(list) {
      var box = el("div", "pm-popup");
      list.forEach(function (c, n) {
        if (n) { box.appendChild(el("hr")); }
        box.appendChild(el("b", null, fmt(w("conference.title"), {number: roman(c.number)})));
        var co = c.co_hosts && (c.co_hosts[state.lang] || c.co_hosts.de);
        line(box, null, hostName(c) + (co ? " · " + co : "") + " · " + c.year);
        if (c.start) { line(box, w("conference.dates") + ":", [c.start, c.end].filter(Boolean).join(" – ")); }
        var motto = text3(c.motto);
        if (motto) { translatedText(box, c.motto, c.motto_lang, "pm-note"); }
        var pp = c.participants || [];
        if (pp[0]) { line(box, w("conference.participants") + ":", pp[0] === pp[1] || !pp[1] ? String(pp[0]) : pp[0] + "–" + pp[1]); }
        if (c.source && c.source.length) { line(box, w("sources") + ":", sourcesNode(c.source)); }
      });
      L.popup({maxWidth: 360}).setLatLng([list[0].lat, list[0].lon]).setContent(box).openOn(map);
    }

    /* --- selection --- */
    function computeSelection() {
      selectedIds = null;
      var i = keyIndex[state.selected];
      if (i === undefined) { return; }
      selectedIds = new Uint8Array(pairs.length);
      for (var k = 0; k < pairs.length; k++) { if (pairs[k][0] === i || pairs[k][1] === i) { selectedIds[k] = 1; } }
    }
    function select(key, notify) {
      state.selected = key || "";
      computeSelection();
      redraw();
      if (insetApi) { insetApi.setSelected(state.selected); }
      if (notify && opts.onSelect) { opts.onSelect(state.selected); }
    }
    function onPlaceClick(e) {
      L.DomEvent.stop(e);
      var key = data.keys[e.target.pmIndex];
      select(key === state.selected ? "" : key, true);
    }
    map.on("click", function () { if (state.selected && state.mode === "present") { /* keep */ } });

    /* --- controls: legend (folds), fit buttons, timeline, tour, title, exit, help --- */
    function control(position, cls, build) {
      var C = L.Control.extend({options: {position: position}, onAdd: function () {
        var div = el("div", "pm-panel " + cls);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        build(div);
        return div;
      }});
      return new C();
    }
    var controls = {};
    function buildControls() {
      if (inset) { return; }
      Object.keys(controls).forEach(function (k) { map.removeControl(controls[k]); });
      controls = {};
      var small = container.clientWidth < 600, present = state.mode === "present";
      if (present && state.title) {
        controls.title = control("topleft", "pm-title", function (div) { div.appendChild(el("div", null, state.title)); }).addTo(map);
      }
      controls.fit = control("topleft", "pm-fit", function (div) {
        [["fit.all", fitAll], ["fit.de", function () { map.fitBounds(DE_BOUNDS, fitOptions()); }],
         ["fit.ru", function () { map.fitBounds(RU_BOUNDS, fitOptions()); }], ["fit.selection", fitSelection]].forEach(function (b) {
          var btn = el("button", "pm-btn", w(b[0] + ".short"));
          btn.type = "button"; btn.title = w(b[0]); btn.setAttribute("aria-label", w(b[0]));
          btn.dataset.fit = b[0].split(".")[1];
          btn.addEventListener("click", b[1]);
          div.appendChild(btn);
        });
      }).addTo(map);
      controls.legend = control("topright", "pm-legend", function (div) {
        var det = el("details"), sum = el("summary", null, w("legend.title"));
        det.appendChild(sum);
        det.open = !(small || present || container.clientHeight < 700);
        var seen = {};
        for (var i = 0; i < pairs.length; i++) { if (shown[i]) { seen[statusAt(i, year)] = 1; } }
        S.forEach(function (st, n) {
          if (!seen[n]) { return; }
          var row = el("div", "pm-legend-row"), sw = el("span", "pm-swatch");
          var style = data.style[st];
          sw.style.borderTopColor = style.color;
          sw.style.borderTopStyle = style.dash ? (style.dash.split(" ")[0] <= 2 ? "dotted" : "dashed") : "solid";
          row.appendChild(sw); row.appendChild(document.createTextNode(w("status." + st)));
          det.appendChild(row);
        });
        [["circle", "level.municipality.one"], ["square", "level.district.one"], ["diamond", "level.region.one"]].forEach(function (s) {
          var row = el("div", "pm-legend-row"); row.appendChild(el("span", "pm-sym pm-sym-" + s[0]));
          row.appendChild(document.createTextNode(w(s[1]))); det.appendChild(row);
        });
        [["legend.town_de", 0], ["legend.town_ru", 1]].forEach(function (s) {
          var row = el("div", "pm-legend-row"), dot = el("span", "pm-sym pm-sym-circle");
          dot.style.borderColor = TOWN_COLOR[s[1]]; row.appendChild(dot);
          row.appendChild(document.createTextNode(w(s[0]))); det.appendChild(row);
        });
        var crow = el("div", "pm-legend-row"); crow.appendChild(el("span", "pm-badge pm-badge-static", "XVI"));
        crow.appendChild(document.createTextNode(w("legend.conference"))); det.appendChild(crow);
        div.appendChild(det);
      }).addTo(map);
      if (lastYear > firstYear) {
        controls.timeline = control("bottomright", "pm-timeline", function (div) {
          div.setAttribute("role", "group"); div.setAttribute("aria-label", w("timeline"));
          var play = el("button", "pm-btn pm-play"); play.type = "button";
          var range = el("input", "pm-year"); range.type = "range"; range.min = firstYear; range.max = lastYear; range.step = 1;
          range.setAttribute("aria-label", w("timeline.year"));
          var out = el("output", "pm-year-out"); out.setAttribute("aria-live", "polite");
          div.appendChild(play); div.appendChild(range); div.appendChild(out);
          function show() {
            var y = year === null ? lastYear : year;
            range.value = y;
            var n = 0;
            // on the map = an arc, or a proposal's one place (geo.counts)
            for (var i = 0; i < pairs.length; i++) { var q = pairs[i]; if (shown[i] && visibleInYear(i) && ((q[0] >= 0 && q[1] >= 0) || (S[q[3]] === "proposed" && (q[0] >= 0 || q[1] >= 0)))) { n++; } }
            out.textContent = y + " · " + plural("n.partnerships", n);
            play.textContent = timer ? "❚❚" : "▶";
            play.setAttribute("aria-label", timer ? w("timeline.pause") : w("timeline.play"));
            play.title = play.getAttribute("aria-label");
          }
          api.timelineShow = show;
          play.addEventListener("click", function () { api.togglePlay(); });
          range.addEventListener("input", function () { stopPlay(); setYear(parseInt(range.value, 10)); });
          show();
        }).addTo(map);
      }
      if ((data.conferences || []).length) {
        controls.tour = control("topleft", "pm-tour", function (div) {
          div.setAttribute("role", "group"); div.setAttribute("aria-label", w("tour"));
          var prev = el("button", "pm-btn pm-prev", "◀"), start = el("button", "pm-btn pm-start", w("tour")),
              next = el("button", "pm-btn pm-next", "▶"), text = el("div", "pm-tour-text");
          [prev, start, next].forEach(function (b) { b.type = "button"; div.appendChild(b); });
          prev.setAttribute("aria-label", w("tour.prev")); next.setAttribute("aria-label", w("tour.next"));
          text.setAttribute("aria-live", "polite");
          div.appendChild(text);
          prev.addEventListener("click", function () { api.tourGo(tourStep - 1); });
          next.addEventListener("click", function () { api.tourGo(tourStep + 1); });
          start.addEventListener("click", function () { if (tourStep < 0) { api.tourGo(0); } else { api.tourEnd(); } });
          api.tourPanel = {div: div, text: text, start: start};
        }).addTo(map);
      }
      if (present) {
        controls.exit = control("topright", "pm-exit", function (div) {
          var help = el("button", "pm-btn pm-help-btn", "?"); help.type = "button";
          help.setAttribute("aria-label", w("help.title")); help.title = w("help.title");
          help.addEventListener("click", toggleHelp);
          var exit = el("button", "pm-btn pm-exit-btn", small ? "✕" : "✕ " + w("present.exit")); exit.type = "button";
          exit.setAttribute("aria-label", w("present.exit")); exit.title = w("present.exit");
          exit.addEventListener("click", function () { if (opts.onExit) { opts.onExit(); } });
          div.appendChild(help); div.appendChild(exit);
        }).addTo(map);
      }
    }

    var helpBox = null;
    function toggleHelp() {
      if (helpBox) { helpBox.remove(); helpBox = null; return; }
      helpBox = el("div", "pm-help");
      helpBox.setAttribute("role", "dialog");
      helpBox.appendChild(el("b", null, w("help.title")));
      (w("help.keys") || "").split("\n").forEach(function (s) { helpBox.appendChild(el("div", null, s)); });
      helpBox.addEventListener("click", toggleHelp);
      container.appendChild(helpBox);
    }

    function panelsPadding() {
      // keep what a fit shows clear of the panels
      var pad = {top: 10, left: 10, right: 10, bottom: 10};
      var o = container.getBoundingClientRect();
      container.querySelectorAll(".leaflet-control.pm-panel").forEach(function (c) {
        var r = c.getBoundingClientRect();
        if (!r.width) { return; }
        var cx = (r.left + r.right) / 2 - o.left, cy = (r.top + r.bottom) / 2 - o.top;
        if (r.width > o.width * 0.6) { if (cy < o.height / 2) { pad.top = Math.max(pad.top, r.bottom - o.top + 6); } else { pad.bottom = Math.max(pad.bottom, o.bottom - r.top + 6); } return; }
        if (cx < o.width / 2) { pad.left = Math.max(pad.left, Math.min(r.right - o.left + 6, o.width * 0.3)); }
        else { pad.right = Math.max(pad.right, Math.min(o.right - r.left + 6, o.width * 0.3)); }
      });
      return pad;
    }
    function fitOptions() {
      var p = panelsPadding();
      return {paddingTopLeft: [p.left, p.top], paddingBottomRight: [p.right, p.bottom], animate: false};
    }
    function boundsOf(filterFn) {
      var b = null;
      for (var i = 0; i < places.length; i++) {
        if (!placeVisible[i] || (filterFn && !filterFn(i))) { continue; }
        var ll = L.latLng(places[i][0], places[i][1]);
        b = b ? b.extend(ll) : L.latLngBounds(ll, ll);
      }
      return b;
    }
    var focusedAt = null;
    /* "show on map" beside a partner: frame its arc and open its popup */
    function focusPair(id) {
      var i = data.ids.indexOf(id);
      if (i < 0 || pairs[i][0] < 0 || pairs[i][1] < 0) { return; }
      var line = arcOf(i), b = L.latLngBounds(line);
      map.fitBounds(b.pad(0.08), Object.assign(fitOptions(), {maxZoom: 8}));
      L.popup({maxWidth: state.mode === "present" ? 520 : 340}).setLatLng(line[Math.floor(line.length / 2)])
        .setContent(pairPopup(i)).openOn(map);
    }
    var fitting = false;
    function fitAll() {
      fitting = true;
      try { fitAllNow(); } finally { fitting = false; }
    }
    function fitAllNow() {
      var b = boundsOf(null);
      if (b && container.clientWidth < 600) {
        // on a phone, the core of the map (places between the 5th and 95th
        // percentile) rather than every outlier at a scale too small to read
        var lats = [], lons = [];
        for (var i = 0; i < places.length; i++) { if (placeVisible[i]) { lats.push(places[i][0]); lons.push(places[i][1]); } }
        lats.sort(function (x, y) { return x - y; }); lons.sort(function (x, y) { return x - y; });
        var q = function (a, f) { return a[Math.min(a.length - 1, Math.floor(f * a.length))]; };
        if (lats.length > 20) { b = L.latLngBounds([q(lats, 0.05), q(lons, 0.05)], [q(lats, 0.95), q(lons, 0.95)]); }
      }
      if (b) { map.fitBounds(b.pad(0.02), fitOptions()); } else { map.fitBounds([[45, 5], [68, 100]], fitOptions()); }
    }
    function fitSelection() {
      if (!selectedIds) { return fitAll(); }
      var ends = {};
      for (var i = 0; i < pairs.length; i++) { if (selectedIds[i] && shown[i]) { ends[pairs[i][0]] = 1; ends[pairs[i][1]] = 1; } }
      ends[keyIndex[state.selected]] = 1;
      var b = boundsOf(function (i) { return ends[i]; });
      if (b) { map.fitBounds(b.pad(0.1), Object.assign(fitOptions(), {maxZoom: 8})); }
    }

    /* --- timeline and tour --- */
    function setYear(y) {
      if (insetApi) { insetApi.setYear(y); }
      year = y === null || y >= lastYear ? null : Math.max(firstYear, y);
      redraw();
      if (api.timelineShow) { api.timelineShow(); }
    }
    function stopPlay() { if (timer) { clearInterval(timer); timer = null; if (api.timelineShow) { api.timelineShow(); } } }
    function computeYears() {
      firstYear = 0; lastYear = 0;
      for (var i = 0; i < pairs.length; i++) {
        var s = pairs[i][2];
        if (s && shown[i]) { firstYear = firstYear ? Math.min(firstYear, s) : s; lastYear = Math.max(lastYear, s); }
      }
      lastYear = Math.max(lastYear, new Date().getFullYear());
    }

    function tourPartners(c) {
      var ids = {}, ends = {};
      for (var i = 0; i < pairs.length; i++) {
        if (!shown[i]) { continue; }
        var p = pairs[i];
        [p[0], p[1]].forEach(function (e) {
          if (e < 0) { return; }
          if (map.distance([places[e][0], places[e][1]], [c.lat, c.lon]) < 15000) { ids[i] = 1; ends[p[0]] = 1; ends[p[1]] = 1; }
        });
      }
      return {ids: ids, ends: ends};
    }

    var api = {
      map: map,
      data: data,
      setState: function (next) {
        var langChanged = next.lang !== state.lang || next.strings !== state.strings;
        var modeChanged = next.mode !== state.mode || next.title !== state.title;
        var maskChanged = next.mask !== state.mask;
        var selChanged = next.selected !== state.selected;
        Object.assign(state, next);
        if (maskChanged || !controls.fit) { shown = decodeMask(state.mask, pairs.length); computeYears(); }
        if (selChanged) { computeSelection(); }
        container.classList.toggle("pm-present", state.mode === "present");
        container.lang = state.lang;
        var attribution = state.strings["tiles.attribution"] || opts.tilesAttribution || "";
        if (tiles && langChanged) { map.removeLayer(tiles); tiles = null; }  // its attribution is in the old language
        if (next.tiles && !tiles && opts.tilesUrl) {
          tiles = L.tileLayer(opts.tilesUrl, {attribution: attribution, maxZoom: 18, opacity: 0.85}).addTo(map);
        } else if (!next.tiles && tiles) { map.removeLayer(tiles); tiles = null; }
        if (scale && langChanged && map._loaded) { scale._update(); }
        if (langChanged || modeChanged || maskChanged || !controls.fit) { buildControls(); }
        if (langChanged) { drawBadges(); }
        redraw();
        if (inset) { if (!home) { api.refit(); home = true; } return; }
        if (insetApi) { insetApi.setState(next); }
        if (next.focus && next.focus.at !== focusedAt) { focusedAt = next.focus.at; focusPair(next.focus.id); }
        if (!home) { fitAll(); home = {center: map.getCenter(), zoom: map.getZoom()}; }
        updateInset();
      },
      select: function (key) { select(key, true); },
      refit: function () { map.invalidateSize(false); map.fitBounds(DE_BOUNDS, {padding: [2, 2], animate: false}); },
      setSelected: function (key) { state.selected = key || ""; computeSelection(); redraw(); },
      setYear: setYear,
      togglePlay: function () {
        if (timer) { stopPlay(); return; }
        if (year === null || year >= lastYear) { year = firstYear - 1; }
        timer = setInterval(function () {
          if (year === null || year >= lastYear) { stopPlay(); return; }
          setYear(year + 1);
        }, 700);
        setYear(year + 1);
      },
      tourGo: function (n) {
        var confs = data.conferences || [];
        if (!confs.length) { return; }
        tourStep = (n + confs.length) % confs.length;
        var c = confs[tourStep], found = tourPartners(c);
        stopPlay(); year = null;
        selectedIds = new Uint8Array(pairs.length);
        Object.keys(found.ids).forEach(function (i) { selectedIds[i] = 1; });
        redraw();
        var b = L.latLngBounds([[c.lat, c.lon], [c.lat, c.lon]]);
        Object.keys(found.ends).forEach(function (e) { b.extend([places[e][0], places[e][1]]); });
        var panel = api.tourPanel;
        if (panel) {
          panel.div.classList.add("pm-touring");
          panel.start.textContent = w("tour.end");
          panel.text.textContent = "";
          panel.text.appendChild(el("b", null, fmt(w("conference.title"), {number: roman(c.number)})));
          panel.text.appendChild(el("div", null, hostName(c) + " · " + c.year));
          var motto = text3(c.motto);
          if (motto) { panel.text.appendChild(el("i", null, motto)); }
          panel.text.appendChild(el("div", null, plural("n.partnerships", Object.keys(found.ids).length)));
        }
        map.flyToBounds(b.pad(0.15), Object.assign(fitOptions(), {maxZoom: 6, duration: 0.8, animate: true}));
      },
      tourEnd: function () {
        tourStep = -1;
        computeSelection();
        if (api.tourPanel) { api.tourPanel.div.classList.remove("pm-touring"); api.tourPanel.text.textContent = ""; api.tourPanel.start.textContent = w("tour"); }
        redraw();
        api.home();
      },
      home: function () { if (home) { map.setView(home.center, home.zoom, {animate: false}); } },
      fitAll: fitAll,
      fitSelection: fitSelection,
      get tourStep() { return tourStep; },
      get year() { return year; },
      view: function () { var c = map.getCenter(); return {lat: c.lat, lng: c.lng, zoom: map.getZoom()}; },
      timings: function () {  // for the benchmark: how long one draw of each part takes, in ms
        var out = {}, t0 = performance.now();
        if (fastLayer && fastLayer._canvas) { fastLayer._draw(); out.fast = performance.now() - t0; }
        t0 = performance.now(); placeLabels(); out.labels = performance.now() - t0;
        t0 = performance.now(); redraw(); out.redraw = performance.now() - t0;
        return out;
      },
      counts: function () {
        var n = 0; arcLayer.eachLayer(function () { n++; });
        // arcs and places as Leaflet layers; "shown": the pairs the filter and the timeline let through,
        // however they are drawn (flows at a large dataset's overview, the one-pass canvas zoomed in)
        return {arcs: n, places: placeLayer.getLayers().length, badges: badgeMarkers.length, labels: labelNodes.length,
                shown: shownNow(), flows: flowLayer.getLayers().length};
      }
    };

    /* a large dataset at the overview: flows between Land and federal
       subject (as flow-map tools do), individual arcs and places once zoomed in */
    var AGG_MIN = 1500, AGG_ZOOM = 5.5, aggregatedNow = false;
    var flowLayer = L.layerGroup().addTo(map), regionTotals = {}, regionCentre = {};
    (function () {
      var sums = {};
      places.forEach(function (p) {
        var c = p[7];
        if (!c) { return; }
        var t = sums[c] = sums[c] || {lat: 0, lon: 0, n: 0};
        t.lat += p[0]; t.lon += p[1]; t.n++;
      });
      Object.keys(sums).forEach(function (c) { regionCentre[c] = {lat: sums[c].lat / sums[c].n, lon: sums[c].lon / sums[c].n}; });
    })();
    function regionName(code) {
      var names = (data.regions || {})[code];
      if (!names) { return code; }
      return names[{de: 0, ru: 1, en: 2}[state.lang] || 0] || names[0];
    }
    function regionRadius(code) { return Math.min(5 + Math.sqrt(regionTotals[code] || 0) * 0.9, 30); }
    function shownNow() {
      var n = 0;
      for (var i = 0; i < pairs.length; i++) { if (shown[i] && visibleInYear(i)) { n++; } }
      return n;
    }
    function drawFlows() {
      flowLayer.clearLayers();
      regionTotals = {};
      var flows = {};
      for (var i = 0; i < pairs.length; i++) {
        var p = pairs[i];
        if (!shown[i] || p[0] < 0 || p[1] < 0 || !visibleInYear(i)) { continue; }
        var a = places[p[0]][7], b = places[p[1]][7];
        if (!a || !b) { continue; }
        var k = a + "|" + b, f = flows[k] = flows[k] || {a: a, b: b, n: 0, st: {}};
        f.n++;
        var st = statusAt(i, year);
        f.st[st] = (f.st[st] || 0) + 1;
        regionTotals[a] = (regionTotals[a] || 0) + 1;
        regionTotals[b] = (regionTotals[b] || 0) + 1;
      }
      Object.keys(flows).forEach(function (k) {
        var f = flows[k], top = 0, best = 4;
        Object.keys(f.st).forEach(function (st) { if (f.st[st] > top) { top = f.st[st]; best = +st; } });
        var style = data.style[S[best]] || data.style.unknown;
        var line = L.polyline(greatCircle([regionCentre[f.a].lat, regionCentre[f.a].lon], [regionCentre[f.b].lat, regionCentre[f.b].lon]),
          {color: style.color, weight: Math.min(1 + 1.5 * Math.log2(1 + f.n), 12), opacity: selectedIds ? 0.15 : 0.5,
           renderer: canvas, interactive: !inset, bubblingMouseEvents: false});
        line.bindTooltip(function () { return el("span", null, regionName(f.a) + " – " + regionName(f.b) + " · " + plural("n.partnerships", f.n)); },
                         {sticky: true});
        flowLayer.addLayer(line);
      });
      Object.keys(regionTotals).forEach(function (code) {
        var c = regionCentre[code];
        var bubble = L.circleMarker([c.lat, c.lon], {radius: regionRadius(code), color: code.slice(0, 2) === "DE" ? TOWN_COLOR[0] : TOWN_COLOR[1],
          weight: 1.5, fillColor: "#ffffff", fillOpacity: 0.8, renderer: canvas, bubblingMouseEvents: false});
        bubble.bindTooltip(function () { return el("span", null, regionName(code) + " · " + plural("n.partnerships", regionTotals[code])); },
                           {direction: "top"});
        bubble.on("click", function (e) {
          L.DomEvent.stop(e);
          var b = boundsOf(function (i) { return places[i][7] === code; });
          if (b) { map.fitBounds(b.pad(0.05), Object.assign(fitOptions(), {maxZoom: Math.max(AGG_ZOOM, map.getZoom() + 1)})); }
        });
        flowLayer.addLayer(bubble);
      });
    }
    /* Many pairs, zoomed in: one canvas that draws every visible arc and place
       in a single pass (no Leaflet layer per object), from points projected
       once; a click finds the nearest place or arc by arithmetic. */
    var FastLayer = L.Layer.extend({
      onAdd: function (m) {
        this._canvas = L.DomUtil.create("canvas", "pm-fast leaflet-zoom-hide");
        m.getPane("overlayPane").appendChild(this._canvas);
        m.on("moveend zoomend resize viewreset", this._draw, this);
        m.on("click", this._click, this);
        this._draw();
      },
      onRemove: function (m) {
        if (this._canvas) { L.DomUtil.remove(this._canvas); }  // never drawn if removed before the map had a view
        m.off("moveend zoomend resize viewreset", this._draw, this);
        m.off("click", this._click, this);
      },
      _draw: function () {
        var m = this._map, size = m.getSize(), c = this._canvas, ratio = window.devicePixelRatio || 1;
        var topLeft = m.containerPointToLayerPoint([0, 0]);
        L.DomUtil.setPosition(c, topLeft);
        c.width = size.x * ratio; c.height = size.y * ratio;
        c.style.width = size.x + "px"; c.style.height = size.y + "px";
        var ctx = c.getContext("2d");
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        var scale = Math.pow(2, m.getZoom()), origin = m.getPixelOrigin(), off = m._getMapPanePos ? m._getMapPanePos() : {x: 0, y: 0};
        var dx = -origin.x - topLeft.x + (origin.x - origin.x), dy = -origin.y - topLeft.y;
        var view = {x0: -20, y0: -20, x1: size.x + 20, y1: size.y + 20};
        this._screen = {scale: scale, dx: dx, dy: dy};
        var groups = {};
        for (var i = 0; i < pairs.length; i++) {
          var p = pairs[i];
          if (!shown[i] || p[0] < 0 || p[1] < 0 || !visibleInYear(i)) { continue; }
          var bb = arcBox(i);
          if (bb[2] * scale + dx < view.x0 || bb[0] * scale + dx > view.x1 || bb[3] * scale + dy < view.y0 || bb[1] * scale + dy > view.y1) { continue; }
          var st = statusAt(i, year), focus = !selectedIds || selectedIds[i];
          var k = st + (focus ? "f" : "d");
          (groups[k] = groups[k] || []).push(i);
        }
        Object.keys(groups).forEach(function (k) {
          var style = data.style[S[+k.slice(0, -1)]] || data.style.unknown, focus = k.slice(-1) === "f";
          ctx.strokeStyle = style.color;
          ctx.globalAlpha = focus ? (selectedIds ? 0.9 : 0.55) : 0.08;
          // 1 px: Skia draws hairlines on a fast path; at 1.3 px thousands of arcs
          // took a second to rasterise without a GPU, at 1 px a tenth of that
          ctx.lineWidth = focus && selectedIds ? 3 : 1;
          ctx.beginPath();
          var inPath = 0;
          groups[k].forEach(function (i) {
            // only the segments that cross the view: the rasteriser's work is
            // what costs, and most of a long arc lies outside a zoomed-in view
            var pts = arcProjected(i), pen = false;
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
        ctx.setLineDash([]);
        ctx.globalAlpha = 1;
        // places: one path per country (a fill and a stroke each), not one per place
        [0, 1].forEach(function (side) {
          ctx.beginPath();
          for (var q = 0; q < places.length; q++) {
            if (!placeVisible[q] || places[q][2] !== side) { continue; }
            var pp = placeProjected(q), x = pp[0] * scale + dx, y = pp[1] * scale + dy;
            if (x < view.x0 || x > view.x1 || y < view.y0 || y > view.y1) { continue; }
            ctx.moveTo(x + 3.5, y);
            ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
          }
          ctx.fillStyle = "#ffffff";
          ctx.fill();
          ctx.lineWidth = 1;
          ctx.strokeStyle = TOWN_COLOR[side];
          ctx.stroke();
        });
      },
      _click: function (e) {
        var sc = this._screen;
        if (!sc) { return; }
        var pt = e.containerPoint, best = null, bestD = 8;
        for (var q = 0; q < places.length; q++) {
          if (!placeVisible[q]) { continue; }
          var pp = placeProjected(q), d = Math.hypot(pp[0] * sc.scale + sc.dx - pt.x, pp[1] * sc.scale + sc.dy - pt.y);
          if (d < bestD) { bestD = d; best = q; }
        }
        if (best !== null) { var key = data.keys[best]; select(key === state.selected ? "" : key, true); return; }
        var arc = null; bestD = 6;
        for (var i = 0; i < pairs.length; i++) {
          var p = pairs[i];
          if (!shown[i] || p[0] < 0 || p[1] < 0 || !visibleInYear(i)) { continue; }
          var pts = arcProjected(i);
          for (var j = 2; j < pts.length; j += 2) {
            var d2 = segDistance(pt.x, pt.y, pts[j - 2] * sc.scale + sc.dx, pts[j - 1] * sc.scale + sc.dy, pts[j] * sc.scale + sc.dx, pts[j + 1] * sc.scale + sc.dy);
            if (d2 < bestD) { bestD = d2; arc = i; }
          }
        }
        if (arc !== null) {
          L.popup({maxWidth: state.mode === "present" ? 520 : 340, autoPan: false}).setLatLng(e.latlng).setContent(pairPopup(arc)).openOn(map);
        }
      }
    });
    function segDistance(px, py, ax, ay, bx, by) {
      var vx = bx - ax, vy = by - ay, l = vx * vx + vy * vy, t = l ? Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / l)) : 0;
      return Math.hypot(px - ax - t * vx, py - ay - t * vy);
    }
    var projectedArcs = new Array(pairs.length), arcBoxes = new Array(pairs.length), projectedPlaces = new Array(places.length);
    function arcProjected(i) {
      if (!projectedArcs[i]) {
        var pts = arcOf(i), out = new Float64Array(pts.length * 2);
        for (var j = 0; j < pts.length; j++) { var pt = map.project(pts[j], 0); out[2 * j] = pt.x; out[2 * j + 1] = pt.y; }
        projectedArcs[i] = out;
      }
      return projectedArcs[i];
    }
    function arcBox(i) {
      if (!arcBoxes[i]) {
        var pts = arcProjected(i), b = [Infinity, Infinity, -Infinity, -Infinity];
        for (var j = 0; j < pts.length; j += 2) {
          b[0] = Math.min(b[0], pts[j]); b[1] = Math.min(b[1], pts[j + 1]); b[2] = Math.max(b[2], pts[j]); b[3] = Math.max(b[3], pts[j + 1]);
        }
        arcBoxes[i] = b;
      }
      return arcBoxes[i];
    }
    function placeProjected(q) {
      if (!projectedPlaces[q]) { var pt = map.project([places[q][0], places[q][1]], 0); projectedPlaces[q] = [pt.x, pt.y]; }
      return projectedPlaces[q];
    }
    var fastLayer = null, fastNow = false;

    function redraw() {
      countPlaces();
      for (var i = 0; i < places.length; i++) { placeVisible[i] = placeCount[i] > 0 ? 1 : 0; }
      aggregatedNow = !inset && map.getZoom() < AGG_ZOOM && shownNow() > AGG_MIN;
      if (aggregatedNow) {
        drawFlows();
        // only the selected place's own arcs stay individual
        drawArcs(function (i) { return selectedIds && selectedIds[i]; });
        drawPlaces(function (i) { return data.keys[i] === state.selected; });
      } else if (shownNow() > AGG_MIN) {
        // zoomed in on many pairs: the one-pass canvas; Leaflet layers only for the selection
        flowLayer.clearLayers();
        drawArcs(function (i) { return !inset && selectedIds && selectedIds[i]; });
        drawPlaces(function (i) { return data.keys[i] === state.selected; });
        fastNow = true;
      } else {
        flowLayer.clearLayers();
        drawArcs(null);
        drawPlaces(inset ? function (i) { return places[i][2] === 0; } : null);
      }
      if (!aggregatedNow && fastNow && shownNow() > AGG_MIN) {
        if (!fastLayer) { fastLayer = new FastLayer().addTo(map); } else if (fastLayer._canvas) { fastLayer._draw(); }
      } else if (fastLayer) { map.removeLayer(fastLayer); fastLayer = null; fastNow = false; }
      scheduleLabels();
    }
    map.on("zoomend", function () {
      var agg = !inset && map.getZoom() < AGG_ZOOM && shownNow() > AGG_MIN;
      if (agg !== aggregatedNow) { redraw(); }
    });

    /* the Germany inset: where the overview shrinks Germany to a knot of
       symbols, a second small map shows it at a readable scale; it hides as
       soon as the main map is zoomed in far enough to read Germany itself */
    var insetBox = null, insetApi = null;
    if (!inset && opts.insetEnabled !== false) {
      insetBox = el("div", "pm-inset");
      var insetTitle = el("div", "pm-inset-title");
      var insetMapEl = el("div", "pm-inset-body");
      insetBox.appendChild(insetTitle);
      insetBox.appendChild(insetMapEl);
      container.appendChild(insetBox);
      L.DomEvent.disableClickPropagation(insetBox);
      L.DomEvent.disableScrollPropagation(insetBox);
      insetApi = create(insetMapEl, {data: data, details: details, detailsUrl: opts.detailsUrl, inset: true,
                                      basemap: opts.basemap, basemapUrl: opts.basemapUrl,
                                      onSelect: function (key) { select(key, true); }});
      insetTitle.addEventListener("click", function () { map.fitBounds(DE_BOUNDS, fitOptions()); });
    }
    function updateInset() {
      if (!insetBox) { return; }
      insetBox.querySelector(".pm-inset-title").textContent = w("inset.title");
      insetBox.title = w("inset.help");
      var size = map.getSize();
      var deWidth = map.latLngToContainerPoint([51, 15]).x - map.latLngToContainerPoint([51, 6]).x;
      var show = size.x >= 560 && size.y >= 380 && deWidth < 260;
      if (show && insetBox.style.display === "none") { insetBox.style.display = ""; insetApi.refit(); }
      if (!show) { insetBox.style.display = "none"; }
    }
    map.on("zoomend resize", updateInset);

    if (!inset) document.addEventListener("keydown", function (e) {
      var t = e.target;
      if (t && /INPUT|TEXTAREA|SELECT/.test(t.tagName) && t.type !== "range") { return; }
      if (e.key === "ArrowRight" || e.key === "PageDown") { api.tourGo(tourStep + 1); e.preventDefault(); }
      else if (e.key === "ArrowLeft" || e.key === "PageUp") { api.tourGo(tourStep - 1); e.preventDefault(); }
      else if (e.key === "Escape") { if (helpBox) { toggleHelp(); } else if (tourStep >= 0) { api.tourEnd(); } else { map.closePopup(); api.home(); } }
      else if (e.key === " " || e.key === "p") { if (t && t.tagName === "BUTTON" && e.key === " ") { return; } api.togglePlay(); e.preventDefault(); }
      else if (e.key === "?") { toggleHelp(); }
      else if (e.key === "Home" || e.key === "0") { fitAll(); }
    });

    return api;
  }

  window.PartnerMap = {create: create, greatCircle: greatCircle};
})();
