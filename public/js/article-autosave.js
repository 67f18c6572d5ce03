// Autosave of the edit form (src/services/article-autosave.ts): every 30 seconds, when the title,
// summary or body changed since the last autosave, they go to POST /admin/articles/:id/autosave with
// the CSRF token and the version the form was opened at; when the page is hidden or left, one last
// time by navigator.sendBeacon (or fetch keepalive). Nothing is published and the article is not
// changed: it is kept as this person's one autosave, offered when the form is opened again.
// Beacons carry at most 64 KB: a longer body is kept by the 30-second saves only.
(function () {
  "use strict";
  var form = document.querySelector("form.article-form[data-autosave-url]");
  if (!form || !window.fetch) return;
  var url = form.getAttribute("data-autosave-url");
  var status = form.querySelector("[data-autosave-status]");
  var EVERY_MS = 30000;
  var FIELDS = ["title", "summary", "body"];

  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : "";
  }
  // The editor writes its HTML back into the body's textarea on every change (editor.js).
  function snapshot() {
    return JSON.stringify(FIELDS.map(value));
  }
  function payload() {
    var data = new URLSearchParams();
    data.append("_csrf", value("_csrf"));
    data.append("version", value("version"));
    FIELDS.forEach(function (name) {
      data.append(name, value(name));
    });
    return data;
  }
  function say(text) {
    if (status) status.textContent = text;
  }

  var saved = snapshot();
  var sending = false;
  var leaving = false;

  function save() {
    var now = snapshot();
    if (sending || leaving || now === saved) return;
    sending = true;
    fetch(url, {
      method: "POST",
      body: payload(),
      credentials: "same-origin",
      headers: { Accept: "application/json", "x-csrf-token": value("_csrf") },
    })
      .then(function (res) {
        return res.json().then(function (answer) {
          if (!res.ok) throw new Error(answer.error || String(res.status));
          return answer;
        });
      })
      .then(function (answer) {
        saved = now;
        say(
          "Đã lưu lúc " + answer.time + " (bản lưu tự động, chưa đăng)." +
            (answer.stale ? " Lưu ý: bài vừa được " + answer.savedBy + " lưu; khi bạn lưu sẽ thấy phần khác nhau." : ""),
        );
      })
      .catch(function (error) {
        say("Chưa lưu tự động được (" + error.message + "); nội dung vẫn còn trên trang, hãy bấm «Lưu bài viết».");
      })
      .then(function () {
        sending = false;
      });
  }

  window.setInterval(save, EVERY_MS);

  // The form's own save is under way: no autosave races it.
  form.addEventListener("submit", function () {
    leaving = true;
  });

  function leave() {
    var now = snapshot();
    if (leaving || now === saved) return;
    var sent = navigator.sendBeacon ? navigator.sendBeacon(url, payload()) : false;
    if (!sent) {
      fetch(url, { method: "POST", body: payload(), credentials: "same-origin", keepalive: true }).catch(function () {});
    }
    saved = now;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") leave();
  });
  window.addEventListener("pagehide", leave);
})();
