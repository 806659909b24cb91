/* layer-labels.js — names on the map in the view's language, never
 * overlapping: measures the texts, asks labels.js where they go (panels, the
 * inset and the conference badges are obstacles), and puts them in the
 * "labels" pane as text. Also lifts the badges on their leader lines. */
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
      this.schedule();
    },
    onRemove: function (map) {
      map.off("zoomend moveend resize", this.schedule, this);
      if (this._frame) { cancelAnimationFrame(this._frame); this._frame = null; }
      this._clear();
      if (this._measurer) { this._measurer.remove(); this._measurer = null; }
    },
    /* one placement per frame, however many changes came in it */
    schedule: function () {
      if (this._frame || !this._map) { return; }
      var self = this;
      this._frame = requestAnimationFrame(function () { self._frame = null; self.update(); });
    },
    _clear: function () {
      this._nodes.forEach(function (n) { n.remove(); });
      this._nodes = [];
    },
    _measure: function (text, cls) {
      var key = cls + "\u0000" + text;
      if (!this._measured[key]) {
        if (!this._measurer) {
          this._measurer = PM.dom.el("div", "pm-label");
          this._measurer.style.cssText = "visibility:hidden;position:absolute;left:-9999px";
          this._map.getContainer().appendChild(this._measurer);
        }
        this._measurer.className = cls;
        this._measurer.textContent = text;
        this._measured[key] = {w: this._measurer.offsetWidth, h: this._measurer.offsetHeight};
      }
      return this._measured[key];
    },
    _obstacles: function () {
      var v = this._view, container = this._map.getContainer(), out = [];
      var inset = v.insetRect ? v.insetRect() : null;
      if (inset) { out.push(inset); }
      container.querySelectorAll(".leaflet-control").forEach(function (c) {
        if (c.offsetWidth) { out.push(PM.dom.relativeRect(c, container)); }
      });
      return {all: out, inset: inset};
    },
    /* badges first (they are obstacles for the names); a host under the inset is shown in the inset instead */
    _placeBadges: function (inset) {
      var map = this._map, items = [];
      this._badges.markers.forEach(function (mk) {
        var holder = mk.getElement() && mk.getElement().querySelector(".pm-badge-holder");
        if (!holder) { return; }
        var a = map.latLngToContainerPoint(mk.getLatLng());
        var hidden = inset && a.x >= inset.x && a.x <= inset.x + inset.w && a.y >= inset.y - 40 && a.y <= inset.y + inset.h;
        holder.style.display = hidden ? "none" : "";
        if (hidden) { return; }
        var node = holder.querySelector(".pm-badge");
        items.push({holder: holder, node: node, x: a.x, y: a.y, w: node.offsetWidth, h: node.offsetHeight});
      });
      var lifted = PM.labels.liftBadges(items);
      return items.map(function (it, n) {
        var c = lifted[n], right = c.side > 0, leader = it.holder.querySelector(".pm-leader");
        it.node.style.bottom = c.up + "px";
        it.node.style.left = right ? "8px" : "auto";
        it.node.style.right = right ? "auto" : "8px";
        leader.style.height = (c.up + 2) + "px";
        leader.style.transform = right ? "skewX(-30deg)" : "skewX(30deg)";
        leader.style.transformOrigin = right ? "bottom left" : "bottom right";
        leader.style.left = right ? "0" : "auto";
        leader.style.right = right ? "auto" : "0";
        return c.box;
      });
    },
    _candidates: function () {
      var v = this._view, s = v.store, m = v.model, map = this._map, lang = s.state.lang, out = [];
      var view = map.getBounds().pad(0.05), aggregated = v.mode() === "aggregated";
      var count = s.get("placeCount"), radius = s.get("radius"), partners = s.get("partners"), sel = s.get("selectedPlace");
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
      for (var p = 0; p < m.nPlaces; p++) {
        if (!count[p] || (aggregated && !partners[p] && p !== sel)) { continue; }
        if (!view.contains(m.latLng(p))) { continue; }
        out.push({lat: m.lat(p), lon: m.lon(p), text: m.placeName(p, lang), r: radius[p] + 2, key: m.key(p),
                  rank: PM.labels.rank({selected: p === sel, partner: !!partners[p], count: count[p], level: m.levelCode(p)}),
                  cls: "pm-label" + (p === sel ? " pm-label-selected" : "") + (m.levelCode(p) > 0 ? " pm-label-area" : "")});
      }
      return out;
    },
    update: function () {
      if (!this._map || !this._map._loaded) { return; }
      this._clear();
      var v = this._view, map = this._map, size = map.getSize(), self = this, s = v.store;
      var obstacles = this._obstacles(), blocked = obstacles.all.concat(this._placeBadges(obstacles.inset));
      // country names, quiet and large, as long as they fit; then the places
      var countries = v.inset ? [] : COUNTRY_LABELS.map(function (c) {
        var pt = map.latLngToContainerPoint([c.lat, c.lon]), text = s.w(c.key), mm = self._measure(text, "pm-label pm-country");
        return {x: pt.x, y: pt.y, w: mm.w, h: mm.h, r: 0, centred: true, rank: Infinity, text: text, cls: "pm-label pm-country"};
      });
      var placed = PM.labels.place(countries, blocked, size);
      placed.forEach(function (b) { blocked.push(b); self._add(b); });
      var candidates = this._candidates().map(function (c) {
        var pt = map.latLngToContainerPoint([c.lat, c.lon]), mm = self._measure(c.text, c.cls);
        return Object.assign(c, {x: pt.x, y: pt.y, w: mm.w, h: mm.h});
      });
      PM.labels.place(candidates, blocked, size, PM.labels.limitFor(size, s.state.mode === "present")).forEach(function (b) {
        self._add(b).dataset.place = b.candidate.key;
      });
    },
    _add: function (b) {
      var node = PM.dom.el("div", b.candidate.cls, b.candidate.text);
      L.DomUtil.setPosition(node, this._map.containerPointToLayerPoint([b.x, b.y]));
      this._pane.appendChild(node);
      this._nodes.push(node);
      return node;
    },
    count: function () { return this._nodes.length; }
  });

  PM.LabelsLayer = LabelsLayer;
})(typeof window !== "undefined" ? window : globalThis);
