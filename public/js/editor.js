// The article body is a plain <textarea name="body"> that works without JavaScript; when Quill
// (served from /assets/vendor/quill) is loaded, it takes the textarea's place and writes its HTML
// back into it, so the form posts exactly what it would without the editor. The server sanitises
// the HTML either way.
(function () {
  "use strict";
  if (typeof window.Quill !== "function") return;
  // Every such textarea of the page (a text and its English twin, for instance) gets its own editor.
  document.querySelectorAll("textarea[data-editor='quill']").forEach(function (source) {

  var LABELS = {
    bold: "In đậm",
    italic: "In nghiêng",
    underline: "Gạch dưới",
    strike: "Gạch ngang",
    link: "Chèn liên kết",
    blockquote: "Trích dẫn",
    "list-ordered": "Danh sách đánh số",
    "list-bullet": "Danh sách gạch đầu dòng",
    clean: "Xoá định dạng",
    photo: "Chèn ảnh tại vị trí con trỏ",
    header: "Kiểu đoạn văn",
  };

  var holder = document.createElement("div");
  holder.className = "editor";
  var area = document.createElement("div");
  holder.appendChild(area);
  source.insertAdjacentElement("afterend", holder);

  var quill = new window.Quill(area, {
    theme: "snow",
    modules: {
      toolbar: {
        container: [
          [{ header: [2, 3, 4, false] }],
          ["bold", "italic", "underline", "strike"],
          ["link", "blockquote"],
          [{ list: "ordered" }, { list: "bullet" }],
        ].concat(window.CCHC && window.CCHC.insertPhoto ? [["photo"]] : [], [["clean"]]),
        handlers: {
          // The photo picker (photo-picker.js) opens and puts the chosen photo where the cursor was.
          photo: function () {
            var range = this.quill.getSelection(true);
            document.dispatchEvent(new CustomEvent("cchc:pick-photo", { detail: { quill: this.quill, index: range ? range.index : this.quill.getLength() - 1 } }));
          },
        },
      },
    },
  });
  if (source.value.trim()) quill.setContents(quill.clipboard.convert({ html: source.value }), "silent");
  source.hidden = true;

  // The editable area is named by the field's label and hint, like the textarea it replaces.
  var label = document.querySelector("label[for='" + source.id + "']");
  if (label) {
    label.id = label.id || source.id + "-label";
    quill.root.setAttribute("aria-labelledby", label.id);
    label.addEventListener("click", function (event) {
      event.preventDefault();
      quill.focus();
    });
  }
  quill.root.setAttribute("role", "textbox");
  quill.root.setAttribute("aria-multiline", "true");
  var describedBy = source.getAttribute("aria-describedby");
  if (describedBy) quill.root.setAttribute("aria-describedby", describedBy);

  var photoButton = holder.parentNode.querySelector(".ql-toolbar button.ql-photo");
  if (photoButton) photoButton.textContent = "Ảnh";

  // Toolbar buttons get Vietnamese names for screen readers and a tooltip.
  holder.parentNode.querySelectorAll(".ql-toolbar button, .ql-toolbar .ql-picker-label").forEach(function (button) {
    var format = button.classList.contains("ql-picker-label") ? "header" : (button.className.match(/ql-(\w+)/) || [])[1];
    var key = button.value ? format + "-" + button.value : format;
    var text = LABELS[key] || LABELS[format];
    if (text) {
      button.setAttribute("aria-label", text);
      button.setAttribute("title", text);
    }
  });

  // Quill's semantic HTML (real <ul>/<ol>) goes back into the textarea; Quill writes every space
  // as &nbsp;, which would stop lines from wrapping, so they become plain spaces again.
  // Only after a real edit: untouched content the editor cannot show (a table) is kept as it was.
  var edited = false;
  function sync() {
    if (!edited) return;
    source.value = quill.getLength() > 1 ? quill.getSemanticHTML().replace(/&nbsp;/g, " ") : "";
  }
  quill.on("text-change", function (_delta, _old, origin) {
    if (origin === "user") edited = true;
    sync();
  });
  if (source.form) source.form.addEventListener("submit", sync);
  });
})();
