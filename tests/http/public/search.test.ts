import crypto from "node:crypto";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildArticle, buildCategory, type ArticleOverrides } from "../../helpers/factories.js";
import { ensureSearchIndex, reindexArticle } from "../../../src/services/search-index.js";
import { indexRows, isIndexed } from "../../helpers/search-index.js";

const clock = testClock("2027-06-01T03:00:00Z");
let t: TestApp;
const MAIN_TITLE = "Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016";
const TICKER_TITLE = "Thành phố Cần Thơ ban hành Quy chế thực hiện cơ chế một cửa";

beforeAll(async () => {
  t = await createTestApp({ clock });
});

/** A word no other article contains, with Vietnamese marks so folding matters. */
const uniqueWord = () => `Thửnghiệm${crypto.randomBytes(3).toString("hex")}`;

/** An article written as the admin service writes one: stored, then reindexed. */
async function indexed(data: ArticleOverrides) {
  const article = await buildArticle(t.prisma, { publishedAt: new Date("2027-01-10T03:00:00Z"), ...data });
  await reindexArticle(t.prisma, article.id);
  return article;
}

const search = (query: Record<string, string | string[]>) => request(t.app).get("/tim-kiem").query(query);
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
/** Result titles in page order, as a reader sees them. */
function titles(html: string): string[] {
  return [...html.matchAll(/<h3 class="result-title"><a href="[^"]+">([\s\S]*?)<\/a><\/h3>/g)].map((m) => text(m[1]!));
}

describe("search ignores case and diacritics in both directions", () => {
  it.each([
    ["can tho"],
    ["Cần Thơ"],
    ["CAN THO"],
    ["cẦn ThƠ"],
    ["Cần Thơ".normalize("NFD")],
  ])("%j finds both seed articles", async (q) => {
    const res = await search({ q });
    expect(res.status).toBe(200);
    expect(titles(res.text)).toEqual(expect.arrayContaining([MAIN_TITLE, TICKER_TITLE]));
    expect(res.text).toContain("<mark>Cần</mark> <mark>Thơ</mark>");
  });

  it("`dong thap` finds “Đồng Tháp” in the body and highlights the original words", async () => {
    const res = await search({ q: "dong thap" });
    expect(titles(res.text)).toEqual([MAIN_TITLE]);
    expect(res.text).toContain("(sau <mark>Đồng</mark> <mark>Tháp</mark>)");
    expect(text(res.text)).toContain("Tìm thấy 1 bài viết cho “dong thap”");
  });

  it("a query with marks finds text without them, and đ matches d", async () => {
    const word = `dang${crypto.randomBytes(3).toString("hex")}`;
    await indexed({ title: `Bài về ${word} không dấu` });
    const res = await search({ q: `Đăng${word.slice(4)}`.replace("Đăng", "Đắng") });
    expect(titles(res.text)).toEqual([`Bài về ${word} không dấu`]);
  });
});

describe("what is matched and in which order", () => {
  it("matches the title, the summary and the body (HTML stripped)", async () => {
    const word = uniqueWord();
    await indexed({ title: `Tiêu đề có ${word}` });
    await indexed({ title: "Bài có từ trong tóm tắt", summary: `Tóm tắt nói về ${word}.` });
    await indexed({ title: "Bài có từ trong nội dung", body: `<p>Đoạn một.</p><p><strong>${word}</strong> ở đoạn hai.</p>` });
    const res = await search({ q: word.toUpperCase() });
    expect(titles(res.text)).toHaveLength(3);
    expect(res.text).toContain(`<mark>${word}</mark> ở đoạn hai.`);
    expect(res.text).not.toContain("&lt;strong&gt;");
  });

  it("ranks title matches first, then newer ones", async () => {
    const word = uniqueWord();
    await indexed({ title: `Cũ, trong tiêu đề ${word}`, publishedAt: new Date("2020-01-01T03:00:00Z") });
    await indexed({ title: `Mới hơn, trong tiêu đề ${word}`, publishedAt: new Date("2021-01-01T03:00:00Z") });
    await indexed({ title: "Mới nhất, chỉ trong nội dung", body: `<p>${word} ${word} ${word}</p>`, publishedAt: new Date("2027-05-01T03:00:00Z") });
    await indexed({ title: "Cũ nhất, chỉ trong tóm tắt", summary: word, publishedAt: new Date("2019-01-01T03:00:00Z") });
    const res = await search({ q: word });
    expect(titles(res.text)).toEqual([
      `Mới hơn, trong tiêu đề ${word}`,
      `Cũ, trong tiêu đề ${word}`,
      "Mới nhất, chỉ trong nội dung",
      "Cũ nhất, chỉ trong tóm tắt",
    ]);
  });

  it("needs every word of the query", async () => {
    const a = uniqueWord();
    const b = uniqueWord();
    await indexed({ title: `Có cả ${a} và ${b}` });
    await indexed({ title: `Chỉ có ${a}` });
    expect(titles((await search({ q: `${a} ${b}` })).text)).toEqual([`Có cả ${a} và ${b}`]);
  });

  it("escapes article text around the highlights", async () => {
    const word = uniqueWord();
    await indexed({ title: `<img src=x onerror=alert(1)> ${word}`, summary: `Dấu < và & cùng ${word} "trích dẫn"` });
    const res = await search({ q: word });
    expect(res.text).not.toContain("<img src=x");
    expect(res.text).toContain(`&lt;img src=x onerror=alert(1)&gt; <mark>${word}</mark>`);
    expect(res.text).toContain(`Dấu &lt; và &amp; cùng <mark>${word}</mark> &#34;trích dẫn&#34;`);
  });

  it("shows ten results a page with links to the next pages", async () => {
    const word = uniqueWord();
    for (let i = 0; i < 12; i++) {
      await indexed({ title: `Trang kết quả ${i} ${word}`, publishedAt: new Date(Date.UTC(2026, 0, 1 + i, 3)) });
    }
    const first = await search({ q: word });
    expect(titles(first.text)).toHaveLength(10);
    expect(titles(first.text)[0]).toBe(`Trang kết quả 11 ${word}`);
    expect(text(first.text)).toContain("Tìm thấy 12 bài viết");
    expect(first.text).toContain(`href="/tim-kiem?${new URLSearchParams({ q: word })}&amp;trang=2"`);
    const second = await search({ q: word, trang: "2" });
    expect(titles(second.text)).toEqual([`Trang kết quả 1 ${word}`, `Trang kết quả 0 ${word}`]);
    expect(second.text).toContain('<ol class="result-list" start="11">');
    const beyond = await search({ q: word, trang: "9" });
    expect(beyond.status).toBe(200);
    expect(text(beyond.text)).toContain("Trang 9 không còn kết quả");
  });
});

describe("filters", () => {
  it("narrows to one category by its slug", async () => {
    const word = uniqueWord();
    const one = await buildCategory(t.prisma, { name: "Chuyên mục Một" });
    const two = await buildCategory(t.prisma, { name: "Chuyên mục Hai" });
    await indexed({ title: `Trong mục một ${word}`, categoryId: one.id });
    await indexed({ title: `Trong mục hai ${word}`, categoryId: two.id });
    const res = await search({ q: word, "chuyen-muc": two.slug });
    expect(titles(res.text)).toEqual([`Trong mục hai ${word}`]);
    expect(res.text).toContain(`<option value="${two.slug}" selected>`);
    const beyond = await search({ q: word, "chuyen-muc": two.slug, tu: "2027-01-01", trang: "5" });
    expect(beyond.text).toContain(`href="/tim-kiem?${new URLSearchParams({ q: word })}&amp;chuyen-muc=${two.slug}&amp;tu=2027-01-01"`);
  });

  it("an unknown category is explained and ignored", async () => {
    const word = uniqueWord();
    await indexed({ title: `Ở đâu cũng được ${word}` });
    const res = await search({ q: word, "chuyen-muc": "khong-co-muc-nay" });
    expect(res.status).toBe(200);
    expect(res.text).toContain("Chuyên mục này không tồn tại");
    expect(titles(res.text)).toEqual([`Ở đâu cũng được ${word}`]);
  });

  it("filters by Vietnam days, both ends included", async () => {
    const word = uniqueWord();
    // 23:30 on 01/03/2024 and 00:30 on 02/03/2024 in Vietnam; 23:59 on 03/03; 00:01 on 04/03.
    await indexed({ title: `Tối 1/3 ${word}`, publishedAt: new Date("2024-03-01T16:30:00Z") });
    await indexed({ title: `Sáng 2/3 ${word}`, publishedAt: new Date("2024-03-01T17:30:00Z") });
    await indexed({ title: `Khuya 3/3 ${word}`, publishedAt: new Date("2024-03-03T16:59:00Z") });
    await indexed({ title: `Sáng 4/3 ${word}`, publishedAt: new Date("2024-03-03T17:01:00Z") });
    expect(titles((await search({ q: word, tu: "2024-03-02", den: "2024-03-03" })).text)).toEqual([`Khuya 3/3 ${word}`, `Sáng 2/3 ${word}`]);
    expect(titles((await search({ q: word, tu: "02/03/2024" })).text)).toEqual([`Sáng 4/3 ${word}`, `Khuya 3/3 ${word}`, `Sáng 2/3 ${word}`]);
    expect(titles((await search({ q: word, den: "1/3/2024" })).text)).toEqual([`Tối 1/3 ${word}`]);
    const paged = await search({ q: word, tu: "2024-03-02", den: "2024-03-03" });
    expect(paged.text).toContain(`value="2024-03-02"`);
  });

  it.each([
    [{ tu: "2024-02-30" }, "“Từ ngày” không phải là một ngày có thật"],
    [{ den: "hôm qua" }, "“Đến ngày” không phải là một ngày có thật"],
    [{ tu: "2024-13-01", den: "2024-99-99" }, "“Từ ngày” không phải là một ngày có thật"],
    [{ tu: "2017-01-01", den: "2016-12-31" }, "“Đến ngày” phải bằng hoặc sau “Từ ngày”"],
  ])("a bad date %j gives a normal page with a message, not an error", async (dates, message) => {
    const res = await search({ q: "cần thơ", ...dates });
    expect(res.status).toBe(200);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain(message);
    expect(titles(res.text).length).toBeGreaterThan(0);
  });
});

describe("only published articles are found", () => {
  it("drafts, pending, trashed and not-yet-due articles are never shown", async () => {
    const word = uniqueWord();
    await indexed({ title: `Công khai ${word}` });
    await indexed({ title: `Nháp ${word}`, status: "draft" });
    await indexed({ title: `Chờ duyệt ${word}`, status: "pending" });
    await indexed({ title: `Thùng rác ${word}`, deletedAt: new Date("2027-02-01T00:00:00Z") });
    await indexed({ title: `Hẹn giờ ${word}`, publishedAt: new Date("2027-06-01T05:00:00Z") });
    expect(titles((await search({ q: word })).text)).toEqual([`Công khai ${word}`]);
    const folded = word.toLowerCase().replace("ử", "u").replace("ệ", "e");
    // The published and the scheduled one are indexed; drafts, pending and trashed ones are not.
    expect((await indexRows(t.prisma)).filter((r) => r.title.includes(folded))).toHaveLength(2);
  });

  it("a scheduled article appears by itself once due, without a reindex", async () => {
    const word = uniqueWord();
    const due = new Date(clock().getTime() + 60 * 60 * 1000);
    await indexed({ title: `Lên lịch ${word}`, publishedAt: due });
    expect(titles((await search({ q: word })).text)).toEqual([]);
    clock.advance(2 * 60 * 60 * 1000);
    try {
      expect(titles((await search({ q: word })).text)).toEqual([`Lên lịch ${word}`]);
    } finally {
      clock.advance(-2 * 60 * 60 * 1000);
    }
  });

  it("follows edit, unpublish, republish, trash and delete through reindexArticle", async () => {
    const before = uniqueWord();
    const after = uniqueWord();
    const article = await indexed({ title: `Bản đầu ${before}` });
    const update = async (data: object) => {
      await t.prisma.article.update({ where: { id: article.id }, data });
      await reindexArticle(t.prisma, article.id);
      await t.changed();
    };
    await update({ title: `Bản sửa ${after}` });
    expect(titles((await search({ q: before })).text)).toEqual([]);
    expect(titles((await search({ q: after })).text)).toEqual([`Bản sửa ${after}`]);
    await update({ status: "draft" });
    expect(titles((await search({ q: after })).text)).toEqual([]);
    await update({ status: "published" });
    expect(titles((await search({ q: after })).text)).toEqual([`Bản sửa ${after}`]);
    await update({ deletedAt: new Date() });
    expect(titles((await search({ q: after })).text)).toEqual([]);
    await update({ deletedAt: null });
    await t.prisma.article.delete({ where: { id: article.id } });
    await reindexArticle(t.prisma, article.id);
    await t.changed();
    expect(titles((await search({ q: after })).text)).toEqual([]);
    expect(await isIndexed(t.prisma, article.id)).toBe(false);
  });

  it("an empty index is rebuilt at start-up from the articles", async () => {
    const own = await createTestApp({ clock });
    await own.prisma.$executeRaw`DELETE FROM "ArticleSearch"`;
    expect(titles((await request(own.app).get("/tim-kiem").query({ q: "dong thap" })).text)).toEqual([]);
    expect(await ensureSearchIndex(own.prisma)).toBe(2);
    await own.changed(); // as a restart would
    expect(titles((await request(own.app).get("/tim-kiem").query({ q: "dong thap" })).text)).toEqual([MAIN_TITLE]);
    expect(await ensureSearchIndex(own.prisma)).toBeNull();
  });
});

describe("odd queries give a normal page, never an error", () => {
  it.each([
    ['"'],
    ['"can tho'],
    ["*"],
    ["tho*"],
    ["NEAR"],
    ["NEAR(can tho)"],
    ["-"],
    ["-can"],
    ["("],
    ["(can"],
    ["AND OR NOT"],
    ["can AND tho"],
    ["title:can"],
    ["{title}: can"],
    ["^can"],
    ["'; DROP TABLE \"Article\"; --"],
    ["%00\u0000"],
  ])("%j", async (q) => {
    const res = await search({ q });
    expect(res.status).toBe(200);
    expect(res.text).toContain("<h1>Tìm kiếm</h1>");
    expect(res.text).not.toContain("Hệ thống đang gặp sự cố");
  });

  it("operators are dropped and the words still searched", async () => {
    for (const q of ['"can tho"', "can AND tho", "NEAR(can tho)", "(can) -tho*"]) {
      expect(titles((await search({ q })).text)).toEqual(expect.arrayContaining([MAIN_TITLE, TICKER_TITLE]));
    }
  });

  it("only operators or punctuation asks for a real word", async () => {
    for (const q of ["", "   ", '"', "AND OR NOT", "*-()"]) {
      const res = await search({ q });
      expect(res.status).toBe(200);
      expect(res.text).toContain("Hãy nhập ít nhất một chữ hoặc số để tìm");
      expect(res.text).not.toContain("Kết quả tìm kiếm");
    }
  });

  it("the bare page shows the form without a message", async () => {
    const res = await request(t.app).get("/tim-kiem");
    expect(res.status).toBe(200);
    expect(res.text).toContain('<input id="q" name="q" type="search" value=""');
    expect(res.text).not.toContain("Hãy nhập ít nhất một chữ");
  });

  it("an overlong query is cut to 200 characters and says so", async () => {
    const res = await search({ q: `Cần Thơ ${"rất dài ".repeat(60)}` });
    expect(res.status).toBe(200);
    expect(res.text).toContain("Từ khóa dài quá 200 ký tự");
    const shown = /<input id="q" name="q" type="search" value="([^"]*)"/.exec(res.text)![1]!;
    expect([...shown].length).toBeLessThanOrEqual(200);
  });

  it("more than ten words uses the first ten and says so", async () => {
    const res = await search({ q: "cần thơ một hai ba bốn năm sáu bảy tám chín mười" });
    expect(res.status).toBe(200);
    expect(res.text).toContain("Chỉ 10 từ đầu tiên");
  });

  it("repeated or malformed parameters fall back to defaults", async () => {
    const res = await request(t.app).get("/tim-kiem?q=can&q=tho&trang=abc&trang=2&chuyen-muc[]=x&tu=%E0%A4");
    expect(res.status).toBe(200);
    const ok = await request(t.app).get("/tim-kiem?q=c%E1%BA%A7n%20th%C6%A1&trang=-3");
    expect(ok.status).toBe(200);
    expect(titles(ok.text).length).toBeGreaterThan(0);
  });
});
