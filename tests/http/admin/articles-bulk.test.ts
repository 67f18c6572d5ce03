import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA } from "../../helpers/app.js";
import { signedIn } from "../../helpers/articles.js";
import { serve } from "../../helpers/browser.js";
import { buildArticle, buildCategory } from "../../helpers/factories.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser } from "../../helpers/login.js";
import { isIndexed } from "../../helpers/search-index.js";

// Bulk actions on the article list (POST /admin/articles/bulk): each article is checked and changed
// on its own through the single-article services, so what a single change does (search index,
// audit entry, public pages on the next request) happens for each; bad input changes nothing.

// The row checkboxes share the name `ids`, as HTML sends a repeatable field.
const expectValid = htmlChecker({ "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }] });

const draft = (createdById: number, title: string, categoryId?: number) =>
  ({ status: "draft", publishedAt: null, createdById, title, ...(categoryId ? { categoryId } : {}) }) as const;

/** Every article's state that a bulk action could touch, to prove nothing changed. */
async function snapshot(t: Awaited<ReturnType<typeof signedIn>>["t"]) {
  const articles = await t.prisma.article.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, categoryId: true, deletedAt: true, publishedAt: true } });
  return { articles, audit: await t.prisma.auditLog.count({ where: { action: { startsWith: "article." } } }) };
}

describe("bulk actions: an editor", () => {
  it("publishes 3 drafts at once: all public on the very next request, audited 3 times, found by search", async () => {
    const s = await signedIn("editor");
    const base = await serve(s.t);
    const reader = (path: string) => request(base).get(path).set("user-agent", BROWSER_UA);
    const writer = await buildUser(s.t.prisma, { role: "author" });
    const titles = ["Huyện Cờ Đỏ tổng kết một cửa liên thông đợt một", "Huyện Cờ Đỏ tổng kết một cửa liên thông đợt hai", "Huyện Cờ Đỏ tổng kết một cửa liên thông đợt ba"];
    const drafts = [];
    for (const title of titles) drafts.push(await buildArticle(s.t.prisma, draft(writer.id, title)));
    const untouched = await buildArticle(s.t.prisma, draft(writer.id, "Bản nháp không được chọn"));
    // The home page is read first, so any cache holds it without the drafts.
    expect((await reader("/").expect(200)).text).not.toContain(titles[0]);

    const res = await s.agent
      .post("/admin/articles/bulk")
      .type("form")
      .send({ _csrf: s.csrf, action: "publish", ids: drafts.map((d) => String(d.id)), returnTo: "/admin/articles?status=draft&trang=2" })
      .expect(303);
    // Back to the list with its filters and page.
    expect(res.headers.location).toBe("/admin/articles?status=draft&trang=2");
    const list = await s.agent.get("/admin/articles").expect(200);
    expect(list.text).toContain("Đã xuất bản 3 bài.");

    const home = await reader("/").expect(200);
    // Search shows titles with the matched words marked: the results are checked by their links.
    const found = await reader("/tim-kiem?q=co do lien thong").expect(200);
    for (const d of drafts) {
      const stored = await s.t.prisma.article.findUniqueOrThrow({ where: { id: d.id } });
      expect(stored.status).toBe("published");
      expect(home.text).toContain(d.title);
      expect(found.text).toContain(`href="/tin-tuc/${stored.slug}"`);
      await reader(`/tin-tuc/${stored.slug}`).expect(200);
      expect(await isIndexed(s.t.prisma, d.id)).toBe(true);
    }
    const audit = await s.t.prisma.auditLog.findMany({ where: { action: "article.publish" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.target)).toEqual(drafts.map((d) => `bài viết #${d.id}`));
    expect(audit.every((a) => a.userId === s.user.id)).toBe(true);
    expect(await s.t.prisma.article.findUniqueOrThrow({ where: { id: untouched.id } })).toMatchObject({ status: "draft" });
  });

  it("moves articles to another category, audited with both names; unpublishes back to draft", async () => {
    const s = await signedIn("editor");
    const [from, to] = [await buildCategory(s.t.prisma, { name: "Tin cũ" }), await buildCategory(s.t.prisma, { name: "Tin cơ sở" })];
    const a = await buildArticle(s.t.prisma, { categoryId: from.id, title: "Bài đã đăng sẽ chuyển mục" });
    const b = await buildArticle(s.t.prisma, draft(s.user.id, "Bản nháp sẽ chuyển mục", from.id));
    const already = await buildArticle(s.t.prisma, draft(s.user.id, "Đã ở mục đích", to.id));
    const send = (body: object) => s.agent.post("/admin/articles/bulk").set("accept", "application/json").set("x-csrf-token", s.csrf).send(body);

    const moved = await send({ action: "category", categoryId: to.id, ids: [a.id, b.id, already.id] }).expect(200);
    // Already there counts as done, listed as unchanged: nothing written for it.
    expect(moved.body).toEqual({ done: [a.id, b.id, already.id], unchanged: [already.id], refused: [] });
    for (const id of [a.id, b.id]) expect((await s.t.prisma.article.findUniqueOrThrow({ where: { id } })).categoryId).toBe(to.id);
    const audit = await s.t.prisma.auditLog.findMany({ where: { action: "article.move" } });
    expect(audit.map((e) => e.detail).sort()).toEqual(["Bài đã đăng sẽ chuyển mục: Tin cũ → Tin cơ sở", "Bản nháp sẽ chuyển mục: Tin cũ → Tin cơ sở"]);
    const slug = (await s.t.prisma.article.findUniqueOrThrow({ where: { id: a.id } })).slug;
    await request(s.t.app).get(`/tin-tuc/${slug}`).expect(200);

    const form = await s.agent.post("/admin/articles/bulk").type("form").send({ _csrf: s.csrf, action: "unpublish", ids: [String(a.id), String(b.id)] }).expect(303);
    expect(form.headers.location).toBe("/admin/articles");
    expect((await s.agent.get("/admin/articles").expect(200)).text).toContain("Đã chuyển 2 bài về nháp (1 bài vốn đã như vậy nên không cần thay đổi).");
    expect((await s.t.prisma.article.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("draft");
    await request(s.t.app).get(`/tin-tuc/${slug}`).expect(404);
    expect(await s.t.prisma.auditLog.count({ where: { action: "article.unpublish" } })).toBe(1);
  });

  it("publishing an article whose stored time is still to come schedules it; an already published one is unchanged", async () => {
    const s = await signedIn("editor");
    const later = new Date(Date.now() + 24 * 3600_000);
    const pending = await buildArticle(s.t.prisma, { status: "pending", publishedAt: later, createdById: s.user.id, title: "Thông báo lịch tiếp dân tuần sau" });
    const live = await buildArticle(s.t.prisma, { title: "Bài đã đăng từ trước" });
    await s.agent.post("/admin/articles/bulk").type("form").send({ _csrf: s.csrf, action: "publish", ids: [String(pending.id), String(live.id)] }).expect(303);
    expect((await s.agent.get("/admin/articles").expect(200)).text).toContain(
      "Đã xuất bản 2 bài (1 bài có thời điểm đăng trong tương lai nên được lên lịch; 1 bài vốn đã như vậy nên không cần thay đổi).",
    );
    const stored = await s.t.prisma.article.findUniqueOrThrow({ where: { id: pending.id } });
    expect(stored).toMatchObject({ status: "published", publishedAt: later });
    await request(s.t.app).get(`/tin-tuc/${stored.slug}`).expect(404);
    // Only the real change is audited.
    expect((await s.t.prisma.auditLog.findMany({ where: { action: "article.publish" } })).map((a) => a.target)).toEqual([`bài viết #${pending.id}`]);
  });
});

describe("bulk actions: an author's mixed selection", () => {
  it("trash: the own draft is done, someone else's is refused with the reason, nothing else changes", async () => {
    const s = await signedIn("author");
    const other = await buildUser(s.t.prisma, { role: "author" });
    const mine = await buildArticle(s.t.prisma, draft(s.user.id, "Nháp của tôi"));
    const theirs = await buildArticle(s.t.prisma, draft(other.id, "Nháp của đồng nghiệp"));
    const before = await snapshot(s.t);

    await s.agent.post("/admin/articles/bulk").type("form").send({ _csrf: s.csrf, action: "trash", ids: [String(mine.id), String(theirs.id)] }).expect(303);
    const list = await s.agent.get("/admin/articles").expect(200);
    expect(list.text).toContain(
      `Đã chuyển 1 bài vào thùng rác; 1 bài không được phép: bài #${theirs.id} (Bạn chỉ được làm việc với bài viết do chính mình tạo). Mỗi bài được xử lý riêng`,
    );
    // Someone else's title is not shown to an author who cannot see that article.
    expect(list.text).not.toContain("Nháp của đồng nghiệp");

    expect((await s.t.prisma.article.findUniqueOrThrow({ where: { id: mine.id } })).deletedAt).not.toBeNull();
    const after = await snapshot(s.t);
    expect(after.articles.filter((a) => a.id !== mine.id)).toEqual(before.articles.filter((a) => a.id !== mine.id));
    expect(after.audit).toBe(before.audit + 1);
    expect(await s.t.prisma.auditLog.count({ where: { action: "article.trash", target: `bài viết #${mine.id}` } })).toBe(1);
  });

  it("publish: every article refused, none published, the JSON answer names each reason", async () => {
    const s = await signedIn("author");
    const other = await buildUser(s.t.prisma, { role: "author" });
    const mine = await buildArticle(s.t.prisma, draft(s.user.id, "Muốn tự đăng"));
    const theirs = await buildArticle(s.t.prisma, draft(other.id, "Bài người khác"));
    const before = await snapshot(s.t);
    const res = await s.agent
      .post("/admin/articles/bulk")
      .set("accept", "application/json")
      .set("x-csrf-token", s.csrf)
      .send({ action: "publish", ids: [mine.id, theirs.id, 999_999] })
      .expect(200);
    expect(res.body.done).toEqual([]);
    expect(res.body.refused).toEqual([
      { id: mine.id, error: expect.stringContaining("Phóng viên không được xuất bản bài viết.") },
      { id: theirs.id, error: "Bạn chỉ được làm việc với bài viết do chính mình tạo." },
      { id: 999_999, error: "Không tìm thấy bài viết." },
    ]);
    expect(await snapshot(s.t)).toEqual(before);

    const page = await s.agent.post("/admin/articles/bulk").type("form").send({ _csrf: s.csrf, action: "publish", ids: String(mine.id) }).expect(303);
    expect(page.headers.location).toBe("/admin/articles");
    expect((await s.agent.get("/admin/articles").expect(200)).text).toContain("Không bài nào được thay đổi; 1 bài không được phép: «Muốn tự đăng» (Phóng viên không được xuất bản bài viết.");
    expect(await snapshot(s.t)).toEqual(before);
  });
});

describe("bulk actions: bad input changes nothing", () => {
  it("no ids, unknown action, 101 ids, non-numeric ids, unknown or missing category: 422 in Vietnamese", async () => {
    const s = await signedIn("editor");
    const d = await buildArticle(s.t.prisma, draft(s.user.id, "Nháp chờ thao tác"));
    const ids = [String(d.id)];
    const before = await snapshot(s.t);
    const cases: [Record<string, unknown>, string][] = [
      [{ action: "publish", ids: [] }, "Vui lòng chọn ít nhất một bài viết."],
      [{ action: "archive", ids }, "Vui lòng chọn thao tác"],
      [{ action: "publish", ids: Array.from({ length: 101 }, (_, i) => String(d.id + i)) }, "tối đa 100 bài viết"],
      [{ action: "publish", ids: [String(d.id), "abc"] }, "mã bài viết không hợp lệ"],
      [{ action: "category", ids, categoryId: "999999" }, "Chuyên mục đã chọn không tồn tại."],
      [{ action: "category", ids }, "Vui lòng chọn chuyên mục cần chuyển bài đến."],
    ];
    for (const [body, message] of cases) {
      const json = await s.agent.post("/admin/articles/bulk").set("accept", "application/json").set("x-csrf-token", s.csrf).send(body).expect(422);
      expect(json.body.error, JSON.stringify(body)).toContain(message);
      const page = await s.agent.post("/admin/articles/bulk").type("form").send({ ...body, _csrf: s.csrf, returnTo: "/admin/articles?status=draft" }).expect(422);
      // The list again, with the error summary, the message, and what was chosen still ticked.
      expect(page.text).toContain('class="error-summary"');
      expect(page.text).toContain(message);
      expect(page.text).toContain("Nháp chờ thao tác");
    }
    expect(await snapshot(s.t)).toEqual(before);
  });

  it("without the CSRF token: 403 and nothing changed", async () => {
    const s = await signedIn("editor");
    const d = await buildArticle(s.t.prisma, draft(s.user.id, "Nháp không token"));
    const before = await snapshot(s.t);
    await s.agent.post("/admin/articles/bulk").type("form").send({ action: "publish", ids: [String(d.id)] }).expect(403);
    await s.agent.post("/admin/articles/bulk").set("accept", "application/json").send({ action: "trash", ids: [d.id] }).expect(403);
    expect(await snapshot(s.t)).toEqual(before);
  });
});

describe("the list page", () => {
  it("has a labelled checkbox per row inside the bulk form, the action bar and its script", async () => {
    const s = await signedIn("editor");
    const rows = [await buildArticle(s.t.prisma, draft(s.user.id, "Hàng thứ nhất")), await buildArticle(s.t.prisma, draft(s.user.id, "Hàng thứ hai"))];
    const html = (await s.agent.get("/admin/articles?status=draft").expect(200)).text;
    expect(html).toMatch(/<form id="bulk-form"[^>]*action="\/admin\/articles\/bulk"/);
    expect(html).toContain('name="returnTo" value="/admin/articles?status=draft"');
    const boxes = [...html.matchAll(/<input id="(bulk-id-\d+)" type="checkbox" name="ids" value="(\d+)" form="bulk-form"/g)];
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    for (const [, id] of boxes) expect(html).toMatch(new RegExp(`<label for="${id}">Chọn<span class="visually-hidden"> bài: [^<]+</span></label>`));
    for (const row of rows) expect(html).toContain(`<label for="bulk-id-${row.id}">Chọn<span class="visually-hidden"> bài: ${row.title}</span></label>`);
    expect(html).toMatch(/<select id="bulk-action" name="action">/);
    expect(html).toMatch(/<script src="\/assets\/js\/articles-bulk[^"]*\.js" defer>/);
  });

  it("a refused bulk action shows the list again: valid HTML, the error summary linking to the action, the choice kept", async () => {
    const s = await signedIn("editor");
    const row = await buildArticle(s.t.prisma, draft(s.user.id, "Hàng đã chọn"));
    const res = await s.agent.post("/admin/articles/bulk").type("form").send({ _csrf: s.csrf, action: "", ids: [String(row.id)] }).expect(422);
    expect(res.text).toMatch(/<a href="#bulk-action">Vui lòng chọn thao tác/);
    expect(res.text).toContain(`value="${row.id}" form="bulk-form" checked`);
    await expectValid(res.text, "refused bulk action");
  });
});
