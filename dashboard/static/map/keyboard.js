/* keyboard.js — the map's keys, from the moment the page loads: on the map's
 * own document and, where the map sits in a frame of the same origin (the
 * Streamlit page), on the page around it too, so a presenter's clicker works
 * before anyone clicks the map. Arrows and PageUp/PageDown step the tour
 * (ArrowRight starts it), space or p plays the timeline, Esc closes the
 * detail / ends the tour (or the help), ? shows the help, Home or 0 fits
 * everything. Keys typed into a field, a list, a slider or an editable text
 * are never commands; on the page around the map PageUp/PageDown and space
 * keep scrolling it outside presentation mode, and none of its keys are ours
 * while the map's frame is hidden there. attach() and detach() add and
 * remove every listener (the page's too). */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};
  // elements that use keys of their own (ARIA roles of Streamlit's widgets among them)
  var OWN_KEYS = /^(textbox|searchbox|combobox|listbox|option|slider|spinbutton|menu|menubar|menuitem|menuitemradio|menuitemcheckbox|tab|tablist|grid|gridcell|tree|treeitem|radio|radiogroup|switch)$/;

  /* Does the element take keys itself (typing, choosing, sliding)? `range` counts only on the
     page around the map: the map's own range is the timeline, whose arrows are ours. */
  function ownsKeys(t, parent) {
    if (!t || t.nodeType !== 1) { return false; }
    var tag = t.tagName || "";
    if (tag === "TEXTAREA" || tag === "SELECT") { return true; }
    if (tag === "INPUT") { return parent || t.type !== "range"; }
    if (t.isContentEditable) { return true; }
    var role = t.getAttribute && t.getAttribute("role");
    return !!(role && OWN_KEYS.test(role));
  }

  /* The command a key event is, or null. where: {parent: the event is on the page around the map,
     present: presentation mode} */
  function command(e, where) {
    where = where || {};
    if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented || e.isComposing) { return null; }
    var t = e.target, k = e.key;
    if (ownsKeys(t, !!where.parent)) { return null; }
    var scrolls = where.parent && !where.present;  // the page around the map scrolls with these
    if (k === "ArrowRight" || k === "PageDown") { return k === "PageDown" && scrolls ? null : "next"; }
    if (k === "ArrowLeft" || k === "PageUp") { return k === "PageUp" && scrolls ? null : "prev"; }
    if (k === "Escape") { return "escape"; }
    if (k === " " || k === "p") {
      if (k === " " && (scrolls || (t && t.tagName === "BUTTON"))) { return null; }  // space on a button presses it
      return "play";
    }
    if (k === "?") { return "help"; }
    if (k === "Home" || k === "0") { return where.parent && k === "Home" && !where.present ? null : "fitAll"; }
    return null;
  }
  var DEFAULT_ACTION = {next: true, prev: true, play: true};  // keys whose browser default (scrolling) we replace

  /* The documents to listen on: the map's own, and the page around it if the browser lets us. */
  function documents(doc) {
    var out = [doc], win = doc.defaultView;
    try {
      if (win && win.parent && win.parent !== win && win.parent.document && win.parent.document !== doc) { out.push(win.parent.document); }
    } catch (e) { /* a page of another origin frames the map: its keys are not ours */ }
    return out;
  }

  /* Is the map's frame hidden on the page around it? The page keeps the frame mounted under an
     ancestor with `visibility: hidden` while another of its views (table, statistics) is open. */
  function frameHidden(win) {
    var f = null;
    try { f = win && win.frameElement; } catch (e) { return false; }
    return !!(f && typeof f.checkVisibility === "function" && !f.checkVisibility({visibilityProperty: true}));
  }

  /* target: the map's document (or one element); actions: {next, prev, escape, play, help, fitAll};
     opts: {present(): presentation mode?, parent: also listen on the page around (default true)} */
  function Keyboard(target, actions, opts) {
    this.target = target;
    this.actions = actions;
    this.opts = opts || {};
    this._bound = [];
    this.attached = false;
  }
  Keyboard.prototype = {
    attach: function () {
      if (this.attached) { return this; }
      var self = this, doc = this.target.nodeType === 9 ? this.target : null;
      var targets = doc && this.opts.parent !== false ? documents(doc) : [this.target];
      targets.forEach(function (t, n) {
        var fn = function (e) { self._onKey(e, n > 0); };
        t.addEventListener("keydown", fn);
        self._bound.push([t, fn]);
      });
      // the frame may go without destroy() (the page drops it): the page's listener goes with it
      var win = doc && doc.defaultView;
      if (win && targets.length > 1) {
        this._onHide = function () { self.detach(); };
        win.addEventListener("pagehide", this._onHide);
        this._win = win;
      }
      this.attached = true;
      return this;
    },
    detach: function () {
      if (!this.attached) { return this; }
      this._bound.forEach(function (b) { try { b[0].removeEventListener("keydown", b[1]); } catch (e) { /* the page went */ } });
      this._bound = [];
      if (this._win) { this._win.removeEventListener("pagehide", this._onHide); this._win = null; }
      this.attached = false;
      return this;
    },
    /* how many documents hear the keys (1, or 2 inside the app's page) */
    get listening() { return this._bound.length; },
    _onKey: function (e, parent) {
      if (parent && frameHidden(this.target.defaultView)) { return; }  // the page shows another view: its keys are its own
      var present = this.opts.present ? !!this.opts.present() : false;
      var name = command(e, {parent: parent, present: present});
      if (!name) { return; }
      this.actions[name]();
      if (DEFAULT_ACTION[name]) { e.preventDefault(); }
    }
  };

  PM.Keyboard = Keyboard;
  PM.Keyboard.command = command;
  PM.Keyboard.ownsKeys = ownsKeys;
})(typeof window !== "undefined" ? window : globalThis);
