import { describe, expect, it } from "vitest";
import { photoFilesIn, sanitizeArticleHtml, type PhotoFile } from "../../src/lib/sanitize.js";

const KEY = "0123456789abcdef01234567";
const OTHER = "fedcba9876543210fedcba98";
// The photos "stored": KEY at 480 and 960 px.
const stored = (file: PhotoFile) => file.key === KEY && [480, 960].includes(file.width);
const figure = (img: string, caption = "Quang cảnh hội nghị — Trung Hậu") =>
  `<figure class="inline-photo">${img}<figcaption>${caption}</figcaption></figure>`;

describe("photos inside the text", () => {
  it("keeps the editor's figure when the file is one of our stored photos", () => {
    const html = `<p>Đoạn một.</p>${figure(`<img src="/uploads/${KEY}-960.webp" alt="Hội nghị" width="960" height="640">`)}<p>Đoạn hai.</p>`;
    expect(sanitizeArticleHtml(html, stored)).toBe(html.replace('height="640">', 'height="640" />'));
  });

  it("drops the whole figure when its photo is not ours, not stored, or not a stored width", () => {
    for (const src of [
      "https://evil.example/a.jpg",
      "//evil.example/a.jpg",
      `/uploads/${OTHER}-960.webp`,
      `/uploads/${KEY}-1600.webp`,
      `/uploads/${KEY}-960.png`,
      "javascript:alert(1)",
      "data:image/png;base64,AAAA",
    ]) {
      const html = `<p>a</p>${figure(`<img src="${src}" alt="x">`)}<p>b</p>`;
      expect(sanitizeArticleHtml(html, stored), src).toBe("<p>a</p><p>b</p>");
    }
  });

  it("without a check, keeps any well-formed name of a photo file (the pattern alone)", () => {
    const html = figure(`<img src="/uploads/${OTHER}-960.webp" alt="x" />`);
    expect(sanitizeArticleHtml(html)).toBe(html);
  });

  it("strips hostile attributes: event handlers, style, srcset pointing elsewhere, contenteditable, odd sizes", () => {
    const html =
      `<figure class="inline-photo evil" style="position:fixed" onclick="steal()" contenteditable="false">` +
      `<img src="/uploads/${KEY}-960.webp" srcset="https://evil.example/a.jpg 1x" onerror="steal()" onload="steal()" ` +
      `style="width:1px" alt="Ảnh" width="100%" height="640" loading="eager" data-x="1">` +
      `<figcaption onmouseover="steal()"><a href="javascript:alert(1)">Chú thích</a> — Trung Hậu</figcaption></figure>`;
    expect(sanitizeArticleHtml(html, stored)).toBe(
      `<figure class="inline-photo"><img src="/uploads/${KEY}-960.webp" alt="Ảnh" height="640" />` +
        `<figcaption><a rel="noopener">Chú thích</a> — Trung Hậu</figcaption></figure>`,
    );
  });

  it("drops a figure that lost its photo but keeps figures around a table or a quotation", () => {
    expect(sanitizeArticleHtml(`<figure><img src="https://evil.example/a.jpg"><figcaption>x</figcaption></figure>`, stored)).toBe("");
    const table = "<figure><table><tbody><tr><td>1</td></tr></tbody></table><figcaption>Bảng</figcaption></figure>";
    expect(sanitizeArticleHtml(table, stored)).toBe(table);
    const quote = "<figure><blockquote>Trích</blockquote><figcaption>Ai nói</figcaption></figure>";
    // A dropped image just before must not count as this figure's.
    expect(sanitizeArticleHtml(`${figure('<img src="https://e.example/x.jpg">')}${quote}`, stored)).toBe(quote);
    expect(sanitizeArticleHtml(`<p><img src="https://e.example/x.jpg"></p>${quote}`, stored)).toBe(`<p></p>${quote}`);
  });

  it("keeps a loose image of ours, and only our own files are looked up", () => {
    expect(sanitizeArticleHtml(`<p>x<img src="/uploads/${KEY}-480.jpg" alt=""></p>`, stored)).toBe(`<p>x<img src="/uploads/${KEY}-480.jpg" alt="" /></p>`);
    expect(photoFilesIn(`<img src="/uploads/${KEY}-960.webp"><img src="https://e.example/uploads/${OTHER}-480.jpg"><p>/uploads/x</p>`)).toEqual([
      { key: KEY, width: 960 },
      { key: OTHER, width: 480 },
    ]);
  });
});
