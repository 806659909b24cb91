/* keyboard.js — the map's keys, on the document (a projector's remote sends
 * PageUp/PageDown to whatever has focus): arrows and PageUp/PageDown step the
 * tour, Esc ends it (or closes the help, or a popup and returns home), space
 * or p plays the timeline, ? shows the help, Home or 0 fits everything.
 * attach() and detach() add and remove the one listener. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};

  /* actions: {next, prev, escape, play, help, fitAll} */
  function Keyboard(target, actions) {
    this.target = target;
    this.actions = actions;
    this._listener = this._onKey.bind(this);
    this.attached = false;
  }
  Keyboard.prototype = {
    attach: function () {
      if (!this.attached) { this.target.addEventListener("keydown", this._listener); this.attached = true; }
      return this;
    },
    detach: function () {
      if (this.attached) { this.target.removeEventListener("keydown", this._listener); this.attached = false; }
      return this;
    },
    _onKey: function (e) {
      var t = e.target, a = this.actions;
      // typing in a field is not a command (a range input is the timeline: its arrows are ours)
      if (t && /INPUT|TEXTAREA|SELECT/.test(t.tagName || "") && t.type !== "range") { return; }
      if (e.key === "ArrowRight" || e.key === "PageDown") { a.next(); e.preventDefault(); }
      else if (e.key === "ArrowLeft" || e.key === "PageUp") { a.prev(); e.preventDefault(); }
      else if (e.key === "Escape") { a.escape(); }
      else if (e.key === " " || e.key === "p") {
        if (t && t.tagName === "BUTTON" && e.key === " ") { return; }  // space on a button presses the button
        a.play();
        e.preventDefault();
      }
      else if (e.key === "?") { a.help(); }
      else if (e.key === "Home" || e.key === "0") { a.fitAll(); }
    }
  };

  PM.Keyboard = Keyboard;
})(typeof window !== "undefined" ? window : globalThis);
