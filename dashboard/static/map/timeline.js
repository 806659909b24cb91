/* timeline.js — the founding years, played or scrubbed in the browser:
 * Player owns the year and the timer (store keys `year`, `playing`);
 * TimelineControl shows them (play/pause, a range, the year and the count)
 * and follows the store while it is on the map. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  var STEP_MS = 700;

  function Player(store) { this.store = store; this._timer = null; }
  Player.prototype = {
    /* a year on the axis; the axis end (or null) is today: everything, with today's status */
    setYear: function (y) {
      var axis = this.store.get("axis");
      this.store.set({year: y === null || y === undefined || y >= axis.last ? null : Math.max(axis.first, y)});
    },
    toggle: function () {
      if (this._timer) { this.stop(); return; }
      var axis = this.store.get("axis"), self = this, year = this.store.state.year;
      if (year === null || year >= axis.last) { year = axis.first - 1; }
      this._timer = setInterval(function () {
        var now = self.store.state.year;
        if (now === null) { self.stop(); return; }
        self.setYear(now + 1);
      }, STEP_MS);
      this.store.set({playing: true});
      this.setYear(year + 1);
    },
    stop: function () {
      if (this._timer) { clearInterval(this._timer); this._timer = null; }
      this.store.set({playing: false});
    },
    destroy: function () { if (this._timer) { clearInterval(this._timer); this._timer = null; } }
  };

  var TimelineControl = L.Control.extend({
    options: {position: "bottomright"},
    initialize: function (player, store) { this._player = player; this._store = store; },
    onAdd: function () {
      var s = this._store, w = s.w.bind(s), el = PM.dom.el, player = this._player, axis = s.get("axis");
      var div = el("div", "pm-panel pm-timeline");
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      div.setAttribute("role", "group");
      div.setAttribute("aria-label", w("timeline"));
      var play = this._play = PM.dom.button("pm-btn pm-play");
      var range = this._range = el("input", "pm-year");
      range.type = "range"; range.min = axis.first; range.max = axis.last; range.step = 1;
      range.setAttribute("aria-label", w("timeline.year"));
      var out = this._out = el("output", "pm-year-out");
      out.setAttribute("aria-live", "polite");
      div.appendChild(play); div.appendChild(range); div.appendChild(out);
      play.addEventListener("click", function () { player.toggle(); });
      range.addEventListener("input", function () { player.stop(); player.setYear(parseInt(range.value, 10)); });
      this._unsubscribe = s.subscribe(this._show.bind(this));
      this._show();
      return div;
    },
    onRemove: function () { this._unsubscribe(); },
    _show: function () {
      var s = this._store, w = s.w.bind(s), y = s.state.year === null ? s.get("axis").last : s.state.year, playing = s.state.playing;
      this._range.value = y;
      // on the map: an arc, or a proposal's one place (geo.counts, sent by Python per pair)
      this._out.textContent = y + " · " + s.plural("n.partnerships", s.get("counts").onMap);
      this._play.textContent = playing ? "❚❚" : "▶";
      this._play.setAttribute("aria-label", playing ? w("timeline.pause") : w("timeline.play"));
      this._play.title = this._play.getAttribute("aria-label");
    }
  });

  PM.Player = Player;
  PM.TimelineControl = TimelineControl;
})(typeof window !== "undefined" ? window : globalThis);
