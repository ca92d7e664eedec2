// Progressive enhancement for the analysts' review screen, the registry's only script.
// Selecting text in a highlighted field adds it to the "redact these terms" box; without
// JavaScript the analyst types the terms instead.
(function () {
  "use strict";
  var box = document.getElementById("redact_terms");
  if (!box) return;
  document.querySelectorAll(".review-text").forEach(function (field) {
    field.addEventListener("mouseup", function () {
      var selected = String(window.getSelection() || "").trim();
      if (!selected || selected.length > 200 || selected.indexOf("\n") !== -1) return;
      var terms = box.value.split(/[,\n]/).map(function (t) { return t.trim(); });
      if (terms.indexOf(selected) !== -1) return;
      box.value = box.value.trim() ? box.value.trim() + ", " + selected : selected;
      box.dispatchEvent(new Event("change"));
    });
  });
})();
