// The article's photos in order (views/admin/articles/photos.ejs). Without JavaScript the "Thứ tự"
// boxes order them; here the list itself is the order: each photo gets "Lên" and "Xuống" buttons
// (keyboard) and can be dragged (mouse), and the "Thứ tự" boxes are emptied and hidden, so the
// server keeps the order of the ticked boxes (src/routes/admin/articles.schema.ts orderPhotoIds).
// photo-picker.js adds photos through window.CCHC.photoList.add(item).
(function () {
  "use strict";
  var fieldset = document.querySelector("[data-photo-list]");
  var list = fieldset && fieldset.querySelector("[data-photo-selected]");
  if (!list) return;
  var empty = fieldset.querySelector("[data-photo-empty]");

  var announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  fieldset.appendChild(announcer);
  function announce(text) {
    // A change of text is read out; the same text twice in a row needs clearing first.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }

  var items = function () {
    return Array.prototype.slice.call(list.querySelectorAll(":scope > .photo-item"));
  };
  var nameOf = function (item) {
    return "ảnh số " + item.getAttribute("data-photo-id");
  };
  function where(item) {
    var all = items();
    return "vị trí " + (all.indexOf(item) + 1) + " trên " + all.length;
  }

  function button(text, hidden, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button button-secondary button-small";
    b.textContent = text;
    var more = document.createElement("span");
    more.className = "visually-hidden";
    more.textContent = hidden;
    b.appendChild(more);
    b.addEventListener("click", onClick);
    return b;
  }

  function move(item, step, focusClass) {
    var all = items();
    var at = all.indexOf(item);
    var to = at + step;
    if (to < 0 || to >= all.length) {
      announce(nameOf(item) + " đã ở " + (step < 0 ? "đầu" : "cuối") + " danh sách.");
      return;
    }
    if (step < 0) list.insertBefore(item, all[to]);
    else list.insertBefore(item, all[to].nextSibling);
    // The button pressed keeps the focus, so pressing it again moves the photo on.
    item.querySelector("." + focusClass).focus();
    announce("Đã chuyển " + nameOf(item) + " tới " + where(item) + ".");
  }

  function enhance(item) {
    var position = item.querySelector(".photo-position");
    if (position) {
      position.querySelector("input").value = "";
      position.hidden = true;
    }
    var caption = " " + nameOf(item);
    var moves = document.createElement("div");
    moves.className = "photo-move";
    var up = button("Lên", caption, function () {
      move(item, -1, "photo-up");
    });
    up.classList.add("photo-up");
    var down = button("Xuống", caption, function () {
      move(item, 1, "photo-down");
    });
    down.classList.add("photo-down");
    moves.appendChild(up);
    moves.appendChild(down);
    item.querySelector(".photo-item-body").appendChild(moves);
    item.draggable = true;
  }
  items().forEach(enhance);

  // Dragging with a mouse or a finger on a touch screen that supports it; the buttons do the same.
  var dragged = null;
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest && event.target.closest(".photo-item");
    if (!dragged) return;
    dragged.classList.add("is-dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-photo-id"));
  });
  list.addEventListener("dragover", function (event) {
    var over = dragged && event.target.closest && event.target.closest(".photo-item");
    if (!over || over === dragged) return;
    event.preventDefault();
    var box = over.getBoundingClientRect();
    list.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? over : over.nextSibling);
  });
  list.addEventListener("drop", function (event) {
    if (dragged) event.preventDefault();
  });
  list.addEventListener("dragend", function () {
    if (!dragged) return;
    dragged.classList.remove("is-dragged");
    announce("Đã chuyển " + nameOf(dragged) + " tới " + where(dragged) + ".");
    dragged = null;
  });

  /** The smallest stored width of a photo (src/services/media.ts: 480 px, or the photo's own when narrower). */
  function thumbnailOf(item) {
    return String(item.fileUrl).replace(/-\d+\.jpg$/, "-" + Math.min(480, item.width) + ".jpg");
  }

  function has(id) {
    var box = list.querySelector(".photo-item[data-photo-id='" + Number(id) + "'] input[name='photoIds']");
    return Boolean(box && box.checked);
  }

  /** Adds a photo (an item of GET /admin/media) at the end, ticked; says so. */
  function add(photo) {
    var existing = list.querySelector(".photo-item[data-photo-id='" + Number(photo.id) + "']");
    if (existing) {
      var box = existing.querySelector("input[name='photoIds']");
      if (box) box.checked = true;
      announce(nameOf(existing) + " đã có trong bài.");
      return;
    }
    var item = document.createElement("li");
    item.className = "photo-item";
    item.setAttribute("data-photo-id", String(photo.id));
    var img = document.createElement("img");
    img.src = thumbnailOf(photo);
    img.alt = "";
    img.width = photo.width;
    img.height = photo.height;
    img.loading = "lazy";
    item.appendChild(img);
    var body = document.createElement("div");
    body.className = "photo-item-body";
    var check = document.createElement("div");
    check.className = "checkbox";
    var input = document.createElement("input");
    input.type = "checkbox";
    input.name = "photoIds";
    input.value = String(photo.id);
    input.id = "photo-" + photo.id;
    input.checked = true;
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = (photo.caption || "Ảnh chưa có chú thích") + " ";
    var number = document.createElement("span");
    number.className = "hint";
    number.textContent = "(ảnh số " + photo.id + ")";
    label.appendChild(number);
    check.appendChild(input);
    check.appendChild(label);
    body.appendChild(check);
    item.appendChild(body);
    list.appendChild(item);
    enhance(item);
    if (empty) empty.hidden = true;
    fieldset.dispatchEvent(new Event("input", { bubbles: true }));
    announce("Đã thêm " + nameOf(item) + " vào bài, ở " + where(item) + ".");
  }

  window.CCHC = window.CCHC || {};
  window.CCHC.photoList = { add: add, has: has, thumbnailOf: thumbnailOf };
})();
