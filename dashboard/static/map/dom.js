/* dom.js — the only way text reaches the page: elements with textContent,
 * links only for plain http(s) addresses. Shared by every module. */
(function (root) {
  "use strict";
  var PM = root.PartnerMap = root.PartnerMap || {};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* A button that says what it does to a screen reader and on hover. */
  function button(cls, text, label) {
    var b = el("button", cls, text);
    b.type = "button";
    if (label) { b.setAttribute("aria-label", label); b.title = label; }
    return b;
  }

  function safeUrl(url) {
    return /^https?:\/\/[^\s"'<>]+$/i.test(url || "") ? url : null;
  }

  function host(url) {
    try { return new URL(url).hostname.replace(/^www\./, ""); } catch (e) { return url; }
  }

  /* "{year}" in a template filled in from values (the result is text, never markup) */
  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  /* A box's rectangle relative to another's (view pixels). */
  function relativeRect(node, origin) {
    var r = node.getBoundingClientRect(), o = origin.getBoundingClientRect();
    return {x: r.left - o.left, y: r.top - o.top, w: r.width, h: r.height};
  }

  PM.dom = {el: el, button: button, safeUrl: safeUrl, host: host, fmt: fmt, relativeRect: relativeRect};
})(typeof window !== "undefined" ? window : globalThis);
