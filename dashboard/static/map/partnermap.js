/* partnermap.js — the map of German–Russian partnerships, in the browser:
 * PartnerMap.create(container, opts) puts the pieces together and returns the
 * map's API, with destroy().
 *
 * The data comes once (model.js documents its format), the state on every
 * change (setState). The pieces, each a classic script registering into
 * window.PartnerMap and loaded in this order (index.html, the export, the site):
 *   dom.js       text-only DOM helpers         model.js     the data, named accessors, the shared rules
 *   geometry.js  great circles, projection      labels.js    label and badge placement (pure)
 *   store.js     state + derived values          detail.js    what a detail says, the texts loaded once
 *   framing.js   padding, inset rule, link view  detail-panel.js  the one detail panel (side or bottom sheet)
 *   layer-arcs.js, layer-places.js, layer-fast.js, layer-labels.js   one Leaflet layer per concern
 *   view.js      one Leaflet map of the state    inset.js     the Germany inset (a second View)
 *   controls.js, timeline.js, tour.js   the panels   keyboard.js  the keys, attach/detach
 *   partnermap.js  create()
 * When the view moves and when it stays: the comment at the top of view.js. Every text from
 * the data or the state reaches the page as text, never as HTML.
 */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var PHONE = 600;

  /* opts: {data, details?, detailsUrl?, basemap? | basemapUrl?, tilesUrl?, tilesAttribution?,
            onSelect?(key), onExit?(), onView?("Z/LAT/LON"), insetEnabled? (default true),
            linkSources? (default true: the data's own sources; false for a viewer's upload), viewUrl?(),
            embedUrl? (embed.html: the place panel offers its <iframe> snippet)} */
  function create(container, opts) {
    var model = new PM.Model(opts.data), store = new PM.Store(model);
    var basemap = opts.basemap || (opts.basemapUrl ? fetch(opts.basemapUrl).then(function (r) { return r.json(); }) : null);
    var geometry = new PM.Geometry(model, function (ll) { return L.CRS.EPSG3857.latLngToPoint(L.latLng(ll[0], ll[1]), 0); });
    var content = new PM.DetailContent(model, store, new PM.Details(opts.details, opts.detailsUrl),
                                       {linkSources: opts.linkSources !== false, corrections: model.corrections(),
                                        viewUrl: opts.viewUrl, embedUrl: opts.embedUrl});
    var panel = null;
    // what the layers call on a click (an arc, a badge): the detail panel, never a popup
    var popups = {
      ends: function (i) { return content.ends(i); },
      openPair: function (map, i) { if (panel) { panel.openPair(i); } },
      openConferences: function (map, list) { if (panel) { panel.openConferences(list); } }
    };
    var ownSelections = [];  // what the map itself selected lately: the app's echo of it is no new choice
    var ctx = {model: model, store: store, geometry: geometry, basemap: basemap, popups: popups,
               onSelect: function (key) { remember(key); if (opts.onSelect) { opts.onSelect(key); } }};
    function remember(key) { ownSelections.push(key); if (ownSelections.length > 8) { ownSelections.shift(); } }
    var main = new PM.View(container, ctx);
    var map = main.map;
    var inset = opts.insetEnabled !== false ? new PM.Inset(main, ctx) : null;
    var home = null, untouched = true, fitting = false, focusedAt = null, tiles = null, destroyed = false;
    var start = null;  // how the first view was made (the link's view, or a framing): done again while the frame settles

    /* --- framing (when the map moves: view.js) --- */
    function fitAll(animate) {
      fitting = true;
      try {
        var b = main.placeBounds(null), count = store.get("placeCount");
        if (b && container.clientWidth < PHONE) {
          // on a phone, the core of the map (places between the 5th and 95th
          // percentile) rather than every outlier at a scale too small to read
          var lats = [], lons = [];
          for (var p = 0; p < model.nPlaces; p++) { if (count[p]) { lats.push(model.lat(p)); lons.push(model.lon(p)); } }
          lats.sort(function (x, y) { return x - y; }); lons.sort(function (x, y) { return x - y; });
          var q = function (a, f) { return a[Math.min(a.length - 1, Math.floor(f * a.length))]; };
          if (lats.length > 20) { b = L.latLngBounds([q(lats, 0.05), q(lons, 0.05)], [q(lats, 0.95), q(lons, 0.95)]); }
        }
        main.frame(b ? b.pad(0.02) : L.latLngBounds([[45, 5], [68, 100]]), {animate: animate === true, maxZoom: 8});
      } finally { fitting = false; }
    }
    /* the selected place and the other ends of its shown pairs */
    function fitSelection(animate) {
      var sel = store.get("selectedPlace"), partners = store.get("partners");
      if (sel < 0) { return fitAll(animate); }
      if (main.fitPlaces(function (p) { return p === sel || partners[p]; }, {pad: 0.1, maxZoom: 8, animate: animate === true})) { return; }
      // none of its pairs is shown (the filter hides them): everything shown with the place
      // itself, so the map still gets a view (Leaflet draws nothing before it has one)
      if (!isFinite(model.lat(sel)) || !isFinite(model.lon(sel))) { return fitAll(animate); }
      var here = L.latLng(model.lat(sel), model.lon(sel)), b = main.placeBounds(null);
      main.frame((b ? b.extend(here) : L.latLngBounds(here, here)).pad(0.1), {maxZoom: 8, animate: animate === true});
    }
    function goHome() { if (home) { map.setView(home.center, home.zoom, {animate: false}); } }
    function setHome() { home = {center: map.getCenter(), zoom: map.getZoom()}; }
    /* frame one pair's arc (its detail open: the framing pads for the panel) */
    function framePair(i, animate) {
      if (i < 0 || !model.isArc(i)) { return; }
      main.frame(L.latLngBounds(geometry.arc(i)).pad(0.08), {maxZoom: 8, animate: animate !== false});
    }
    /* "show on the map" in a place's detail: its pair's detail and its arc, both ends named */
    function showPair(i) {
      store.set({focus: {id: model.id(i), at: Date.now()}});
      // framed once the detail has its texts: a bottom sheet is only then as tall as it gets
      panel.loaded.then(function () { if (!destroyed) { framePair(i, true); } });
    }
    // the app's "show on the map" (a rerun carrying `focus`): the same, once per request
    function focusPair(id) {
      var i = model.pairOf(id);
      if (i < 0 || !model.isArc(i)) { return; }
      panel.openPair(i);
      panel.loaded.then(function () { if (!destroyed) { framePair(i, true); } });
    }
    // the frame often gets its final size after the first view was made (full
    // screen in presentation mode): as long as the viewer has not moved the map,
    // make it again and make that the starting view
    function onMoveStart() { if (!fitting && home) { untouched = false; } }
    function onResize() { if (untouched && home && start) { start(); setHome(); } }
    map.on("movestart zoomstart", onMoveStart);
    map.on("resize", onResize);

    /* --- the view in the link: written after each move, read from the app's state --- */
    var written = {}, viewTimer = null, lastView = null;
    function onMoveEnd() {
      if (!opts.onView) { return; }
      clearTimeout(viewTimer);
      viewTimer = setTimeout(function () {
        viewTimer = null;
        if (destroyed) { return; }
        var c = map.getCenter(), v = PM.framing.viewString(map.getZoom(), c.lat, c.lng);
        written[v] = true;
        opts.onView(v);
      }, 300);
    }
    map.on("moveend", onMoveEnd);
    function linkView(text) {
      var v = PM.framing.parseView(text);
      return v ? function () { map.setView([v.lat, v.lng], v.zoom, {animate: false}); } : null;
    }

    /* --- panels and keys --- */
    var player = new PM.Player(store);
    var help = new PM.Help(container, store);
    var tour = new PM.Tour({view: main, store: store, model: model, player: player, home: goHome});
    var controls = new PM.Controls({view: main, store: store, model: model, fitAll: function () { fitAll(false); },
                                    fitSelection: function () { fitSelection(false); },
                                    help: help, onExit: opts.onExit, player: player, tour: tour});
    panel = new PM.DetailPanel({view: main, store: store, model: model, content: content, showPair: showPair,
                                // "show on the map" names both ends while its pair is open
                                shown: function (what) { if (store.state.focus && !(what && what.kind === "pair")) { store.set({focus: null}); } },
                                deselect: function () { store.set({selected: ""}); ctx.onSelect(""); }});
    var keyboard = new PM.Keyboard(document, {
      next: function () { tour.next(); },
      prev: function () { tour.prev(); },
      escape: function () {
        if (help.open()) { help.toggle(); } else if (store.state.tour >= 0) { tour.end(); } else if (panel.isOpen()) { panel.dismiss(); } else { goHome(); }
      },
      play: function () { player.toggle(); },
      help: function () { help.toggle(); },
      fitAll: function () { fitAll(false); }
    }, {present: function () { return store.state.mode === "present"; }}).attach();

    var unsubscribe = store.subscribe(function (changed) {
      if (changed.lang || changed.strings || changed.mode || changed.title || changed.mask) { controls.build(); }
      if (changed.mode || changed.lang) {
        container.classList.toggle("pm-present", store.state.mode === "present");
        container.lang = store.state.lang;
      }
      if (changed.tiles || changed.lang || changed.strings) { setTiles(); }
    });
    var OFFLINE_AFTER = 4, tilesOffline = false;  // tiles that failed with none loaded: no network (a projector offline)
    function setTiles() {
      // a new layer per language: its attribution is in the old language
      if (tiles) { map.removeLayer(tiles); tiles = null; }
      root.removeEventListener("online", setTiles);
      tilesOffline = false;
      if (store.state.tiles && opts.tilesUrl && !destroyed) {
        var layer = tiles = L.tileLayer(opts.tilesUrl, {attribution: store.state.strings["tiles.attribution"] || opts.tilesAttribution || "",
                                                        maxZoom: 18, opacity: 0.85}).addTo(map);
        var loaded = 0, failed = 0;
        layer.on("tileload", function () { loaded++; });
        // offline, every move would ask for tiles that never come and lay broken images over the map:
        // the layer goes (the outlines stay), and comes back when the browser is online again
        layer.on("tileerror", function () {
          if (++failed < OFFLINE_AFTER || loaded || tiles !== layer) { return; }
          map.removeLayer(layer);
          tiles = null;
          tilesOffline = true;
          root.addEventListener("online", setTiles);
        });
      }
    }

    var api = {
      map: map,
      data: opts.data,
      model: model,
      store: store,
      /* what the app sends: {lang, strings, mask, selected, mode, tiles, title, focus} */
      setState: function (next) {
        if (destroyed || !next) { return; }
        var first = !home, before = store.state.selected;
        var patch = Object.assign({}, next);
        delete patch.view;
        if (!patch.focus) { delete patch.focus; }  // the map's own "show on the map" stays until it is closed
        // a new selection from the app ends a tour
        var changed = store.set(Object.assign(patch, next.selected !== before ? {tour: -1} : {}));
        if (first) {
          container.classList.toggle("pm-present", store.state.mode === "present");
          container.lang = store.state.lang;
          if (!controls.built.fit) { controls.build(); }
          main.redraw();
        }
        var chosen = changed.selected && store.state.selected && ownSelections.indexOf(store.state.selected) < 0;
        var view = next.view && !written[next.view] && next.view !== lastView ? linkView(next.view) : null;
        if (next.view) { lastView = next.view; }
        if (first) {
          // the link's view; else the place the link names, framed; else everything shown
          start = view || (store.state.selected && store.get("selectedPlace") >= 0 ? function () { fitSelection(false); } : function () { fitAll(false); });
          start();
          setHome();
          main.redraw();
        } else if (view) {
          view();
        } else if (next.focus && next.focus.at !== focusedAt) {
          focusedAt = next.focus.at;
          focusPair(next.focus.id);
        } else if (chosen && store.get("selectedPlace") >= 0) {
          fitSelection(true);           // a place chosen outside the map
        } else if (changed.mask && store.state.tour < 0) {
          fitAll(true);                 // a filter or a search: its result
        }
        if (next.focus) { focusedAt = next.focus.at; }
        if (inset) { inset.update(); }
        if (first) {
          // the first picture is whole: the names are placed before the map says it is drawn, not a frame later
          main.labels.flush();
          if (inset && inset.visible()) { inset.view.labels.flush(); }
        }
      },
      select: function (key) { store.set({selected: key || ""}); if (opts.onSelect) { opts.onSelect(key || ""); } },
      setYear: function (y) { player.setYear(y); },
      togglePlay: function () { player.toggle(); },
      tourGo: function (n) { tour.go(n); },
      tourEnd: function () { tour.end(); },
      home: goHome,
      fitAll: function () { fitAll(false); },
      fitSelection: function () { fitSelection(false); },
      /* the detail panel: what it shows ({kind, place, pair} or null), its box, opening a pair by id */
      get detail() { return panel.shown; },
      detailBox: function () { return panel.isOpen() ? panel.box : null; },
      detailLoaded: function () { return panel.loaded || Promise.resolve(); },
      openPair: function (id) { var i = model.pairOf(id); if (i >= 0) { panel.openPair(i); } },
      closeDetail: function () { panel.dismiss(); },
      keysOnPage: function () { return keyboard.listening; },
      /* the online background: "on", "off" (not asked for), or "offline" (its tiles failed, none came) */
      tiles: function () { return tiles ? "on" : (tilesOffline && store.state.tiles ? "offline" : "off"); },
      /* a framing's flight is under way */
      moving: function () { return !!main.moving; },
      get tourStep() { return store.state.tour; },
      get year() { return store.state.year; },
      get tourPanel() { return controls.built.tour || null; },
      view: function () { var c = map.getCenter(); return {lat: c.lat, lng: c.lng, zoom: map.getZoom()}; },
      /* what is drawn: arcs and places as Leaflet layers, badges, labels, flows; "shown": the pairs the
         filter and the timeline let through, however they are drawn */
      counts: function () { return Object.assign(main.counts(), {shown: store.get("counts").shown}); },
      /* the place symbols on the screen, as circles {cx, cy, r (reach), area (equal-area radius), places: [key]}
         in the frame's pixels: the main map's, and the inset's while it shows (what the overview's tests measure) */
      symbols: function () {
        var out = {}, views = {main: main, inset: inset && inset.visible() ? inset.view : null};
        Object.keys(views).forEach(function (k) {
          var v = views[k];
          if (!v) { out[k] = []; return; }
          var o = v.container.getBoundingClientRect();
          out[k] = v.places.circles().map(function (c) {
            return {cx: c.cx + o.left, cy: c.cy + o.top, r: c.r, area: c.area, places: c.places.map(function (p) { return model.key(p); })};
          });
        });
        return out;
      },
      timings: function () {  // for the benchmark: how long one draw of each part takes, in ms
        var out = {}, t0 = performance.now();
        if (main.fast) { main.fast.update(); out.fast = performance.now() - t0; }
        t0 = performance.now(); main.labels.update(); out.labels = performance.now() - t0;
        t0 = performance.now(); main.redraw(); out.redraw = performance.now() - t0;
        return out;
      },
      /* removes everything create() added: listeners (the document's keys included), timers, layers, the inset */
      destroy: function () {
        if (destroyed) { return; }
        destroyed = true;
        keyboard.detach();
        clearTimeout(viewTimer);
        map.off("moveend", onMoveEnd);
        panel.destroy();
        player.destroy();
        unsubscribe();
        map.off("movestart zoomstart", onMoveStart);
        map.off("resize", onResize);
        if (help.open()) { help.toggle(); }
        root.removeEventListener("online", setTiles);
        if (inset) { inset.destroy(); }
        controls.destroy();
        main.destroy();
      },
      get destroyed() { return destroyed; }
    };
    return api;
  }

  PM.create = create;
})(typeof window !== "undefined" ? window : globalThis);
