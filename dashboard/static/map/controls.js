/* controls.js — the main map's panels: fit buttons, legend, title line, exit
 * and help (presentation mode), the scale bar and the attribution, each a
 * Leaflet control; Controls puts them on the map and rebuilds them when the
 * language, the mode or the shown set changes. The timeline and the tour are
 * in their own files. Every word is set as text: Leaflet's own scale and
 * attribution controls write theirs as HTML, so ours replace that step. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var el = function () { return PM.dom.el.apply(null, arguments); };
  var RU_BOUNDS = [[41.2, 19.6], [70, 150]];

  /* A panel: a div that keeps clicks and scrolling to itself; build(div) fills it. */
  function panel(position, cls, build) {
    var C = L.Control.extend({options: {position: position}, onAdd: function () {
      var div = el("div", "pm-panel " + cls);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      build(div, this);
      return div;
    }});
    return new C();
  }

  /* Leaflet's attribution, with each attribution as text (a tile layer's
     attribution comes from the app's words, and must never become markup). */
  var TextAttribution = L.Control.Attribution.extend({
    _update: function () {
      if (!this._map) { return; }
      var box = this._container, parts = Object.keys(this._attributions).filter(function (k) { return this._attributions[k]; }, this);
      box.textContent = "";
      if (this.options.prefix) { parts.unshift(String(this.options.prefix)); }
      parts.forEach(function (text, n) {
        if (n) { box.appendChild(document.createTextNode(" | ")); }
        box.appendChild(document.createTextNode(text));
      });
    }
  });

  /* The scale bar in the view's language (Leaflet writes "km" and "m" in Latin, as HTML). */
  var Scale = L.Control.Scale.extend({
    initialize: function (store, options) { this._store = store; L.Control.Scale.prototype.initialize.call(this, options); },
    _updateMetric: function (maxMeters) {
      var meters = this._getRoundNum(maxMeters), w = this._store.w.bind(this._store);
      this._updateScale(this._mScale, meters < 1000 ? meters + " " + w("unit.m") : (meters / 1000) + " " + w("unit.km"), meters / maxMeters);
    },
    _updateScale: function (scale, text, ratio) {
      scale.style.width = Math.round(this.options.maxWidth * ratio) + "px";
      scale.textContent = text;
    }
  });

  function fitButtons(ctx) {
    var s = ctx.store, view = ctx.view;
    return panel("topleft", "pm-fit", function (div) {
      [["fit.all", ctx.fitAll], ["fit.de", function () { view.frame(L.latLngBounds(PM.DE_BOUNDS), {animate: false}); }],
       ["fit.ru", function () { view.frame(L.latLngBounds(RU_BOUNDS), {animate: false}); }], ["fit.selection", ctx.fitSelection]].forEach(function (b) {
        var btn = PM.dom.button("pm-btn", s.w(b[0] + ".short"), s.w(b[0]));
        btn.dataset.fit = b[0].split(".")[1];
        btn.addEventListener("click", function () { b[1](); });
        div.appendChild(btn);
      });
    });
  }

  function legend(ctx, folded) {
    var s = ctx.store, m = ctx.model, w = s.w.bind(s);
    function row(symbol, text) {
      var r = el("div", "pm-legend-row");
      r.appendChild(symbol);
      r.appendChild(document.createTextNode(text));
      return r;
    }
    return panel("topright", "pm-legend", function (div) {
      var det = el("details");
      det.appendChild(el("summary", null, w("legend.title")));
      det.open = !folded;
      var seen = s.get("statusesSeen");
      m.statuses.forEach(function (st, n) {
        if (!seen[n]) { return; }
        var sw = el("span", "pm-swatch"), style = m.style(n);
        sw.style.borderTopColor = style.color;
        sw.style.borderTopStyle = style.dash ? (style.dash.split(" ")[0] <= 2 ? "dotted" : "dashed") : "solid";
        det.appendChild(row(sw, w("status." + st)));
      });
      [["circle", "level.municipality.one"], ["square", "level.district.one"], ["diamond", "level.region.one"]].forEach(function (x) {
        det.appendChild(row(el("span", "pm-sym pm-sym-" + x[0]), w(x[1])));
      });
      [["legend.town_de", 0], ["legend.town_ru", 1]].forEach(function (x) {
        var dot = el("span", "pm-sym pm-sym-circle");
        dot.style.borderColor = PM.TOWN_COLOR[x[1]];
        det.appendChild(row(dot, w(x[0])));
      });
      var confs = m.conferences();
      if (confs.length) { det.appendChild(row(el("span", "pm-badge pm-badge-static", confs[confs.length - 1].roman), w("legend.conference"))); }
      div.appendChild(det);
    });
  }

  /* The help box (presentation mode, "?"): the keys, one line each. */
  function Help(container, store) { this.container = container; this.store = store; this.box = null; }
  Help.prototype.toggle = function () {
    if (this.box) { this.box.remove(); this.box = null; return; }
    var w = this.store.w.bind(this.store), box = this.box = el("div", "pm-help");
    box.setAttribute("role", "dialog");
    box.appendChild(el("b", null, w("help.title")));
    (w("help.keys") || "").split("\n").forEach(function (line) { box.appendChild(el("div", null, line)); });
    box.addEventListener("click", this.toggle.bind(this));
    this.container.appendChild(box);
  };
  Help.prototype.open = function () { return !!this.box; };

  function exitPanel(ctx, small) {
    var s = ctx.store;
    return panel("topright", "pm-exit", function (div) {
      var help = PM.dom.button("pm-btn pm-help-btn", "?", s.w("help.title"));
      help.addEventListener("click", function () { ctx.help.toggle(); });
      var exit = PM.dom.button("pm-btn pm-exit-btn", small ? "✕" : "✕ " + s.w("present.exit"), s.w("present.exit"));
      exit.addEventListener("click", function () { if (ctx.onExit) { ctx.onExit(); } });
      div.appendChild(help);
      div.appendChild(exit);
    });
  }

  /* ctx: {view, store, model, fitAll, fitSelection, help, onExit, player, tour} */
  function Controls(ctx) {
    this.ctx = ctx;
    this.built = {};
    var map = ctx.view.map, container = ctx.view.container;
    this.attribution = new TextAttribution({prefix: false}).addTo(map);
    this.scale = new Scale(ctx.store, {imperial: false, metric: true, position: "bottomleft",
                                       maxWidth: container.clientWidth < 600 ? 60 : 100}).addTo(map);
  }
  Controls.prototype = {
    build: function () {
      this.clear();  // the panels of the last build first: else each rebuild (a filter, the language) adds a set
      var ctx = this.ctx, s = ctx.store, map = ctx.view.map, container = ctx.view.container, built = this.built = {};
      var small = container.clientWidth < 600, present = s.state.mode === "present";
      if (present && s.state.title) {
        built.title = panel("topleft", "pm-title", function (div) { div.appendChild(el("div", null, s.state.title)); }).addTo(map);
      }
      built.fit = fitButtons(ctx).addTo(map);
      built.legend = legend(ctx, small || present || container.clientHeight < 700).addTo(map);
      var axis = s.get("axis");
      if (axis.last > axis.first) { built.timeline = new PM.TimelineControl(ctx.player, s).addTo(map); }
      if (ctx.model.conferences().length) { built.tour = new PM.TourControl(ctx.tour, s).addTo(map); }
      if (present) { built.exit = exitPanel(ctx, small).addTo(map); }
      if (this.scale._map && ctx.view.map._loaded) { this.scale._update(); }  // the units in the new language
      // Leaflet's zoom buttons say "Zoom in" in every language: ours say it in the view's
      var zoom = map.zoomControl;
      if (zoom && zoom._zoomInButton) {
        [[zoom._zoomInButton, "zoom.in"], [zoom._zoomOutButton, "zoom.out"]].forEach(function (b) {
          b[0].title = s.w(b[1]);
          b[0].setAttribute("aria-label", s.w(b[1]));
        });
      }
    },
    clear: function () {
      var map = this.ctx.view.map, built = this.built;
      Object.keys(built).forEach(function (k) { map.removeControl(built[k]); });
      this.built = {};
    },
    destroy: function () {
      this.clear();
      this.ctx.view.map.removeControl(this.scale);
      this.ctx.view.map.removeControl(this.attribution);
    }
  };

  PM.Controls = Controls;
  PM.Help = Help;
  PM.TextAttribution = TextAttribution;
  PM.Scale = Scale;
  PM.panel = panel;
  PM.RU_BOUNDS = RU_BOUNDS;
})(typeof window !== "undefined" ? window : globalThis);
