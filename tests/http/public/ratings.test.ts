import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildArticle } from "../../helpers/factories.js";
import { htmlChecker } from "../../helpers/html.js";

// POST /danh-gia: the rating of a page, without JavaScript (303 back with a thank-you), one per
// visitor, page and Vietnam day, guarded by CSRF, a rate limit and a robot check.

const SEED_ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";

type Agent = ReturnType<typeof request.agent>;

/** A browser: its agent (cookies) and the token of the rating form for `path`. */
async function reader(t: TestApp, path = SEED_ARTICLE): Promise<{ agent: Agent; token: string; visitor: string }> {
  const agent = request.agent(t.app);
  const res = await agent.get(`/danh-gia?path=${encodeURIComponent(path)}`).set("User-Agent", BROWSER_UA).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (!token) throw new Error("no token on the rating page");
  return { agent, token, visitor: /cchc_rv=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1] ?? "" };
}

const rate = (agent: Agent, fields: Record<string, string>, json = false) => {
  const req = agent.post("/danh-gia").set("User-Agent", BROWSER_UA).type("form");
  return (json ? req.set("accept", "application/json") : req).send(fields);
};

describe("the rating block on a page", () => {
  it("asks the question on a kept article page without any form token, and links the rating page", async () => {
    const t = await createTestApp();
    const res = await request(t.app).get(SEED_ARTICLE).set("User-Agent", BROWSER_UA).expect(200);
    expect(res.text).toContain('<h2 id="danh-gia-tieu-de" class="rating-title">Thông tin này có hữu ích không?</h2>');
    expect(res.text).toContain(`href="/danh-gia?path=${encodeURIComponent(SEED_ARTICLE)}" rel="nofollow" data-rating-open`);
    expect(res.text).toMatch(/<script src="\/assets\/js\/rating[^"]*\.js" defer><\/script>/);
    expect(res.text).not.toContain('name="_csrf"');
    // Only the visit counter's own cookie: no client id, form token or rating cookie on a shared page.
    expect(((res.headers["set-cookie"] ?? []) as string[]).filter((c) => !c.startsWith("cchc_visit="))).toEqual([]);
  });

  it("the rating page has the form: 1-5 in a fieldset with labels, an optional comment, the token and the path; never indexed", async () => {
    const t = await createTestApp();
    const res = await request(t.app).get(`/danh-gia?path=${encodeURIComponent(SEED_ARTICLE)}`).set("User-Agent", BROWSER_UA).expect(200);
    expect(res.text).toContain("<legend>Mức độ hữu ích của thông tin</legend>");
    for (const [value, label] of [["1", "Không hữu ích"], ["3", "Tạm được"], ["5", "Rất hữu ích"]]) {
      const id = value === "1" ? "score" : `score-${value}`;
      expect(res.text).toContain(`<input type="radio" id="${id}" name="score" value="${value}">`);
      expect(res.text).toContain(`<label for="${id}"><span class="rating-number">${value}</span> <span class="rating-word">${label}</span></label>`);
    }
    expect(res.text).toMatch(/<label for="comment">Ý kiến của bạn <span class="optional">\(không bắt buộc\)<\/span><\/label>/);
    expect(res.text).toContain(`<input type="hidden" name="path" value="${SEED_ARTICLE}">`);
    expect(res.text).toMatch(/name="_csrf" value="[^"]+"/);
    expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(String(res.headers["set-cookie"])).toMatch(/cchc_rv=[A-Za-z0-9_-]{24}; Max-Age=31536000; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax/);
    await htmlChecker()(res.text, "/danh-gia");
    // The fragment the page's script loads: the form alone.
    const fragment = await request(t.app).get(`/danh-gia?path=${encodeURIComponent(SEED_ARTICLE)}&khung=1`).set("User-Agent", BROWSER_UA).expect(200);
    expect(fragment.text.trim()).toMatch(/^<form class="rating-form" method="post" action="\/danh-gia" novalidate data-rating-form>/);
    expect(fragment.text).not.toContain("<html");
    await request(t.app).get("/danh-gia?path=%2Ftin-tuc%2Fkhong-co-bai-nay").set("User-Agent", BROWSER_UA).expect(404);
    await request(t.app).get("/danh-gia?path=https%3A%2F%2Fexample.com%2F").set("User-Agent", BROWSER_UA).expect(400);
  });
});

describe("POST /danh-gia", () => {
  it("without JavaScript: stores the rating and goes back to the page, which thanks the reader", async () => {
    const t = await createTestApp();
    const { agent, token, visitor } = await reader(t);
    const res = await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: "4", comment: "  Rõ ràng, nhưng thiếu số liệu năm 2015. ".normalize("NFD") }).expect(303);
    expect(res.headers.location).toBe(`${SEED_ARTICLE}?danh-gia=cam-on#danh-gia`);
    const page = (await agent.get(`${SEED_ARTICLE}?danh-gia=cam-on`).set("User-Agent", BROWSER_UA).expect(200)).text;
    expect(page).toContain("Cảm ơn bạn đã đánh giá.");
    expect(page).not.toContain("data-rating-open");
    const [stored] = await t.prisma.rating.findMany();
    expect(stored).toMatchObject({ path: SEED_ARTICLE, score: 4, comment: "Rõ ràng, nhưng thiếu số liệu năm 2015.", ip: expect.stringContaining("127.0.0.1") });
    expect(stored!.day).toMatch(/^\d{4}-\d\d-\d\d$/);
    // The visitor is a keyed hash, never the cookie itself.
    expect(visitor).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(stored!.visitor).toMatch(/^[0-9a-f]{40}$/);
    expect(stored!.visitor).not.toContain(visitor);
  });

  it("a second rating of the same page the same day is 409; the next Vietnam day it is taken", async () => {
    const clock = testClock("2026-12-02T16:58:00Z"); // 23:58 in Vietnam
    const t = await createTestApp({ clock });
    const { agent, token } = await reader(t);
    await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: "5" }).expect(303);
    const again = await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: "2" }).expect(409);
    expect(again.text).toContain("Bạn đã đánh giá trang này hôm nay.");
    const json = await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: "2" }, true).expect(409);
    expect(json.body.error).toContain("Bạn đã đánh giá trang này hôm nay.");
    expect(await t.prisma.rating.count()).toBe(1);
    // Another page the same day is fine.
    const other = await buildArticle(t.prisma, { publishedAt: new Date("2026-11-01T00:00:00Z") });
    await rate(agent, { _csrf: token, path: `/tin-tuc/${other.slug}`, score: "3" }, true).expect(201);
    clock.set("2026-12-02T17:01:00Z"); // 00:01 on 3 December in Vietnam
    const next = await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: "2" }, true).expect(201);
    expect(next.body.message).toContain("Cảm ơn bạn đã đánh giá");
    const days = (await t.prisma.rating.findMany({ where: { path: SEED_ARTICLE }, orderBy: { id: "asc" } })).map((r) => [r.day, r.score]);
    expect(days).toEqual([["2026-12-02", 5], ["2026-12-03", 2]]);
    // Another browser (its own cookie) rates the same page the same day.
    const second = await reader(t);
    await rate(second.agent, { _csrf: second.token, path: SEED_ARTICLE, score: "1" }, true).expect(201);
  });

  it("refuses a score outside 1-5 and an overlong comment with 422, storing nothing and keeping what was typed", async () => {
    const t = await createTestApp();
    const { agent, token } = await reader(t);
    for (const score of ["0", "6", "3.5", "ba", ""]) {
      const res = await rate(agent, { _csrf: token, path: SEED_ARTICLE, score }).expect(422);
      expect(res.text).toContain("Vui lòng chọn một mức từ 1 đến 5.");
      expect(res.text).toContain('href="#score"');
    }
    const kept = await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: "9", comment: "Ý kiến vẫn còn" }).expect(422);
    expect(kept.text).toContain("Ý kiến vẫn còn</textarea>");
    expect((await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: "3", comment: "x".repeat(1001) }).expect(422)).text).toContain("Ý kiến không được quá 1000 ký tự.");
    expect((await rate(agent, { _csrf: token, path: SEED_ARTICLE }, true).expect(422)).body.error).toBe("Vui lòng chọn một mức từ 1 đến 5.");
    expect(await t.prisma.rating.count()).toBe(0);
  });

  it("refuses a page that takes no rating with 422, storing nothing", async () => {
    const t = await createTestApp();
    const { agent, token } = await reader(t);
    const draft = await buildArticle(t.prisma, { status: "draft" });
    const later = await buildArticle(t.prisma, { publishedAt: new Date(Date.now() + 86_400_000) });
    for (const path of ["/tin-tuc/khong-co-bai-nay", `/tin-tuc/${draft.slug}`, `/tin-tuc/${later.slug}`, "/lien-he", "/chuyen-muc/hoi-dap", "/", "https://example.com/tin-tuc/a", "/tin-tuc/a?b=c", "/van-ban/khong-co"]) {
      const res = await rate(agent, { _csrf: token, path, score: "3" }, true).expect(422);
      expect(res.body.error, path).toMatch(/Trang được đánh giá (không tồn tại hoặc không nhận đánh giá|không hợp lệ)\./);
    }
    expect(await t.prisma.rating.count()).toBe(0);
  });

  it("takes ratings of documents, procedures and introduction pages", async () => {
    const t = await createTestApp();
    const type = await t.prisma.documentType.create({ data: { name: "Quyết định", slug: `qd-${Date.now()}` } });
    const issuer = await t.prisma.documentIssuer.create({ data: { name: "UBND thành phố", slug: `ubnd-${Date.now()}` } });
    const doc = await t.prisma.legalDocument.create({ data: { number: "1/2026/QĐ-UBND", title: "Quy chế một cửa", slug: `quy-che-mot-cua-${Date.now()}`, typeId: type.id, issuerId: issuer.id, issuedOn: "2026-01-05", status: "published" } });
    const procedure = await t.prisma.procedure.create({ data: { code: "1.001.H12", name: "Cấp giấy phép xây dựng", slug: `cap-giay-phep-${Date.now()}`, status: "published" } });
    const intro = await t.prisma.introPage.create({ data: { title: "Chức năng, nhiệm vụ", slug: `chuc-nang-${Date.now()}` } });
    const { agent, token } = await reader(t);
    for (const path of [`/van-ban/${doc.slug}`, `/thu-tuc-hanh-chinh/${procedure.slug}`, `/gioi-thieu/${intro.slug}`, "/gioi-thieu", "/gioi-thieu/co-cau-to-chuc"]) {
      await rate(agent, { _csrf: token, path, score: "5" }, true).expect(201);
    }
    // Each of those pages asks the question, linking its own rating page.
    await t.changed();
    for (const path of [`/van-ban/${doc.slug}`, `/thu-tuc-hanh-chinh/${procedure.slug}`, `/gioi-thieu/${intro.slug}`]) {
      const page = await request(t.app).get(path).set("User-Agent", BROWSER_UA).expect(200);
      expect(page.text).toContain(`href="/danh-gia?path=${encodeURIComponent(path)}" rel="nofollow" data-rating-open`);
    }
    await t.prisma.procedure.update({ where: { id: procedure.id }, data: { status: "draft" } });
    await rate(agent, { _csrf: token, path: `/thu-tuc-hanh-chinh/${procedure.slug}`, score: "5" }, true).expect(422);
    expect(await t.prisma.rating.count()).toBe(5);
  });

  it("needs the form's token: 403 without it, nothing stored", async () => {
    const t = await createTestApp();
    await request(t.app).post("/danh-gia").set("User-Agent", BROWSER_UA).type("form").send({ path: SEED_ARTICLE, score: "5" }).expect(403);
    const { agent } = await reader(t);
    await rate(agent, { _csrf: "gia-mao", path: SEED_ARTICLE, score: "5" }).expect(403);
    expect(await t.prisma.rating.count()).toBe(0);
  });

  it("ignores robots: answered 204, nothing stored", async () => {
    const t = await createTestApp();
    const { agent, token } = await reader(t);
    for (const ua of ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32"]) {
      await agent.post("/danh-gia").set("User-Agent", ua).type("form").send({ _csrf: token, path: SEED_ARTICLE, score: "1" }).expect(204);
    }
    await agent.post("/danh-gia").unset("User-Agent").type("form").send({ _csrf: token, path: SEED_ARTICLE, score: "1" }).expect(204);
    expect(await t.prisma.rating.count()).toBe(0);
  });

  it("limits each address to 10 ratings in 15 minutes (429), across browsers", async () => {
    const t = await createTestApp();
    for (let i = 0; i < 10; i++) {
      const { agent, token } = await reader(t);
      await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: String((i % 5) + 1) }, true).expect(201);
    }
    const { agent, token } = await reader(t);
    const res = await rate(agent, { _csrf: token, path: SEED_ARTICLE, score: "5" }, true).expect(429);
    expect(res.body.error).toBe("Bạn đã gửi quá nhiều đánh giá. Vui lòng thử lại sau 15 phút.");
    expect(await t.prisma.rating.count()).toBe(10);
  });
});
