// nwip serve: filters for the report (organisation, state, kind). The page works without this
// script; with it, the filter bar appears and hides the overlaps that do not match.
(function () {
  "use strict";
  function apply() {
    var selects = document.querySelectorAll("#filters select[data-filter]");
    var items = document.querySelectorAll("#overlap-list li.overlap");
    var shown = 0;
    items.forEach(function (item) {
      var visible = true;
      selects.forEach(function (select) {
        var wanted = select.value;
        if (wanted && item.getAttribute("data-" + select.getAttribute("data-filter")) !== wanted) {
          visible = false;
        }
      });
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    var count = document.getElementById("shown");
    if (count) {
      count.textContent = shown === items.length ? String(items.length) : shown + " of " + items.length;
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var filters = document.getElementById("filters");
    if (!filters) { return; }
    filters.hidden = false;
    filters.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", apply);
    });
    apply();
  });
})();
