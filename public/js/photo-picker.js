// The photo picker (views/admin/articles/photo-picker.ejs): a dialog over the library, read from
// GET /admin/media?q=&trang=N with Accept: application/json ({items, total}, product.md), searched
// ignoring diacritics on the server, newest first, a page at a time, thumbnails loaded lazily.
// Opened from «Chọn ảnh từ thư viện» it adds photos to the article's list (photo-order.js); opened
// from the editor's «Ảnh» button it places one photo where the cursor was (editor-photo.js).
// New photos are uploaded from here, one POST /admin/media per file with its own progress bar and
// its own refusal message. Without JavaScript none of this exists: the form has the link to the
// library and the photo number box instead.
(function () {
  "use strict";
  var dialog = document.getElementById("photo-picker");
  var opener = document.querySelector("[data-open-picker]");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) return;
  var photoList = window.CCHC && window.CCHC.photoList;
  var form = document.querySelector("form.article-form");
  var csrf = form && form.querySelector("input[name='_csrf']");
  var $ = function (selector) {
    return dialog.querySelector(selector);
  };
  var results = $("[data-picker-results]");
  var status = $("[data-picker-status]");
  var pageLabel = $("[data-picker-page]");
  var prev = $("[data-picker-prev]");
  var next = $("[data-picker-next]");
  var search = $("[data-picker-search]");
  var query = $("#picker-q");
  var purpose = $("[data-picker-purpose]");
  var pageSize = Number(dialog.getAttribute("data-page-size")) || 24;

  // What a choice does: "attach" adds to the article's photos; "insert" places it in the text.
  var state = { mode: "attach", quill: null, index: 0, q: "", page: 1, pages: 1, request: 0 };

  function thumbnail(item) {
    return photoList ? photoList.thumbnailOf(item) : item.fileUrl;
  }

  function actionButton(item) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button button-small";
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = ": ảnh số " + item.id;
    if (state.mode === "insert") {
      b.textContent = "Chèn vào nội dung";
      b.appendChild(name);
      b.addEventListener("click", function () {
        var quill = state.quill;
        dialog.close();
        window.CCHC.insertPhoto(quill, state.index, item);
        quill.focus();
      });
      return b;
    }
    var refresh = function () {
      var chosen = photoList && photoList.has(item.id);
      b.textContent = chosen ? "Đã có trong bài" : "Thêm vào bài";
      b.appendChild(name);
      b.disabled = Boolean(chosen);
      b.setAttribute("aria-disabled", chosen ? "true" : "false");
    };
    b.addEventListener("click", function () {
      if (!photoList) return;
      photoList.add(item);
      refresh();
      status.textContent = "Đã thêm ảnh số " + item.id + " vào bài.";
    });
    refresh();
    return b;
  }

  function card(item) {
    var li = document.createElement("li");
    li.className = "picker-item";
    var img = document.createElement("img");
    img.loading = "lazy";
    img.decoding = "async";
    img.alt = "";
    img.width = item.width;
    img.height = item.height;
    // The small file first; the photo's main file if a narrow width was never made.
    img.addEventListener("error", function fallback() {
      img.removeEventListener("error", fallback);
      img.src = item.fileUrl;
    });
    img.src = thumbnail(item);
    li.appendChild(img);
    var text = document.createElement("p");
    text.className = "picker-caption";
    text.textContent = item.caption || "Ảnh chưa có chú thích";
    li.appendChild(text);
    var meta = document.createElement("p");
    meta.className = "picker-meta";
    meta.textContent = "Ảnh số " + item.id + (item.credit ? " · " + item.credit : "") + " · " + item.width + " × " + item.height;
    li.appendChild(meta);
    li.appendChild(actionButton(item));
    return li;
  }

  function show(items, total) {
    results.textContent = "";
    items.forEach(function (item) {
      results.appendChild(card(item));
    });
    state.pages = Math.max(1, Math.ceil(total / pageSize));
    pageLabel.textContent = "Trang " + state.page + " / " + state.pages;
    prev.disabled = state.page <= 1;
    next.disabled = state.page >= state.pages;
    status.textContent = total
      ? (state.q ? "Tìm thấy " + total + " ảnh khớp với «" + state.q + "»." : "Thư viện có " + total + " ảnh, mới nhất trước.") +
        " Trang " + state.page + " / " + state.pages + "."
      : state.q
        ? "Không có ảnh nào khớp với «" + state.q + "»."
        : "Thư viện chưa có ảnh nào; hãy tải ảnh lên ở dưới.";
  }

  function load(page) {
    var ask = (state.request += 1);
    state.page = page;
    status.textContent = "Đang tải danh sách ảnh…";
    var url = "/admin/media?q=" + encodeURIComponent(state.q) + "&trang=" + page;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(function (data) {
        // An answer to an older search that arrives late is ignored.
        if (ask === state.request) show(data.items, data.total);
      })
      .catch(function () {
        if (ask === state.request) status.textContent = "Không tải được danh sách ảnh. Hãy kiểm tra kết nối rồi thử lại.";
      });
  }

  function open(mode, detail) {
    state.mode = mode;
    state.quill = detail ? detail.quill : null;
    state.index = detail ? detail.index : 0;
    purpose.textContent =
      mode === "insert"
        ? "Chọn một ảnh để đặt vào nội dung, tại vị trí con trỏ. Chú thích và nguồn ảnh hiện ngay dưới ảnh."
        : "Chọn các ảnh cho bài; ảnh đã chọn hiện trong mục «Ảnh của bài viết», theo thứ tự.";
    dialog.showModal();
    query.focus();
    load(1);
  }

  if (opener) {
    opener.hidden = false;
    opener.addEventListener("click", function () {
      open("attach");
    });
    // The picker does what the number box did; it stays for photo numbers known by heart.
  }
  document.addEventListener("cchc:pick-photo", function (event) {
    open("insert", event.detail);
  });
  $("[data-picker-close]").addEventListener("click", function () {
    dialog.close();
  });
  search.addEventListener("submit", function (event) {
    event.preventDefault();
    state.q = query.value.trim();
    load(1);
  });
  prev.addEventListener("click", function () {
    if (state.page > 1) load(state.page - 1);
  });
  next.addEventListener("click", function () {
    if (state.page < state.pages) load(state.page + 1);
  });

  // Uploads: one request per file, in turn, each with its progress bar and its own outcome.
  var uploads = $("[data-picker-uploads]");
  var files = $("#picker-files");

  function uploadRow(file) {
    var li = document.createElement("li");
    li.className = "picker-upload-row";
    var label = document.createElement("span");
    label.className = "picker-upload-name";
    label.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Tiến độ tải lên «" + file.name + "»");
    var outcome = document.createElement("p");
    outcome.className = "picker-upload-outcome";
    outcome.setAttribute("role", "status");
    li.appendChild(label);
    li.appendChild(bar);
    li.appendChild(outcome);
    uploads.appendChild(li);
    return { bar: bar, outcome: outcome };
  }

  function send(file, row) {
    return new Promise(function (resolve) {
      var body = new FormData();
      body.append("file", file);
      ["caption", "alt", "credit"].forEach(function (name) {
        body.append(name, $("#picker-" + name).value);
      });
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/admin/media");
      xhr.setRequestHeader("Accept", "application/json");
      if (csrf) xhr.setRequestHeader("x-csrf-token", csrf.value);
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) row.bar.value = Math.round((event.loaded / event.total) * 100);
      });
      xhr.addEventListener("load", function () {
        var answer = {};
        try {
          answer = JSON.parse(xhr.responseText);
        } catch (e) {
          answer = {};
        }
        if (xhr.status === 201 && answer.items) {
          row.bar.value = 100;
          row.outcome.textContent = "Đã tải lên (ảnh số " + answer.id + ").";
          answer.items.forEach(function (item) {
            results.insertBefore(card(item), results.firstChild);
          });
        } else {
          row.outcome.textContent = answer.error || "Không tải lên được (mã lỗi " + xhr.status + ").";
          row.outcome.classList.add("error-message");
          row.bar.hidden = true;
        }
        resolve();
      });
      xhr.addEventListener("error", function () {
        row.outcome.textContent = "Mất kết nối khi tải lên; hãy thử lại.";
        row.outcome.classList.add("error-message");
        resolve();
      });
      xhr.send(body);
    });
  }

  $("[data-picker-upload]").addEventListener("click", function () {
    var chosen = Array.prototype.slice.call(files.files || []);
    if (!chosen.length) {
      status.textContent = "Hãy chọn ít nhất một tệp ảnh để tải lên.";
      files.focus();
      return;
    }
    uploads.textContent = "";
    var rows = chosen.map(uploadRow);
    chosen
      .reduce(function (done, file, i) {
        return done.then(function () {
          return send(file, rows[i]);
        });
      }, Promise.resolve())
      .then(function () {
        files.value = "";
        status.textContent = "Đã xử lý " + chosen.length + " tệp; ảnh tải lên được hiện ở đầu danh sách.";
      });
  });
})();
