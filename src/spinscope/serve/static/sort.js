// Sortable tables: a header of a table of the page (a paged list, whose page holds only some of the rows, sorts on the
// server: below)
// becomes a button; clicking it (or Enter or Space on it) sorts the rows by that column, numbers as numbers, and again
// the other way. aria-sort says which column and direction, for screen readers.
(function () {
  "use strict";
  var NUMBER = /^-?[0-9][0-9,]*(\.[0-9]+)?\s*%?$/;
  function key(row, i) {
    var cell = row.cells[i];
    return cell ? cell.textContent.trim() : "";
  }
  function compare(a, b) {
    var na = NUMBER.test(a), nb = NUMBER.test(b);
    if (na && nb) { return parseFloat(a.replace(/,/g, "")) - parseFloat(b.replace(/,/g, "")); }
    if (na !== nb) { return a === "" ? 1 : b === "" ? -1 : (na ? -1 : 1); }
    if (a === "" || b === "") { return a === "" ? (b === "" ? 0 : 1) : -1; }  // empty cells last
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }
  function numeric(rows, i) {
    var seen = 0;
    for (var r = 0; r < rows.length; r++) {
      var k = key(rows[r], i);
      if (k === "") { continue; }
      if (!NUMBER.test(k)) { return false; }
      seen += 1;
    }
    return seen > 0;
  }
  // A header's words moved into a button, so that a column sorts by click or keyboard.
  function headerButton(th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    return button;
  }
  document.querySelectorAll("main table:not(.paged)").forEach(function (table) {
    var body = table.tBodies[0], head = table.tHead;
    if (!body || !head || body.rows.length < 2 || body.querySelector("td[colspan]")) { return; }
    var ths = head.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, i) {
      var button = headerButton(th);
      button.addEventListener("click", function () {
        var rows = Array.prototype.slice.call(body.rows);
        var now = th.getAttribute("aria-sort");
        var down = now ? now === "ascending" : numeric(rows, i);  // numbers largest first, words A to Z first
        rows.sort(function (a, b) { var c = compare(key(a, i), key(b, i)); return down ? -c : c; });
        if (down) {  // keep empty cells last either way
          rows.sort(function (a, b) { return (key(a, i) === "") - (key(b, i) === ""); });
        }
        rows.forEach(function (r) { body.appendChild(r); });
        Array.prototype.forEach.call(ths, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
      });
    });
    table.classList.add("sortable");
  });
  // A paged list (documents, quotes) sorts on the server (stop 41), so that a sorted table is sorted across its pages:
  // a header with data-sort becomes a button that asks for this page's address with `sort` (the column, `-` before it
  // for descending; again the other way) and from the first page. aria-sort comes from the server.
  document.querySelectorAll("main table.paged").forEach(function (table) {
    var head = table.tHead;
    if (!head) { return; }
    Array.prototype.forEach.call(head.rows[0].cells, function (th) {
      var column = th.getAttribute("data-sort");
      if (!column) { return; }
      var button = headerButton(th);
      button.addEventListener("click", function () {
        var now = th.getAttribute("aria-sort");
        var params = new URLSearchParams(window.location.search);
        params.delete("cursor");
        params.set("sort", now === "ascending" ? "-" + column : column);
        window.location.search = params.toString();
      });
    });
    table.classList.add("sortable");
  });
}());
