// Progressive enhancement for the public pages. Everything here also works without JavaScript:
// "In bài" opens the print view (?in=1), and the ticker's stop link sets a cookie and reloads.
(function () {
  "use strict";

  // "In bài": print straight away instead of opening the print view first.
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (!target || typeof window.print !== "function") return;
    event.preventDefault();
    window.print();
  });

  // The ticker's stop/start link: switch at once, and remember the choice through the same link.
  var ticker = document.querySelector("[data-ticker]");
  var toggle = ticker && ticker.querySelector("[data-ticker-toggle]");
  if (!toggle || typeof window.fetch !== "function") return;
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    var persist = toggle.getAttribute("href");
    var moving = ticker.classList.toggle("ticker-moving");
    toggle.textContent = moving ? toggle.getAttribute("data-label-stop") : toggle.getAttribute("data-label-start");
    toggle.setAttribute("href", moving ? toggle.getAttribute("data-href-stop") : toggle.getAttribute("data-href-start"));
    window.fetch(persist, { headers: { Accept: "application/json" }, credentials: "same-origin" }).catch(function () {});
  });
})();
