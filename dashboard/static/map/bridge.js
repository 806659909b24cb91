/* bridge.js — the map inside Streamlit: speaks the component protocol by hand
 * (componentReady, render, setComponentValue, setFrameHeight). The data file is
 * fetched once per data version; each render message brings only the state. */
(function () {
  "use strict";
  var instance = null, loading = null, dataUrl = null, pending = null, height = null;

  // The component's page is served by the app itself, from the origin of the
  // Streamlit page that frames it: only that page may talk to the map, and
  // only that page hears what the map says.
  var APP_ORIGIN = window.location.origin;
  function send(type, extra) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, extra || {}), APP_ORIGIN);
  }
  function trusted(event) {
    return event.source === window.parent && window.parent !== window && event.origin === APP_ORIGIN;
  }
  var refused = 0;  // messages from anyone else, counted (the security test reads it), never acted on
  function setValue(value) { send("streamlit:setComponentValue", {value: value, dataType: "json"}); }

  // A viewer's upload comes inline (bytes in the arguments), never as a file on the server.
  function inline(value) {
    return JSON.parse(typeof value === "string" ? value : new TextDecoder("utf-8").decode(value));
  }

  function start(args) {
    dataUrl = args.data_url;
    var inlined = args.data_inline != null;
    // the outlines come with the data (both asked for at once): the map appears whole, not in two steps;
    // without them (a failed request) it still works, on a plain background
    var outlines = args.basemap_url ? fetch(args.basemap_url).then(function (r) {
      if (!r.ok) { throw new Error(r.status + " " + args.basemap_url); }
      return r.json();
    }).catch(function (e) { console.warn("basemap not loaded", e); return null; }) : Promise.resolve(null);
    loading = Promise.all([inlined ? Promise.resolve().then(function () { return inline(args.data_inline); }) :
      fetch(args.data_url).then(function (r) {
        if (!r.ok) { throw new Error(r.status + " " + args.data_url); }
        return r.json();
      }), outlines]).then(function (both) {
      var data = both[0], basemap = both[1];
      if (args.data_url !== dataUrl) { return; }  // a newer version came meanwhile: that one is drawn
      // a new data version (an upload, or its removal): the old map goes whole (its
      // inset, its listeners on the document, its timers), then the new one is made
      if (instance) { instance.destroy(); instance = null; }
      var box = document.getElementById("map");
      box.textContent = "";
      var details = inlined && args.details_inline != null ? inline(args.details_inline) : undefined;
      instance = window.PartnerMap.create(box, {
        data: data, details: details, detailsUrl: details ? undefined : args.details_url, basemap: basemap,
        tilesUrl: args.tiles_url, tilesAttribution: args.tiles_attribution,
        onSelect: function (key) { setValue({event: "select", place: key, at: Date.now()}); },
        onExit: function () { setValue({event: "exit", at: Date.now()}); },
        onView: writeView,
        linkSources: !inlined,  // a viewer's own list: its sources are shown, not linked (nobody vetted them)
        // the place panel's <iframe> snippet: embed.html beside this page; none for a viewer's list (not on the server)
        embedUrl: inlined ? undefined : new URL("embed.html", location.href).href
      });
      window.pm = instance;
      instance.setState(pending);
      document.body.dataset.ready = "1";
    }).catch(function (e) {
      var box = document.getElementById("map");
      box.textContent = "";
      var p = document.createElement("p");
      p.className = "pm-error";
      p.textContent = (pending && pending.strings && pending.strings["map.failed"] || "The map could not be loaded") + ": " + e.message;
      box.appendChild(p);
    });
  }

  /* The map's view into the app's address (map=Z/LAT/LON, as the static site writes it), the
     other parameters kept, so a copied link opens the same framing. The app's page is on our
     origin; anywhere else (a page of another origin framing us) the address is not ours to touch. */
  function writeView(view) {
    try {
      var top = window.parent;
      if (top === window) { return; }
      var url = new URL(top.location.href), now = url.searchParams.get("map");
      // the same view, as the map writes it (Streamlit's own rewrite of the address spells "/" as %2F)
      if (now === view && url.search.indexOf("map=" + view) >= 0) { return; }
      url.searchParams.set("map", view);
      top.history.replaceState(top.history.state, "", url.pathname + "?" + url.searchParams.toString().replace(/%2F/g, "/") + url.hash);
    } catch (e) { /* another origin: no address to keep */ }
  }

  // the map's words, one file per language, fetched once (the state only names it)
  var words = {}, latest = 0;
  function withWords(state) {
    if (!state || state.strings || !state.words_url) { return Promise.resolve(state); }
    if (!words[state.words_url]) {
      words[state.words_url] = fetch(state.words_url).then(function (r) { return r.json(); });
    }
    return words[state.words_url].then(function (strings) { return Object.assign({}, state, {strings: strings}); });
  }

  window.addEventListener("message", function (event) {
    if (!trusted(event)) { document.documentElement.dataset.refused = String(++refused); return; }
    var msg = event.data;
    if (!msg || msg.type !== "streamlit:render") { return; }
    var args = msg.args || {}, mine = ++latest;
    // only the newest message counts, even if an older one's words arrive later
    withWords(args.state).then(function (state) { if (mine === latest) { render(args, state); } });
  });
  function render(args, state) {
    pending = state;
    if (args.height !== height) { height = args.height; send("streamlit:setFrameHeight", {height: height}); }
    if (args.data_url !== dataUrl) { start(args); }
    else if (instance) { instance.setState(pending); }
  }
  /* A run of the app writes the address from what Streamlit last knew of it, which is not what the
     map wrote since: a run that leaves the map as it is (another view opened and closed, a widget
     that does not change the map) drops map=, and the map hears nothing of that run. So the map
     looks now and then, and puts its view back while it is on the screen and at rest. */
  function keepView() {
    if (!instance || instance.destroyed || instance.moving()) { return; }
    var map = instance.map, frame = window.frameElement;
    if (!map._loaded || !map.getSize().x || !map.getSize().y) { return; }
    if (frame && frame.checkVisibility && !frame.checkVisibility({visibilityProperty: true, opacityProperty: true})) { return; }
    var c = map.getCenter();
    writeView(window.PartnerMap.framing.viewString(map.getZoom(), c.lat, c.lng));
  }
  setInterval(keepView, 1000);
  send("streamlit:componentReady", {apiVersion: 1});
})();
