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
  // One marker per place: events at the same coordinates (every event "in Damascus") were drawn as as many markers on
  // one spot, the last one's popup hiding the others' and 20 events looking like one (stop 42). The marker now grows
  // with its events, says how many, and its popup lists them (the first MAX_LISTED, then how many more).
  var MAX_LISTED = 12;
  var groups = [], byPoint = {};
  events.features.forEach(function (f) {
    var c = f.geometry.coordinates, key = c[1].toFixed(4) + "," + c[0].toFixed(4);
    if (!byPoint[key]) { byPoint[key] = { lat: c[1], lon: c[0], items: [] }; groups.push(byPoint[key]); }
    byPoint[key].items.push(f.properties);
  });
  var markers = [];
  groups.forEach(function (g) {
    var n = g.items.length;
    var m = L.circleMarker([g.lat, g.lon], { radius: Math.min(6 + 2.5 * Math.sqrt(n - 1), 18), color: "#8b0000",
                                             fillColor: "#d62728", fillOpacity: 0.8,
                                             className: "event-marker" }).addTo(map);
    var box = document.createElement("div");  // text nodes only: event fields are article text
    var line = function (parent, s) { var d = document.createElement("div"); d.textContent = s; parent.appendChild(d); };
    if (n > 1) {
      var head = document.createElement("strong");
      head.textContent = n + " events at " + (g.items[0].place || "this place");
      box.appendChild(head);
    }
    var list = n > 1 ? document.createElement("ol") : box;
    g.items.slice(0, MAX_LISTED).forEach(function (p) {
      var item = n > 1 ? document.createElement("li") : box;
      line(item, (p.type || "?") + ": " + (p.actor || "?") + " \u2192 " + (p.target || "?"));
      line(item, (n > 1 ? "" : (p.place || "") + (p.date ? ", " : "")) + (p.date || ""));
      var a = document.createElement("a");
      // to the event's words (#at-START-END, marked and scrolled to by the article view), not the article's top
      a.href = "/documents/" + encodeURIComponent(p.doc_id) +
        (p.start != null && p.end != null ? "#at-" + p.start + "-" + p.end : "");
      a.textContent = p.title || "the article";
      item.appendChild(a);
      if (item !== box) { list.appendChild(item); }
    });
    if (list !== box) { box.appendChild(list); }
    if (n > MAX_LISTED) { line(box, "and " + (n - MAX_LISTED) + " more (the table below lists them all)"); }
    m.bindPopup(box, { maxHeight: 320 });
    var name = n > 1 ? n + " events at " + (g.items[0].place || "this place")
                     : (g.items[0].type || "event") + " at " + (g.items[0].place || "this place");
    var tip = document.createElement("span");  // text, not HTML: Leaflet writes a string tooltip as innerHTML,
    tip.textContent = name;                     // so a place or type holding markup would become markup
    m.bindTooltip(tip);
    var dot = m.getElement && m.getElement();
    if (dot) {  // reachable with the keyboard: Tab to a marker, Enter or Space opens its popup
      dot.setAttribute("data-events", String(n));
      dot.setAttribute("tabindex", "0");
      dot.setAttribute("role", "button");
      dot.setAttribute("aria-label", name);
      dot.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); m.openPopup(); }
      });
    }
    markers.push(m);
  });
  if (markers.length) { map.fitBounds(L.featureGroup(markers).getBounds().pad(0.1), { maxZoom: 6 }); }
  el.dataset.zoom = String(map.getZoom());
  el.dataset.events = String(events.features.length);
  el.dataset.markers = String(markers.length);
}());
