import request from "supertest";
import { describe, expect, it } from "vitest";
import { articleForm, idFromLocation, signedIn, withVersion } from "../../helpers/articles.js";
import { testClock } from "../../helpers/clock.js";
import { buildArticle, buildAuthor, buildCategory } from "../../helpers/factories.js";
import { buildUser, loginAs } from "../../helpers/login.js";

// 09:00 on 1 December 2026 in Vietnam.
const NOW = "2026-12-01T02:00:00Z";

async function editorAt(iso = NOW) {
  const clock = testClock(iso);
  // The clock jumps hours ahead while the editor stays signed in: allow a whole day idle.
  return { clock, ...(await signedIn("editor", { clock, env: { SESSION_IDLE_MINUTES: "1440" } })) };
}

describe("publishing times", () => {
  it("publishing without a time uses the current time, shown in Vietnam time", async () => {
    const { t, agent, csrf } = await editorAt();
    const res = await agent.post("/admin/articles").type("form").send(await articleForm(t, csrf, { status: "published" })).expect(303);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: idFromLocation(res.headers.location) } });
    expect(stored.publishedAt?.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    const list = await agent.get("/admin/articles").expect(200);
    expect(list.text).toContain("09:00 - 01/12/2026");
  });

  it("a future time schedules the article: invisible before, public by itself once the clock passes it", async () => {
    const { t, clock, agent, csrf } = await editorAt();
    const form = await articleForm(t, csrf, {
      title: "Thông báo lịch tiếp công dân tháng 12",
      status: "published",
      publishedAt: "2026-12-01T15:30",
      featured: "on",
    });
    const res = await agent.post("/admin/articles").type("form").send(form).expect(303);
    const id = idFromLocation(res.headers.location);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    expect(stored.publishedAt?.toISOString()).toBe("2026-12-01T08:30:00.000Z");

    const edit = await agent.get(res.headers.location!).expect(200);
    expect(edit.text).toContain("Đã lên lịch: bài sẽ tự động đăng lúc 15:30 - 01/12/2026.");
    const list = await agent.get("/admin/articles?status=scheduled").expect(200);
    expect(list.text).toContain("Thông báo lịch tiếp công dân tháng 12");
    expect(list.text).toContain("Đã lên lịch");

    await request(t.app).get(`/tin-tuc/${stored.slug}`).expect(404);
    expect((await request(t.app).get("/").expect(200)).text).not.toContain("Thông báo lịch tiếp công dân tháng 12");

    clock.set("2026-12-01T08:29:00Z");
    await request(t.app).get(`/tin-tuc/${stored.slug}`).expect(404);
    clock.set("2026-12-01T08:31:00Z");
    await request(t.app).get(`/tin-tuc/${stored.slug}`).expect(200);
    expect((await request(t.app).get("/").expect(200)).text).toContain("Thông báo lịch tiếp công dân tháng 12");
    const published = await agent.get("/admin/articles?status=published").expect(200);
    expect(published.text).toContain("Thông báo lịch tiếp công dân tháng 12");
  });

  it("re-saving a published article keeps its time, so a typo fix does not move it to the top", async () => {
    const { t, clock, agent, csrf } = await editorAt();
    const form = await articleForm(t, csrf, { status: "published" });
    const res = await agent.post("/admin/articles").type("form").send(form).expect(303);
    const id = idFromLocation(res.headers.location);
    clock.advance(3 * 60 * 60 * 1000);
    await agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, { ...form, title: "Sửa lỗi chính tả" })).expect(303);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    expect(stored.publishedAt?.toISOString()).toBe("2026-12-01T02:00:00.000Z");
  });
});

describe("the trash", () => {
  it("trash hides at once, restore brings it back, delete for good only from the trash; each step audited", async () => {
    const { t, agent, csrf } = await editorAt();
    const article = await buildArticle(t.prisma, { title: "Bài sẽ bị xoá", publishedAt: new Date("2026-11-30T02:00:00Z") });
    await request(t.app).get(`/tin-tuc/${article.slug}`).expect(200);

    const early = await agent.post(`/admin/articles/${article.id}/delete`).type("form").send({ _csrf: csrf }).expect(409);
    expect(early.text).toContain("Chỉ xoá vĩnh viễn được bài viết đã nằm trong thùng rác.");

    await agent.post(`/admin/articles/${article.id}/trash`).type("form").send({ _csrf: csrf }).expect(303).expect("location", "/admin/articles");
    await request(t.app).get(`/tin-tuc/${article.slug}`).expect(404);
    expect((await request(t.app).get("/").expect(200)).text).not.toContain("Bài sẽ bị xoá");
    expect((await agent.get("/admin/articles").expect(200)).text).not.toContain("Bài sẽ bị xoá");
    const trash = await agent.get("/admin/articles?status=trash").expect(200);
    expect(trash.text).toContain("Bài sẽ bị xoá");
    expect(trash.text).toContain(`action="/admin/articles/${article.id}/restore"`);
    // A trashed article is not edited or previewed until restored.
    await agent.get(`/admin/articles/${article.id}/edit`).expect(409);

    await agent.post(`/admin/articles/${article.id}/restore`).type("form").send({ _csrf: csrf }).expect(303);
    await request(t.app).get(`/tin-tuc/${article.slug}`).expect(200);

    await agent.post(`/admin/articles/${article.id}/trash`).set("accept", "application/json").set("x-csrf-token", csrf).send({}).expect(200);
    const gone = await agent.post(`/admin/articles/${article.id}/delete`).set("accept", "application/json").set("x-csrf-token", csrf).send({});
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ id: article.id, url: "/admin/articles?status=trash" });
    expect(await t.prisma.article.findUnique({ where: { id: article.id } })).toBeNull();

    const actions = (await t.prisma.auditLog.findMany({ where: { target: `bài viết #${article.id}` }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["article.trash", "article.restore", "article.trash", "article.delete"]);
  });

  it("refuses trash actions without a CSRF token", async () => {
    const { t, agent } = await editorAt();
    const article = await buildArticle(t.prisma);
    await agent.post(`/admin/articles/${article.id}/trash`).type("form").send({}).expect(403);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).deletedAt).toBeNull();
  });
});

describe("preview", () => {
  it("shows an unpublished article to staff in the public layout, marked noindex", async () => {
    const { t, agent } = await editorAt();
    const draft = await buildArticle(t.prisma, { title: "Bản nháp bí mật", status: "draft", publishedAt: null });
    await request(t.app).get(`/tin-tuc/${draft.slug}`).expect(404);
    const res = await agent.get(`/admin/articles/${draft.id}/preview`).expect(200);
    expect(res.text).toContain("Bản nháp bí mật");
    expect(res.text).toContain("Bản xem trước");
    expect(res.text).toContain("Nháp");
    expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(res.headers["x-robots-tag"]).toBe("noindex, nofollow");
    expect(res.text).toContain('class="site-header"');
  });

  it("sends visitors to the login page and lets an author preview only their own", async () => {
    const { t } = await editorAt();
    const author = await buildUser(t.prisma, { role: "author" });
    const own = await buildArticle(t.prisma, { status: "draft", publishedAt: null, createdById: author.id });
    const other = await buildArticle(t.prisma, { status: "draft", publishedAt: null });
    await request(t.app).get(`/admin/articles/${own.id}/preview`).expect(303).expect("location", `/admin/login?next=%2Fadmin%2Farticles%2F${own.id}%2Fpreview`);
    const { agent } = await loginAs(t, author);
    await agent.get(`/admin/articles/${own.id}/preview`).expect(200);
    const refused = await agent.get(`/admin/articles/${other.id}/preview`).expect(403);
    expect(refused.text).toContain("Bạn chỉ được xem trước bài viết do chính mình tạo.");
  });
});

describe("the list", () => {
  it("filters by status, category, author and title text (ignoring diacritics) and pages with ?trang", async () => {
    const { t, agent } = await editorAt();
    const category = await buildCategory(t.prisma, { name: "Chuyên mục lọc" });
    const byline = await buildAuthor(t.prisma, { name: "Phóng viên lọc" });
    await buildArticle(t.prisma, { title: "Hội thảo số hoá hồ sơ", categoryId: category.id, authorId: byline.id, status: "pending", publishedAt: null });
    await buildArticle(t.prisma, { title: "Tập huấn một cửa", categoryId: category.id, status: "draft", publishedAt: null });

    const byCategory = await agent.get(`/admin/articles?categoryId=${category.id}`).expect(200);
    expect(byCategory.text).toContain("Hội thảo số hoá hồ sơ");
    expect(byCategory.text).toContain("Tập huấn một cửa");
    expect(byCategory.text).not.toContain("Thành phố Cần Thơ phân tích Chỉ số");

    const byAuthor = await agent.get(`/admin/articles?authorId=${byline.id}`).expect(200);
    expect(byAuthor.text).toContain("Hội thảo số hoá hồ sơ");
    expect(byAuthor.text).not.toContain("Tập huấn một cửa");

    const byStatus = await agent.get("/admin/articles?status=pending").expect(200);
    expect(byStatus.text).toContain("Hội thảo số hoá hồ sơ");
    expect(byStatus.text).not.toContain("Tập huấn một cửa");
    expect(byStatus.text).toMatch(/badge-pending">Chờ duyệt/);

    const byText = await agent.get("/admin/articles?q=SO%20HOA").expect(200);
    expect(byText.text).toContain("Hội thảo số hoá hồ sơ");
    expect(byText.text).not.toContain("Tập huấn một cửa");

    await agent.get("/admin/articles?status=bogus").expect(400);
  });

  it("pages through many articles with ?trang=N", async () => {
    const { t, agent } = await editorAt();
    const category = await buildCategory(t.prisma);
    for (let i = 1; i <= 23; i++) {
      await buildArticle(t.prisma, { title: `Bài đánh số ${String(i).padStart(2, "0")}`, categoryId: category.id });
    }
    const first = await agent.get(`/admin/articles?categoryId=${category.id}`).expect(200);
    expect(first.text).toContain("Tổng cộng 23 bài, trang 1/2");
    expect(first.text).toContain(`href="/admin/articles?categoryId=${category.id}&amp;trang=2"`);
    const second = await agent.get(`/admin/articles?categoryId=${category.id}&trang=2`).expect(200);
    expect(second.text).toContain("trang 2/2");
    expect((second.text.match(/class="article-title-cell"/g) ?? []).length).toBe(3);
  });
});
