/* inset.js — the Germany inset: where the overview shrinks Germany to a knot
 * of symbols, a second small View of the same store shows it at a readable
 * scale (German places, German conference hosts). It hides as soon as the main
 * map is zoomed in far enough to read Germany itself; a click on its title
 * zooms the main map there. destroy() removes its map, its box and its listeners. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};

  function Inset(main, ctx) {
    var el = PM.dom.el, self = this;
    this.main = main;
    this.store = ctx.store;
    this.box = el("div", "pm-inset");
    this.title = el("div", "pm-inset-title");
    var body = el("div", "pm-inset-body");
    this.box.appendChild(this.title);
    this.box.appendChild(body);
    main.container.appendChild(this.box);
    L.DomEvent.disableClickPropagation(this.box);
    L.DomEvent.disableScrollPropagation(this.box);
    this.view = new PM.View(body, ctx, {inset: true});
    this.view.main = main;  // a click on a cluster in the inset zooms the main map to its places
    this._fitted = false;
    this._onTitle = function () { main.map.fitBounds(PM.DE_BOUNDS, main.fitOptions()); };
    this.title.addEventListener("click", this._onTitle);
    main.map.on("zoomend resize", this.update, this);
    this._unsubscribe = ctx.store.subscribe(function (changed) { if (changed.lang || changed.strings) { self.update(); } });
    main.insetRect = function () { return self.rect(); };
  }
  Inset.prototype = {
    visible: function () { return this.box.style.display !== "none"; },
    /* the box in the main map's pixels (an obstacle for its names), or null when hidden */
    rect: function () { return this.visible() ? PM.dom.relativeRect(this.box, this.main.container) : null; },
    refit: function () {
      this.view.map.invalidateSize(false);
      this.view.map.fitBounds(PM.DE_BOUNDS, {padding: [2, 2], animate: false});
      this._fitted = true;
    },
    update: function () {
      var s = this.store, map = this.main.map;
      if (!map._loaded) { return; }  // before the first fit: nothing to compare with yet
      var size = map.getSize();
      this.title.textContent = s.w("inset.title");
      this.box.title = s.w("inset.help");
      // the rule the framing predicts with (framing.js): shown while Germany on the map is smaller than in the inset
      var show = PM.framing.insetShows({w: size.x, h: size.y}, this.main.germanyAt(map.getZoom()), this.main._insetBox());
      if (show && (!this.visible() || !this._fitted)) { this.box.style.display = ""; this.refit(); }
      if (!show) { this.box.style.display = "none"; }
    },
    destroy: function () {
      this._unsubscribe();
      this.main.map.off("zoomend resize", this.update, this);
      this.title.removeEventListener("click", this._onTitle);
      this.view.destroy();
      this.box.remove();
      this.main.insetRect = null;
    }
  };

  PM.Inset = Inset;
})(typeof window !== "undefined" ? window : globalThis);
