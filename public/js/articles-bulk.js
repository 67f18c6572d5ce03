// The article list's "select all on this page" box and the count of chosen articles. Without
// JavaScript the box stays hidden and each row's own checkbox still works.
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  var all = form && form.querySelector("[data-bulk-all]");
  if (!all) return;
  var toggle = all.querySelector("input");
  var count = form.querySelector("[data-bulk-count]");
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[type="checkbox"][name="ids"][form="bulk-form"]'));
  if (!boxes.length) return;

  function update() {
    var chosen = boxes.filter(function (box) {
      return box.checked;
    }).length;
    toggle.checked = chosen === boxes.length;
    toggle.indeterminate = chosen > 0 && chosen < boxes.length;
    if (count) count.textContent = chosen ? "Đã chọn " + chosen + " bài." : "";
  }

  toggle.addEventListener("change", function () {
    boxes.forEach(function (box) {
      box.checked = toggle.checked;
    });
    update();
  });
  boxes.forEach(function (box) {
    box.addEventListener("change", update);
  });
  all.hidden = false;
  update();
})();
