/* detail-panel.js — the one place where details show: a panel inside the map's
 * frame, docked right on a wide frame (scrolling inside), a bottom sheet on a
 * narrow one (< 640 px, at most 60 % of the height, a 44 px close control).
 * It shows a partnership (a click on its arc), the conferences of a host city
 * (a click on a badge), or the selected place with its partnerships.
 *
 * What it shows follows the state: a pair or a conference opened by a click,
 * else the selected place, nothing during the tour. Closing (the close
 * control, Esc, a click on the empty map) drops the pair or conference and
 * shows the selected place again if there is one, or ends the selection.
 * A filter that hides the pair closes it. The map's other panels move aside
 * (the right-hand ones left of the panel, the bottom ones above the sheet), and
 * every framing pads for it (view.js fitOptions). destroy() removes it all. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var NARROW = 640;

  /* ctx: {view, store, model, content (DetailContent), deselect(), showPair(i), shown?(what)} */
  function DetailPanel(ctx) {
    var el = PM.dom.el, self = this, w = ctx.store.w.bind(ctx.store);
    this.ctx = ctx;
    this.subject = null;  // {kind: "pair", i} | {kind: "conferences", list}; null: the selected place, if any
    this.shown = null;    // what is on the panel now (its kind and key), for the tests and for closing
    var box = this.box = el("section", "pm-detail");
    box.style.display = "none";
    box.setAttribute("role", "region");
    box.tabIndex = -1;
    var head = el("div", "pm-detail-head");
    this.back = PM.dom.button("pm-btn pm-detail-back", "");
    this.close = PM.dom.button("pm-btn pm-detail-close", "✕");
    this.body = el("div", "pm-detail-body");
    head.appendChild(this.back);
    head.appendChild(this.close);
    box.appendChild(head);
    box.appendChild(this.body);
    ctx.view.container.appendChild(box);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    // a click whose button a new content replaced no longer finds the panel among its parents:
    // Leaflet would take it for a click on the map (which closes the panel)
    this._stop = function (e) { e.stopPropagation(); };
    box.addEventListener("click", this._stop);
    this._onClose = function () { self.dismiss(); };
    this._onBack = function () { self.subject = null; self.render(); };
    this.close.addEventListener("click", this._onClose);
    this.back.addEventListener("click", this._onBack);
    this._onMapClick = function () { if (self.isOpen()) { self.dismiss(); } };
    this._onResize = function () { self.layout(); };
    ctx.view.map.on("click", this._onMapClick);
    ctx.view.map.on("resize", this._onResize);
    this._unsubscribe = ctx.store.subscribe(this._changed.bind(this));
    this._words = w;
  }

  DetailPanel.prototype = {
    isOpen: function () { return this.box.style.display !== "none"; },
    /* "side" (docked right) or "sheet" (at the bottom) */
    mode: function () { return this.ctx.view.container.clientWidth < NARROW ? "sheet" : "side"; },
    /* the panel in the map's pixels, or null when closed */
    rect: function () { return this.isOpen() ? PM.dom.relativeRect(this.box, this.ctx.view.container) : null; },
    openPair: function (i) { this.subject = {kind: "pair", i: i, from: this._placeShown()}; this.render(); },
    openConferences: function (list) { this.subject = {kind: "conferences", list: list}; this.render(); },
    _placeShown: function () { return this.shown && this.shown.kind === "place" ? this.shown.place : -1; },
    /* the close control, Esc, a click on the empty map: a pair or conference goes (back to the selected
       place, if any); the place's own panel ends the selection */
    dismiss: function () {
      if (this.subject) { this.subject = null; this.render(); return; }
      if (this.shown && this.shown.kind === "place") { this.ctx.deselect(); }
      this.render();
    },
    _changed: function (changed) {
      var s = this.ctx.store;
      if (changed.tour && s.state.tour >= 0) { this.subject = null; }
      if (changed.selected) { this.subject = null; }
      if (changed.mask && this.subject && this.subject.kind === "pair" && !s.get("shown")[this.subject.i]) { this.subject = null; }
      if (changed.tour || changed.selected || changed.mask || changed.lang || changed.strings || changed.year || changed.mode) {
        this.render();
      }
    },
    /* what the panel should show now */
    _what: function () {
      var s = this.ctx.store;
      if (s.state.tour >= 0) { return null; }
      if (this.subject) { return this.subject; }
      var p = s.get("selectedPlace");
      return p >= 0 ? {kind: "place", place: p} : null;
    },
    render: function () {
      var what = this._what(), ctx = this.ctx, c = ctx.content, w = this._words, m = ctx.model, node = null, self = this;
      this.body.textContent = "";
      if (what && what.kind === "pair") { node = c.pairNode(what.i); }
      else if (what && what.kind === "conferences") { node = c.conferenceNode(what.list); }
      else if (what && what.kind === "place") {
        node = c.placeNode(what.place, {showPair: function (i) { self.openPair(i); ctx.showPair(i); }});
      }
      var wasOpen = this.isOpen();
      this.shown = what ? {kind: what.kind, place: what.place, pair: what.kind === "pair" ? m.id(what.i) : null} : null;
      if (ctx.shown) { ctx.shown(what); }
      if (!node) {
        this.box.style.display = "none";
        this.layout();
        return;
      }
      this.body.appendChild(node);
      // the texts arrive later and make a bottom sheet taller: the panels move again then
      this.loaded = (node.pmLoaded || Promise.resolve()).then(function () { if (!self.destroyed && self.body.contains(node)) { self.layout(); } });
      var from = what.kind === "pair" && what.from >= 0 && what.from === ctx.store.get("selectedPlace") ? what.from : -1;
      this.back.style.display = from >= 0 ? "" : "none";
      this.back.textContent = from >= 0 ? "◀ " + m.placeName(from, ctx.store.state.lang) : "";
      this.close.setAttribute("aria-label", w("detail.close"));
      this.close.title = w("detail.close");
      this.box.setAttribute("aria-label", w("detail"));
      this.box.style.display = "";
      this.body.scrollTop = 0;
      this._hideTooltips();
      this.layout();
      if (!wasOpen) { this._reveal(); }
    },
    /* Docked right or a bottom sheet; the map's own panels move out of its way. */
    layout: function () {
      var view = this.ctx.view, map = view.map, corners = map._controlCorners || {}, open = this.isOpen(), sheet = this.mode() === "sheet";
      var container = view.container;
      this.box.classList.toggle("pm-detail-sheet", sheet);
      this.box.classList.toggle("pm-detail-side", !sheet);
      container.classList.toggle("pm-detail-open", open);
      container.classList.toggle("pm-sheet-open", open && sheet);
      // beside a docked panel in a frame of middling width, the timeline folds onto two lines
      container.classList.toggle("pm-detail-tight", open && !sheet && container.clientWidth - this.box.offsetWidth < 820);
      var right = open && !sheet ? this.box.offsetWidth + 2 * PM.framing.MARGIN : 0;
      var bottom = open && sheet ? this.box.offsetHeight : 0;
      ["topright", "bottomright"].forEach(function (k) { if (corners[k]) { corners[k].style.right = right ? right + "px" : ""; } });
      ["bottomleft", "bottomright"].forEach(function (k) { if (corners[k]) { corners[k].style.bottom = bottom ? bottom + "px" : ""; } });
      this._yieldInset();
      if (view.labels) { view.labels.schedule(); }
    },
    /* Panels never cover each other: where the panels moved aside by the detail (the timeline) reach
       the Germany inset, the inset gives way until the detail closes. */
    _yieldInset: function () {
      var container = this.ctx.view.container, box = container.querySelector(".pm-inset"), hit = false;
      container.classList.remove("pm-inset-yield");
      if (!box || box.style.display === "none" || !this.isOpen()) { return; }
      var r = PM.dom.relativeRect(box, container);
      container.querySelectorAll(".leaflet-control").forEach(function (c) {
        if (!c.offsetWidth || getComputedStyle(c).visibility === "hidden") { return; }
        var q = PM.dom.relativeRect(c, container);
        if (q.x < r.x + r.w && r.x < q.x + q.w && q.y < r.y + r.h && r.y < q.y + q.h) { hit = true; }
      });
      container.classList.toggle("pm-inset-yield", hit);
    },
    /* hover tooltips never stay over the panel */
    _hideTooltips: function () {
      var map = this.ctx.view.map, open = [];
      map.eachLayer(function (l) { if (l instanceof L.Tooltip) { open.push(l); } });
      open.forEach(function (t) { map.closeTooltip(t); });
    },
    /* A frame partly below the page's fold (the app on a phone): scroll the page so the panel can be read. */
    _reveal: function () {
      var r = this.box.getBoundingClientRect(), win = this.box.ownerDocument.defaultView, top = null;
      try { top = win.frameElement ? win.frameElement.getBoundingClientRect() : null; } catch (e) { top = null; }
      var viewH = win.innerHeight, below = r.bottom > viewH;
      if (top) {
        var outer = win.parent.innerHeight;
        below = below || top.top + r.bottom > outer || top.top + r.top < 0;
      }
      if (below && this.box.scrollIntoView) { this.box.scrollIntoView({block: "nearest", inline: "nearest"}); }
    },
    destroy: function () {
      var map = this.ctx.view.map;
      this.destroyed = true;
      this._unsubscribe();
      if (map) {
        map.off("click", this._onMapClick);
        map.off("resize", this._onResize);
      }
      this.close.removeEventListener("click", this._onClose);
      this.back.removeEventListener("click", this._onBack);
      this.box.removeEventListener("click", this._stop);
      this.box.style.display = "none";
      if (map) { this.layout(); }
      this.box.remove();
    }
  };

  PM.DetailPanel = DetailPanel;
  PM.DetailPanel.NARROW = NARROW;
})(typeof window !== "undefined" ? window : globalThis);
