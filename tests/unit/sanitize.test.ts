import { describe, expect, it } from "vitest";
import { sanitizeArticleHtml } from "../../src/lib/sanitize.js";

describe("sanitizeArticleHtml", () => {
  it("keeps what an article needs", () => {
    const html = [
      "<h2>Tiêu đề phụ</h2>",
      "<p><strong>Đậm</strong>, <em>nghiêng</em>, <u>gạch dưới</u>, <s>gạch ngang</s><br>dòng mới</p>",
      "<ul><li>một</li></ul><ol><li>hai</li></ol>",
      "<blockquote>Trích dẫn</blockquote>",
      '<figure><img src="/uploads/0123456789abcdef01234567-960.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>',
      "<table><thead><tr><th>Cột</th></tr></thead><tbody><tr><td>Ô</td></tr></tbody></table>",
    ].join("");
    // Void elements come back in their self-closing spelling, which HTML reads the same way.
    expect(sanitizeArticleHtml(html)).toBe(html.replace("<br>", "<br />").replace('alt="Ảnh">', 'alt="Ảnh" />'));
  });

  it("removes scripts with their content, iframes and style elements", () => {
    const out = sanitizeArticleHtml('<p>a</p><script>alert(1)</script><iframe src="https://evil.example"></iframe><style>p{}</style><p>b</p>');
    expect(out).toBe("<p>a</p><p>b</p>");
  });

  it("removes event handlers and style attributes", () => {
    const out = sanitizeArticleHtml('<p onclick="steal()" style="color:red" class="x">chữ</p><img src="/uploads/0123456789abcdef01234567-480.webp" onerror="steal()">');
    expect(out).toBe('<p>chữ</p><img src="/uploads/0123456789abcdef01234567-480.webp" />');
  });

  it("keeps only http, https, mailto and tel links, each with rel=noopener", () => {
    expect(sanitizeArticleHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a rel="noopener">x</a>');
    expect(sanitizeArticleHtml('<a href="JaVaScRiPt&#58;alert(1)">x</a>')).toBe('<a rel="noopener">x</a>');
    expect(sanitizeArticleHtml('<a href="data:text/html,hi">x</a>')).toBe('<a rel="noopener">x</a>');
    expect(sanitizeArticleHtml('<a href="//evil.example/">x</a>')).toBe('<a rel="noopener">x</a>');
    expect(sanitizeArticleHtml('<a href="https://cantho.gov.vn" target="_blank">x</a>')).toBe('<a href="https://cantho.gov.vn" rel="noopener">x</a>');
    expect(sanitizeArticleHtml('<a href="tel:02923820000">gọi</a>')).toBe('<a href="tel:02923820000" rel="noopener">gọi</a>');
    expect(sanitizeArticleHtml('<a href="mailto:cchc@cantho.gov.vn">thư</a>')).toBe('<a href="mailto:cchc@cantho.gov.vn" rel="noopener">thư</a>');
  });

  it("keeps images only when they are exactly one of our stored photo files", () => {
    // Another site's image is blocked by the CSP anyway (img-src 'self'): it is not kept.
    expect(sanitizeArticleHtml('<p>x<img src="https://cantho.gov.vn/a.jpg"></p>')).toBe("<p>x</p>");
    // Review finding 6: a prefix check let these through; the browser resolves them elsewhere.
    for (const src of [
      "/uploads/../hien-thi?co-chu=lon&quay-lai=/",
      "/uploads/%2e%2e/admin/logout",
      "/uploads/0123456789abcdef01234567-960.jpg/../../admin",
      "/uploads/0123456789abcdef01234567-960.jpg?x=1",
      "/uploads\\..\\hien-thi",
      "/uploads/0123456789abcdef01234567-960.svg",
      "/uploads/banner.jpg",
    ]) {
      expect(sanitizeArticleHtml(`<p>x<img src="${src}"></p>`), src).toBe("<p>x</p>");
    }
    expect(sanitizeArticleHtml('<p>x<img src="http://evil.example/a.jpg"></p>')).toBe("<p>x</p>");
    expect(sanitizeArticleHtml('<p>x<img src="data:image/png;base64,AAAA"></p>')).toBe("<p>x</p>");
    expect(sanitizeArticleHtml('<p>x<img src="javascript:alert(1)"></p>')).toBe("<p>x</p>");
  });

  it("turns a body h1 into h2 and b/i into strong/em, and stores NFC", () => {
    expect(sanitizeArticleHtml("<h1>A</h1><b>B</b><i>C</i>")).toBe("<h2>A</h2><strong>B</strong><em>C</em>");
    const nfd = "<p>Cần Thơ</p>".normalize("NFD");
    expect(sanitizeArticleHtml(nfd)).toBe("<p>Cần Thơ</p>".normalize("NFC"));
  });

  it("drops unknown wrappers but keeps their text", () => {
    expect(sanitizeArticleHtml('<div><span class="ql-cursor">chữ</span></div><form><input value="x"></form>')).toBe("chữ");
  });
});
