// Progressive enhancement for the public pages. Everything here also works without JavaScript:
// "In bài" opens the print view (?in=1), and the ticker's stop link sets a cookie and reloads.
(function () {
  "use strict";

  // Photos below the fold load lazily; paper needs them all. Returns when they are in (or after 3 s).
  function loadAllImages() {
    var images = Array.prototype.slice.call(document.querySelectorAll("img[loading='lazy']"));
    images.forEach(function (img) {
      img.loading = "eager";
    });
    var pending = images.map(function (img) {
      return img.complete ? Promise.resolve() : new Promise(function (done) {
        img.addEventListener("load", done, { once: true });
        img.addEventListener("error", done, { once: true });
      });
    });
    var timeout = new Promise(function (done) {
      setTimeout(done, 3000);
    });
    return Promise.race([Promise.all(pending), timeout]);
  }
  window.addEventListener("beforeprint", loadAllImages);

  // "In bài": print straight away (photos loaded first) instead of opening the print view.
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (!target || typeof window.print !== "function") return;
    event.preventDefault();
    loadAllImages().then(function () {
      window.print();
    });
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
