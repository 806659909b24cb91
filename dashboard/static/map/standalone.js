/* standalone.js — the map with no server. The HTML export has its data and
 * state in JSON elements of the page itself; the static site's pages load the
 * data from content-hashed script files (fetch() of a local file does not work
 * from file://) and let site.js (window.PartnerMapSite) choose the first state
 * from the address and follow the filter panel. */
(function () {
  "use strict";
  function json(id) { var n = document.getElementById(id); return n ? JSON.parse(n.textContent) : null; }
  var config = json("pm-config");
  var site = window.PartnerMapSite || null;
  var data = json("pm-data") || window.PM_DATA;
  var box = document.getElementById("map");
  if (!data) {
    var p = document.createElement("p");
    p.className = "pm-error";
    p.textContent = (config.state.strings && config.state.strings["map.failed"]) || "The map could not be loaded";
    box.appendChild(p);
    return;
  }
  var details = json("pm-details") || {};
  var instance = window.PartnerMap.create(box, {
    data: data, details: details, basemap: json("pm-basemap") || window.PM_BASEMAP,
    tilesUrl: config.tiles_url, tilesAttribution: config.tiles_attribution,
    onSelect: site ? function (key) { site.selected(key); } : undefined
  });
  window.pm = instance;
  instance.setState(site ? site.start(instance, config) : config.state);
  if (site) { site.started(); }
  document.body.dataset.ready = "1";
  if (config.details_script) {
    // the popups' texts (the largest file) only after the map is drawn; the map keeps the object it was
    // given, so filling it in is enough (a popup opened before shows the pair without notes and sources)
    var script = document.createElement("script");
    script.src = config.details_script;
    script.onload = function () { Object.assign(details, window.PM_DETAILS || {}); document.body.dataset.details = "1"; };
    document.body.appendChild(script);
  }
})();
