import crypto from "node:crypto";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildArticle } from "../../helpers/factories.js";
import { buildDocument, buildDocumentLists } from "../../helpers/documents.js";
import { buildProcedure } from "../../helpers/procedures.js";
import { buildQuestion } from "../../helpers/questions.js";
import { reindexArticle } from "../../../src/services/search-index.js";

// /tim-kiem finds articles, documents, procedures and published answers; `loai` keeps one type.

let t: TestApp;
// A word nothing else on the site contains, with Vietnamese marks so that folding matters.
const word = `Liênthông${crypto.randomBytes(3).toString("hex")}`;
const folded = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
let documentSlug = "";
let procedureSlug = "";
let questionSlug = "";

beforeAll(async () => {
  t = await createTestApp();
  const lists = await buildDocumentLists(t.prisma);
  const article = await buildArticle(t.prisma, { title: `Bài viết về ${word}` });
  await reindexArticle(t.prisma, article.id);
  documentSlug = (await buildDocument(t.prisma, { typeId: lists.type.id, issuerId: lists.issuer.id, number: "77/2026/QĐ-UBND", title: `Quy chế ${word} một cửa` })).slug;
  await buildDocument(t.prisma, { typeId: lists.type.id, issuerId: lists.issuer.id, title: `Bản nháp ${word}`, status: "draft" });
  await buildDocument(t.prisma, { typeId: lists.type.id, issuerId: lists.issuer.id, title: `Đã xóa ${word}`, deletedAt: new Date() });
  procedureSlug = (await buildProcedure(t.prisma, { name: `Thủ tục ${word} hồ sơ` })).slug;
  const question = await buildQuestion(t.prisma, { title: `Hỏi về ${word}`, answer: "<p>Trả lời.</p>" });
  questionSlug = question.slug!;
  await buildQuestion(t.prisma, { title: `Chưa công bố ${word}`, published: false, status: "received", answer: "" });
  await t.changed();
});

const search = (query: Record<string, string>) => request(t.app).get("/tim-kiem").query(query).expect(200);

describe("site search across the portal's sections", () => {
  it("without a type finds the article and, beside it, the published document, procedure and answer, typed without diacritics", async () => {
    const res = await search({ q: folded });
    expect(res.text).toContain(`Bài viết về`);
    expect(res.text).toContain(`href="/van-ban/${documentSlug}"`);
    expect(res.text).toContain(`href="/thu-tuc-hanh-chinh/${procedureSlug}"`);
    expect(res.text).toContain(`href="/hoi-dap/${questionSlug}"`);
    expect(res.text).toMatch(/Văn bản \(1\)/);
    expect(res.text).toMatch(/Thủ tục hành chính \(1\)/);
    expect(res.text).toMatch(/Hỏi đáp \(1\)/);
    // Drafts, the trash and unpublished questions stay out.
    expect(res.text).not.toContain("Bản nháp");
    expect(res.text).not.toContain("Đã xóa");
    expect(res.text).not.toContain("Chưa công bố");
  });

  it.each([
    ["van-ban", `/van-ban/`, ["/thu-tuc-hanh-chinh/", "/hoi-dap/"]],
    ["thu-tuc", `/thu-tuc-hanh-chinh/`, ["/van-ban/", "/hoi-dap/"]],
    ["hoi-dap", `/hoi-dap/`, ["/van-ban/", "/thu-tuc-hanh-chinh/"]],
  ])("loai=%s keeps that type only, with the words marked", async (loai, kept, others) => {
    const res = await search({ q: word, loai });
    const results = /<section class="search-results"[\s\S]*?<\/section>/.exec(res.text)![0];
    expect(results).toContain(`href="${kept}`);
    for (const other of others) expect(results).not.toContain(`href="${other}`);
    expect(results).toContain(`<mark>${word}</mark>`);
    expect(results).toContain("Tìm thấy <strong>1</strong> kết quả");
    expect(res.text).toMatch(new RegExp(`<option value="${loai}" selected>`));
  });

  it("finds a document by a fragment of its number", async () => {
    const res = await search({ q: "77/2026 qd-ubnd", loai: "van-ban" });
    expect(res.text).toContain(`href="/van-ban/${documentSlug}"`);
  });

  it("loai=bai-viet shows articles only; an unknown type says so and searches everything", async () => {
    const articles = await search({ q: word, loai: "bai-viet" });
    expect(articles.text).toContain("Bài viết về");
    expect(articles.text).not.toContain(`href="/van-ban/${documentSlug}"`);
    const unknown = await search({ q: word, loai: "khong-co" });
    expect(unknown.text).toContain("Loại nội dung này không có");
    expect(unknown.text).toContain(`href="/van-ban/${documentSlug}"`);
  });

  it("the pagination of a section keeps the type and the words", async () => {
    const lists = await buildDocumentLists(t.prisma);
    const many = `Phân trang${crypto.randomBytes(3).toString("hex")}`;
    for (let i = 0; i < 12; i++) await buildDocument(t.prisma, { typeId: lists.type.id, issuerId: lists.issuer.id, title: `${many} số ${i}` });
    await t.changed();
    const first = await search({ q: many, loai: "van-ban" });
    expect(first.text).toContain("Tìm thấy <strong>12</strong> kết quả");
    expect(first.text).toContain(`loai=van-ban`);
    const second = await search({ q: many, loai: "van-ban", trang: "2" });
    expect((second.text.match(/class="result"/g) ?? []).length).toBe(2);
  });
});

describe("sitemap and feeds of the sections", () => {
  it("the sitemap index lists one file per section, each with its public pages only", async () => {
    const index = await request(t.app).get("/sitemap.xml").expect(200);
    for (const file of ["sitemap-van-ban.xml", "sitemap-thu-tuc-hanh-chinh.xml", "sitemap-hoi-dap.xml"]) expect(index.text).toContain(`/${file}</loc>`);
    const documents = await request(t.app).get("/sitemap-van-ban.xml").expect(200);
    expect(documents.text).toContain(`/van-ban/${documentSlug}</loc>`);
    expect(documents.text).not.toContain("ban-nhap");
    const procedures = await request(t.app).get("/sitemap-thu-tuc-hanh-chinh.xml").expect(200);
    expect(procedures.text).toContain(`/thu-tuc-hanh-chinh/${procedureSlug}</loc>`);
    const questions = await request(t.app).get("/sitemap-hoi-dap.xml").expect(200);
    expect(questions.text).toContain(`/hoi-dap/${questionSlug}</loc>`);
    // The PAR Index: its page and each year (the seed's 2016).
    expect(index.text).toContain("/sitemap-chi-so-cchc.xml</loc>");
    const par = await request(t.app).get("/sitemap-chi-so-cchc.xml").expect(200);
    expect(par.text).toContain("/chi-so-cchc</loc>");
    expect(par.text).toContain("/chi-so-cchc/2016</loc>");
  });

  it("each section has its feed, and the main navigation leads to each section", async () => {
    for (const path of ["/van-ban/rss.xml", "/thu-tuc-hanh-chinh/rss.xml", "/hoi-dap/rss.xml"]) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.headers["content-type"]).toMatch(/rss\+xml/);
    }
    const home = await request(t.app).get("/").expect(200);
    const nav = /<ul class="nav-list nav-sections">([\s\S]*?)<\/ul>/.exec(home.text)![1]!;
    for (const path of ["/gioi-thieu", "/van-ban", "/thu-tuc-hanh-chinh", "/hoi-dap", "/chi-so-cchc", "/danh-ba"]) expect(nav).toContain(`href="${path}"`);
  });
});
