/* embed.js — the map on another website: embed.html#town=<key>&lang=<de|ru|en>
 * shows one place with its partners, framed, every place named, with no filter
 * panel and a link to the full map; and the <iframe> snippet that puts it there.
 *
 * Loaded by embed.html (the static site's, written by dashboard/site.py, and the
 * app's component folder's, written by dashboard/mapview.py install()) after
 * the map's scripts, and by the site's pages for the snippet alone. embed.html
 * is fixed text: what differs between the two goes in its "pm-embed-config"
 * JSON element (the site's data are scripts that set globals, the app's are
 * files named there and fetched, the words of each language likewise).
 *
 * A page that scrolls past the map must not be trapped by it (as Google's
 * "gesture handling"): the wheel zooms only with Ctrl (⌘ on a Mac; a
 * trackpad's pinch is a wheel event with ctrlKey); without it the page scrolls
 * and a hint says how to zoom. On a touch screen one finger scrolls the page
 * and two fingers move and zoom the map (Leaflet's pinch zoom follows the
 * fingers; its one-finger dragging is off). */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var LANGS = ["de", "ru", "en"];
  var HINT_MS = 1500;

  function attr(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")
      .replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function enc(value) { return encodeURIComponent(value).replace(/%3A/gi, ":"); }

  /* The hash of an embedded map: "#town=de:Suhl&lang=ru". */
  function embedHash(key, lang) {
    return "#town=" + enc(key) + "&lang=" + enc(LANGS.indexOf(lang) >= 0 ? lang : "de");
  }

  /* The HTML a town puts on its page: an <iframe> of embedUrl (any hash dropped) for the place
     ``key`` in ``lang``, 600×400, lazily loaded, every attribute escaped (the title is the
     place's name, which comes from the data). */
  function embedSnippet(embedUrl, key, lang, title) {
    var src = String(embedUrl || "").split("#")[0] + embedHash(String(key || ""), lang);
    return '<iframe src="' + attr(src) + '" width="600" height="400" style="border:0" loading="lazy" title="' +
      attr(title || "") + '"></iframe>';
  }

  /* The hash's values: {town, lang} (broken escapes ignored). */
  function readHash(hash) {
    var out = {};
    String(hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 1) { return; }
      try { out[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1)); } catch (e) { /* ignored */ }
    });
    return {town: out.town || "", lang: LANGS.indexOf(out.lang) >= 0 ? out.lang : ""};
  }

  /* The pairs with one end at place p as the map's bit mask (mapdata.bit_mask: bit i&7 of byte i>>3, base64). */
  function placeMask(model, p) {
    var n = model.nPairs, bytes = new Uint8Array((n + 7) >> 3), bin = "", any = false;
    for (var i = 0; i < n; i++) {
      if (model.de(i) === p || model.ru(i) === p) { bytes[i >> 3] |= 1 << (i & 7); any = true; }
    }
    for (var j = 0; j < bytes.length; j += 8192) { bin += String.fromCharCode.apply(null, bytes.subarray(j, j + 8192)); }
    return any ? btoa(bin) : null;
  }

  /* Gesture handling on one Leaflet map (see the top of this file); destroy() undoes it. */
  function Gestures(map, container, words, doc) {
    var self = this, el = PM.dom.el;
    doc = doc || document;
    this.map = map;
    this.container = container;
    this.hint = el("div", "pm-embed-hint");
    this.hint.setAttribute("aria-hidden", "true");
    container.appendChild(this.hint);
    this.timer = null;
    this.pending = 0;
    this.frame = null;
    this.words = words;
    map.scrollWheelZoom.disable();
    var coarse = root.matchMedia && root.matchMedia("(pointer: coarse)").matches;
    if (coarse) { map.dragging.disable(); }
    this._wheel = function (e) { self.wheel(e); };
    // a touch (from its start, before Leaflet sees it): one finger is the page's, two are the map's
    this._pointer = function (e) {
      if (e.pointerType === "touch" && map.dragging.enabled()) { map.dragging.disable(); }
      if (e.pointerType === "mouse" && !map.dragging.enabled()) { map.dragging.enable(); }
    };
    this._touch = function (e) {
      if (e.touches && e.touches.length === 1 && !map.dragging.enabled()) { self.show(self.words.touch); }
    };
    container.addEventListener("wheel", this._wheel, {passive: false});
    doc.addEventListener("pointerdown", this._pointer, true);
    container.addEventListener("touchmove", this._touch, {passive: true});
  }
  Gestures.prototype = {
    wheel: function (e) {
      if (!(e.ctrlKey || e.metaKey)) {
        this.show(this.words.wheel);
        return;  // not prevented: the page around the frame scrolls
      }
      e.preventDefault();  // the map's zoom, not the browser's
      this.hide();
      this.pending += e.deltaY * (e.deltaMode === 1 ? 20 : e.deltaMode === 2 ? 400 : 1);
      this.at = this.map.mouseEventToContainerPoint(e);
      var self = this;
      if (this.frame === null) { this.frame = root.requestAnimationFrame(function () { self.zoom(); }); }
    },
    /* the wheel's turn since the last frame as a zoom step (Leaflet's own: 60 px a level), at least one snap */
    zoom: function () {
      this.frame = null;
      var map = this.map, snap = map.options.zoomSnap || 1, levels = -this.pending / 60;
      this.pending = 0;
      if (!levels) { return; }
      var step = Math.max(snap, Math.min(1, Math.round(Math.abs(levels) / snap) * snap)) * (levels > 0 ? 1 : -1);
      var z = Math.max(map.getMinZoom(), Math.min(map.getMaxZoom(), map.getZoom() + step));
      if (z !== map.getZoom()) { map.setZoomAround(this.at || map.getSize().divideBy(2), z, {animate: false}); }
    },
    show: function (text) {
      var self = this;
      this.hint.textContent = text;
      this.hint.classList.add("pm-on");
      clearTimeout(this.timer);
      this.timer = setTimeout(function () { self.hide(); }, HINT_MS);
    },
    hide: function () { clearTimeout(this.timer); this.timer = null; this.hint.classList.remove("pm-on"); },
    destroy: function () {
      this.hide();
      if (this.frame !== null) { root.cancelAnimationFrame(this.frame); }
      this.container.removeEventListener("wheel", this._wheel, {passive: false});
      document.removeEventListener("pointerdown", this._pointer, true);
      this.container.removeEventListener("touchmove", this._touch, {passive: true});
      if (this.hint.parentNode) { this.hint.parentNode.removeChild(this.hint); }
    }
  };

  /* --- embed.html --------------------------------------------------------------- */
  function json(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(r.status + " " + url); }
      return r.json();
    });
  }

  /* What embed.html needs, from its config: data, outlines, the map's words in ``lang``. */
  function load(cfg, lang) {
    var strings = cfg.strings && cfg.strings[lang] ? Promise.resolve(cfg.strings[lang]) : json(cfg.words_urls[lang]);
    var data = root.PM_DATA ? Promise.resolve(root.PM_DATA) : json(cfg.data_url);
    return Promise.all([data, strings]);
  }

  function fullMapLink(cfg, lang, key, text) {
    var a = PM.dom.el("a", "pm-embed-full", text);
    a.href = String(cfg.full_map[lang]).replace("{town}", enc(key));
    a.target = "_blank";
    a.rel = "noopener";
    return a;
  }

  function start() {
    var node = document.getElementById("pm-embed-config");
    if (!node) { return; }
    var cfg = JSON.parse(node.textContent), want = readHash(location.hash);
    var lang = want.lang || cfg.lang || "de", W = cfg.words[lang], box = document.getElementById("map");
    document.documentElement.lang = lang;
    document.title = W.title;
    load(cfg, lang).then(function (loaded) {
      var data = loaded[0], strings = loaded[1];
      var details = cfg.details_url ? undefined : {};
      var api = PM.create(box, {
        data: data, details: details, detailsUrl: cfg.details_url || undefined,
        basemap: root.PM_BASEMAP || undefined, basemapUrl: root.PM_BASEMAP ? undefined : cfg.basemap_url,
        tilesUrl: cfg.tiles_url, tilesAttribution: cfg.tiles_attribution, insetEnabled: false
      });
      var p = want.town ? api.model.placeOf(want.town) : -1;
      var name = p >= 0 ? api.model.placeName(p, lang) : "";
      // only this place's partnerships: every place left on the map is one of them, and each is named
      var mask = p >= 0 ? placeMask(api.model, p) : null;
      api.setState({lang: lang, strings: strings, mask: mask, selected: "", mode: "normal", tiles: cfg.tiles !== false,
                    title: "", focus: null});
      var gestures = new Gestures(api.map, box, {wheel: W[PM.embed.mac() ? "wheel_mac" : "wheel"], touch: W.touch});
      var bar = PM.dom.el("div", "pm-embed-bar");
      if (name) { bar.appendChild(PM.dom.el("span", "pm-embed-name", name)); }
      else if (want.town) { bar.appendChild(PM.dom.el("span", "pm-embed-name", W.unknown)); }
      bar.appendChild(fullMapLink(cfg, lang, p >= 0 ? want.town : "", W.full_map));
      box.appendChild(bar);
      L.DomEvent.disableClickPropagation(bar);
      document.title = name ? PM.dom.fmt(W.frame_title, {place: name}) : W.title;
      root.pm = api;
      root.pmEmbed = {gestures: gestures, place: p, name: name};
      if (cfg.details_script) {  // the site: the texts of the detail panel after the map is drawn
        var script = document.createElement("script");
        script.src = cfg.details_script;
        script.onload = function () { Object.assign(details, root.PM_DETAILS || {}); };
        document.body.appendChild(script);
      }
      document.body.dataset.ready = "1";
    }).catch(function (e) {
      box.textContent = "";
      box.appendChild(PM.dom.el("p", "pm-error", W.failed + ": " + e.message));
    });
  }

  PM.embedSnippet = embedSnippet;
  PM.embed = {
    snippet: embedSnippet, hash: embedHash, readHash: readHash, placeMask: placeMask, Gestures: Gestures,
    mac: function () { return /Mac|iPhone|iPad/.test((root.navigator && (root.navigator.platform || root.navigator.userAgent)) || ""); }
  };
  // embed.html names its config before its scripts: no config, no embedded map (the site's pages, the app's)
  if (typeof document !== "undefined" && document.getElementById("pm-embed-config")) { start(); }
})(typeof window !== "undefined" ? window : globalThis);
