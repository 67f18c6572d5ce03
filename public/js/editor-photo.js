// A photo of the library placed inside the text: one Quill block (a figure that cannot be edited
// inside; arrow keys select it, Backspace removes it), stored in the body as
//   <figure class="inline-photo"><img src="/uploads/<key>-<w>.webp" alt width height><figcaption>caption — credit</figcaption></figure>
// The server keeps it only when the file is one of our stored photos (src/lib/sanitize.ts) and
// draws it on the site like the attached photos. Loaded before editor.js, which creates the editor.
(function () {
  "use strict";
  var Quill = window.Quill;
  if (typeof Quill !== "function") return;
  var BlockEmbed = Quill.import("blots/block/embed");

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  var number = function (value) {
    return /^\d{1,5}$/.test(String(value || "")) ? String(value) : "";
  };

  class InlinePhoto extends BlockEmbed {
    static create(value) {
      var node = super.create();
      node.setAttribute("contenteditable", "false");
      var img = document.createElement("img");
      img.setAttribute("src", value.src || "");
      img.setAttribute("alt", value.alt || "");
      if (number(value.width)) img.setAttribute("width", number(value.width));
      if (number(value.height)) img.setAttribute("height", number(value.height));
      node.appendChild(img);
      if (value.caption) {
        var caption = document.createElement("figcaption");
        caption.textContent = value.caption;
        node.appendChild(caption);
      }
      return node;
    }

    static value(node) {
      var img = node.querySelector("img");
      var caption = node.querySelector("figcaption");
      return {
        src: img ? img.getAttribute("src") || "" : "",
        alt: img ? img.getAttribute("alt") || "" : "",
        width: img ? number(img.getAttribute("width")) : "",
        height: img ? number(img.getAttribute("height")) : "",
        caption: caption ? caption.textContent.replace(/\s+/g, " ").trim() : "",
      };
    }

    // What getSemanticHTML (and so the form) gets: the stored shape, without the editor's attributes.
    html() {
      var v = InlinePhoto.value(this.domNode);
      var size = (v.width ? ' width="' + v.width + '"' : "") + (v.height ? ' height="' + v.height + '"' : "");
      return (
        '<figure class="inline-photo"><img src="' + escapeHtml(v.src) + '" alt="' + escapeHtml(v.alt) + '"' + size + ">" +
        (v.caption ? "<figcaption>" + escapeHtml(v.caption) + "</figcaption>" : "") +
        "</figure>"
      );
    }
  }
  InlinePhoto.blotName = "inlinePhoto";
  InlinePhoto.tagName = "FIGURE";
  InlinePhoto.className = "inline-photo";
  Quill.register(InlinePhoto);

  /**
   * Puts a photo at `index`: before the line when the cursor is at its start, after it when at its
   * end (so two paragraphs stay two, with the photo between), else it splits the paragraph there.
   * `photo` is an item of GET /admin/media (JSON): {fileUrl, alt, caption, credit, width, height}.
   */
  function insertPhoto(quill, index, photo) {
    var at = Math.max(0, Math.min(index, quill.getLength() - 1));
    var line = quill.getLine(at);
    if (line[0] && line[1] > 0 && line[1] >= line[0].length() - 1) at = at - line[1] + line[0].length();
    var caption = [photo.caption, photo.credit].filter(Boolean).join(" — ");
    var value = {
      // Every width is stored as WebP and JPEG; the page builds the srcset from the photo's widths.
      src: String(photo.fileUrl).replace(/\.jpg$/, ".webp"),
      alt: photo.alt || photo.caption || "",
      width: photo.width,
      height: photo.height,
      caption: caption,
    };
    quill.insertEmbed(at, "inlinePhoto", value, "user");
    quill.setSelection(at + 1, 0, "user");
    return at;
  }

  window.CCHC = window.CCHC || {};
  window.CCHC.insertPhoto = insertPhoto;
})();
