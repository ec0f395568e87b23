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
