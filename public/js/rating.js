// "Thông tin này có hữu ích không?": without JavaScript the link opens the rating page (/danh-gia),
// whose form posts and comes back to this page with a thank-you. With it, that form is loaded here
// (it carries this visitor's form token, which the shared page cannot) and sent without leaving.
(function () {
  "use strict";
  var section = document.querySelector("[data-rating]");
  var link = section && section.querySelector("[data-rating-open]");
  if (!link || typeof window.fetch !== "function" || typeof window.URLSearchParams !== "function") return;

  function say(form, text) {
    var status = form.querySelector("[data-rating-status]");
    if (status) status.textContent = text;
  }

  function thank(form, text) {
    var done = document.createElement("p");
    done.className = "notice notice-success";
    done.setAttribute("role", "status");
    done.setAttribute("tabindex", "-1");
    done.textContent = text;
    form.replaceWith(done);
    done.focus();
  }

  function wire(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      window
        .fetch(form.getAttribute("action"), {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
        .then(function (response) {
          return response.json().then(
            function (data) { return { ok: response.ok, data: data }; },
            function () { return { ok: response.ok, data: {} }; }
          );
        })
        .then(function (result) {
          if (result.ok) return thank(form, result.data.message || "Cảm ơn bạn đã đánh giá.");
          say(form, result.data.error || "Chưa gửi được đánh giá. Vui lòng thử lại.");
          if (button) button.disabled = false;
        })
        .catch(function () {
          say(form, "Chưa gửi được đánh giá vì mất kết nối. Vui lòng thử lại.");
          if (button) button.disabled = false;
        });
    });
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    window
      .fetch(link.getAttribute("href") + "&khung=1", { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var form = holder.querySelector("[data-rating-form]");
        if (!form) throw new Error("no form");
        link.parentNode.replaceWith(form);
        wire(form);
        var first = form.querySelector("input[name=score]");
        if (first) first.focus();
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });
})();
