/* partnermap.js — the map of German–Russian partnerships, in the browser:
 * PartnerMap.create(container, opts) puts the pieces together and returns the
 * map's API, with destroy().
 *
 * The data comes once (model.js documents its format), the state on every
 * change (setState). The pieces, each a classic script registering into
 * window.PartnerMap and loaded in this order (index.html, the export, the site):
 *   dom.js       text-only DOM helpers         model.js     the data, named accessors, the shared rules
 *   geometry.js  great circles, projection      labels.js    label and badge placement (pure)
 *   store.js     state + derived values          popups.js    popup contents, the texts loaded once
 *   layer-arcs.js, layer-places.js, layer-fast.js, layer-labels.js   one Leaflet layer per concern
 *   view.js      one Leaflet map of the state    inset.js     the Germany inset (a second View)
 *   controls.js, timeline.js, tour.js   the panels   keyboard.js  the keys, attach/detach
 *   partnermap.js  create()
 * The view (zoom, centre) is never reset by a change of state. Every text from
 * the data or the state reaches the page as text, never as HTML.
 */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var PHONE = 600;

  /* opts: {data, details?, detailsUrl?, basemap? | basemapUrl?, tilesUrl?, tilesAttribution?,
            onSelect?(key), onExit?(), insetEnabled? (default true)} */
  function create(container, opts) {
    var model = new PM.Model(opts.data), store = new PM.Store(model);
    var basemap = opts.basemap || (opts.basemapUrl ? fetch(opts.basemapUrl).then(function (r) { return r.json(); }) : null);
    var geometry = new PM.Geometry(model, function (ll) { return L.CRS.EPSG3857.latLngToPoint(L.latLng(ll[0], ll[1]), 0); });
    var ctx = {model: model, store: store, geometry: geometry, basemap: basemap,
               popups: new PM.Popups(model, store, new PM.Details(opts.details, opts.detailsUrl)),
               onSelect: opts.onSelect};
    var main = new PM.View(container, ctx);
    var map = main.map;
    var inset = opts.insetEnabled !== false ? new PM.Inset(main, ctx) : null;
    var home = null, untouched = true, fitting = false, focusedAt = null, tiles = null, destroyed = false;

    /* --- framing --- */
    function fitAll() {
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
        map.fitBounds(b ? b.pad(0.02) : L.latLngBounds([[45, 5], [68, 100]]), main.fitOptions());
      } finally { fitting = false; }
    }
    function fitSelection() {
      var sel = store.get("selectedPlace"), partners = store.get("partners");
      if (sel < 0) { return fitAll(); }
      main.fitPlaces(function (p) { return p === sel || partners[p]; }, {pad: 0.1, maxZoom: 8});
    }
    function goHome() { if (home) { map.setView(home.center, home.zoom, {animate: false}); } }
    function setHome() { home = {center: map.getCenter(), zoom: map.getZoom()}; }
    /* "show on map" beside a partner: frame its arc and open its popup */
    function focusPair(id) {
      var i = model.pairOf(id);
      if (i < 0 || !model.isArc(i)) { return; }
      var line = geometry.arc(i);
      map.fitBounds(L.latLngBounds(line).pad(0.08), Object.assign(main.fitOptions(), {maxZoom: 8}));
      ctx.popups.openPair(map, i, line[Math.floor(line.length / 2)], true);
    }
    // the frame often gets its final size after the first view was fitted (full
    // screen in presentation mode): as long as the viewer has not moved the map,
    // fit again and make that the starting view
    function onMoveStart() { if (!fitting && home) { untouched = false; } }
    function onResize() { if (untouched && home) { fitAll(); setHome(); } }
    map.on("movestart zoomstart", onMoveStart);
    map.on("resize", onResize);

    /* --- panels and keys --- */
    var player = new PM.Player(store);
    var help = new PM.Help(container, store);
    var tour = new PM.Tour({view: main, store: store, model: model, player: player, home: goHome});
    var controls = new PM.Controls({view: main, store: store, model: model, fitAll: fitAll, fitSelection: fitSelection,
                                    help: help, onExit: opts.onExit, player: player, tour: tour});
    var keyboard = new PM.Keyboard(document, {
      next: function () { tour.next(); },
      prev: function () { tour.prev(); },
      escape: function () {
        if (help.open()) { help.toggle(); } else if (store.state.tour >= 0) { tour.end(); } else { map.closePopup(); goHome(); }
      },
      play: function () { player.toggle(); },
      help: function () { help.toggle(); },
      fitAll: fitAll
    }).attach();

    var unsubscribe = store.subscribe(function (changed) {
      if (changed.lang || changed.strings || changed.mode || changed.title || changed.mask) { controls.build(); }
      if (changed.mode || changed.lang) {
        container.classList.toggle("pm-present", store.state.mode === "present");
        container.lang = store.state.lang;
      }
      if (changed.tiles || changed.lang || changed.strings) { setTiles(); }
    });
    function setTiles() {
      // a new layer per language: its attribution is in the old language
      if (tiles) { map.removeLayer(tiles); tiles = null; }
      if (store.state.tiles && opts.tilesUrl) {
        tiles = L.tileLayer(opts.tilesUrl, {attribution: store.state.strings["tiles.attribution"] || opts.tilesAttribution || "",
                                            maxZoom: 18, opacity: 0.85}).addTo(map);
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
        var first = !home;
        // a new selection from the app ends a tour
        store.set(Object.assign({}, next, next.selected !== store.state.selected ? {tour: -1} : {}));
        if (first) {
          container.classList.toggle("pm-present", store.state.mode === "present");
          container.lang = store.state.lang;
          if (!controls.built.fit) { controls.build(); }
          main.redraw();
        }
        if (next.focus && next.focus.at !== focusedAt) { focusedAt = next.focus.at; focusPair(next.focus.id); }
        if (first) { fitAll(); setHome(); main.redraw(); }
        if (inset) { inset.update(); }
      },
      select: function (key) { store.set({selected: key || ""}); if (opts.onSelect) { opts.onSelect(key || ""); } },
      setYear: function (y) { player.setYear(y); },
      togglePlay: function () { player.toggle(); },
      tourGo: function (n) { tour.go(n); },
      tourEnd: function () { tour.end(); },
      home: goHome,
      fitAll: fitAll,
      fitSelection: fitSelection,
      get tourStep() { return store.state.tour; },
      get year() { return store.state.year; },
      get tourPanel() { return controls.built.tour || null; },
      view: function () { var c = map.getCenter(); return {lat: c.lat, lng: c.lng, zoom: map.getZoom()}; },
      /* what is drawn: arcs and places as Leaflet layers, badges, labels, flows; "shown": the pairs the
         filter and the timeline let through, however they are drawn */
      counts: function () { return Object.assign(main.counts(), {shown: store.get("counts").shown}); },
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
        player.destroy();
        unsubscribe();
        map.off("movestart zoomstart", onMoveStart);
        map.off("resize", onResize);
        if (help.open()) { help.toggle(); }
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
