// Highlighting toggles of the article view: each checkbox adds or removes a show-<layer> class on the text.
(function () {
  "use strict";
  var text = document.getElementById("text");
  var boxes = document.querySelectorAll("#toggles input[data-layer]");
  if (!text) { return; }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("show-" + box.dataset.layer, box.checked);
    });
  });
}());

// A link to characters of the text (#at-START-END, Python string offsets: code points, as every span of the record)
// marks them and scrolls to them: the evidence links of the outlet, actor, quotes and events pages land on their span
// instead of the top of a long article.
(function () {
  "use strict";
  var text = document.getElementById("text");
  if (!text) { return; }
  function unitIndex(s, points) { // the UTF-16 index of the code point `points` of s
    var i = 0;
    while (points > 0 && i < s.length) {
      var c = s.charCodeAt(i);
      i += (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) ? 2 : 1;
      points -= 1;
    }
    return i;
  }
  function points(s) { return Array.from(s).length; }
  function rangeOf(start, end) {
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT), node, at = 0, range = document.createRange();
    var started = false;
    while ((node = walker.nextNode())) {
      var n = points(node.data);
      if (!started && start < at + n) { range.setStart(node, unitIndex(node.data, start - at)); started = true; }
      if (started && end <= at + n) { range.setEnd(node, unitIndex(node.data, end - at)); return range; }
      at += n;
    }
    return null;
  }
  function mark() {
    var m = /^#at-(\d+)-(\d+)$/.exec(window.location.hash), note = document.getElementById("at-note");
    if (window.CSS && CSS.highlights) { CSS.highlights.delete("at"); }
    if (!m || +m[2] <= +m[1]) { if (note) { note.hidden = true; } return; }
    var range = rangeOf(+m[1], +m[2]);
    if (!range) { return; }
    if (window.CSS && CSS.highlights && window.Highlight) { CSS.highlights.set("at", new Highlight(range)); }
    if (note) {
      var words = range.toString();
      note.textContent = "Linked passage (characters " + m[1] + "–" + m[2] + "): “" +
        (words.length > 160 ? words.slice(0, 160) + "…" : words) + "”";
      note.hidden = false;
    }
    var rect = range.getBoundingClientRect();
    window.scrollTo({top: Math.max(0, rect.top + window.scrollY - window.innerHeight / 3)});
  }
  window.addEventListener("hashchange", mark);
  mark();
}());
