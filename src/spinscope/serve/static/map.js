// The events map: Natural Earth country outlines (world-atlas, vendored) and a marker per event; no tiles.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var data = document.getElementById("events-data");
  if (!el || !data) { return; }
  var events = JSON.parse(data.textContent);
  // zoomSnap 0.25: with whole zoom levels only, events spread over the world were drawn on a 512-px world in a 1,250-px
  // box (the next level did not fit), the points a quarter of the map apart
  var map = L.map(el, { worldCopyJump: true, attributionControl: true, zoomSnap: 0.25 }).setView([30, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  fetch("/static/vendor/world-atlas/countries-110m.json").then(function (r) { return r.json(); }).then(function (topo) {
    var countries = topojson.feature(topo, topo.objects.countries);
    // Drawn flat, a ring crossing the antimeridian (Russia's east, Fiji) would stretch across the whole map, and
    // Antarctica's ring closes along the pole: continue each ring past +-180 degrees, and leave Antarctica out.
    countries.features = countries.features.filter(function (f) { return f.id !== "010"; });
    var widest = 0;  // the widest ring drawn, in degrees of longitude (read by the browser test)
    var unwrap = function (ring) {
      var lo = ring[0][0], hi = ring[0][0];
      for (var i = 1; i < ring.length; i++) {
        var step = ring[i][0] - ring[i - 1][0];
        if (step > 180) { ring[i][0] -= 360; } else if (step < -180) { ring[i][0] += 360; }
        lo = Math.min(lo, ring[i][0]); hi = Math.max(hi, ring[i][0]);
      }
      widest = Math.max(widest, hi - lo);
    };
    countries.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) { return; }
      var polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      polygons.forEach(function (rings) { rings.forEach(unwrap); });
    });
    el.dataset.widestRing = String(Math.round(widest));
    L.geoJSON(countries, { style: { color: "#6b7a88", weight: 1, fillColor: "#f7f5ef", fillOpacity: 1 },
                           interactive: false }).addTo(map).bringToBack();
  });
  var markers = [];
  events.features.forEach(function (f) {
    var c = f.geometry.coordinates, p = f.properties;
    var m = L.circleMarker([c[1], c[0]], { radius: 6, color: "#8b0000", fillColor: "#d62728", fillOpacity: 0.8,
                                            className: "event-marker" }).addTo(map);
    var box = document.createElement("div");  // text nodes only: event fields are article text
    var line = function (s) { var d = document.createElement("div"); d.textContent = s; box.appendChild(d); };
    line((p.type || "?") + ": " + (p.actor || "?") + " \u2192 " + (p.target || "?"));
    line((p.place || "") + (p.date ? ", " + p.date : ""));
    var a = document.createElement("a");
    a.href = "/documents/" + encodeURIComponent(p.doc_id);
    a.textContent = p.title || "the article";
    box.appendChild(a);
    m.bindPopup(box);
    markers.push(m);
  });
  if (markers.length) { map.fitBounds(L.featureGroup(markers).getBounds().pad(0.1), { maxZoom: 6 }); }
  el.dataset.zoom = String(map.getZoom());
  el.dataset.markers = String(markers.length);
}());
