/* standalone.js — the map with no server: data and state come from JSON
 * elements in the page itself (the HTML export and the static site). */
(function () {
  "use strict";
  function json(id) { var n = document.getElementById(id); return n ? JSON.parse(n.textContent) : null; }
  var config = json("pm-config");
  var instance = window.PartnerMap.create(document.getElementById("map"), {
    data: json("pm-data"), details: json("pm-details") || {}, basemap: json("pm-basemap"),
    tilesUrl: config.tiles_url, tilesAttribution: config.tiles_attribution
  });
  window.pm = instance;
  instance.setState(config.state);
  document.body.dataset.ready = "1";
})();
