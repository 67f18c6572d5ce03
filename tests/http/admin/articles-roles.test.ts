import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { articleForm, idFromLocation, signedIn, withVersion } from "../../helpers/articles.js";
import { buildArticle } from "../../helpers/factories.js";
import { buildUser, loginAs } from "../../helpers/login.js";

const PUBLISH_REFUSED = "Phóng viên không được xuất bản bài viết.";

async function withAuthor() {
  const { user: author, ...rest } = await signedIn("author");
  return { author, ...rest };
}

describe("what an author (reporter) may do", () => {
  it("writes a draft, then submits it for review; the form offers no publish choice", async () => {
    const { t, agent, csrf, author } = await withAuthor();
    const page = await agent.get("/admin/articles/new").expect(200);
    expect(page.text).toContain("Gửi duyệt");
    expect(page.text).not.toMatch(/name="status" value="published"/);

    const form = await articleForm(t, csrf, { title: "Bài của phóng viên" });
    const res = await agent.post("/admin/articles").type("form").send(form).expect(303);
    const id = idFromLocation(res.headers.location);
    await agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, { ...form, status: "pending" })).expect(303);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ status: "pending", createdById: author.id, publishedAt: null });
    const edit = await agent.get(`/admin/articles/${id}/edit`).expect(200);
    expect(edit.text).toContain("Đã gửi bài để biên tập viên duyệt.");
  });

  it("gets 403 in Vietnamese when trying to publish, and nothing is stored or changed", async () => {
    const { t, agent, csrf, author } = await withAuthor();
    const before = await t.prisma.article.count();
    const form = await articleForm(t, csrf, { title: "Muốn tự đăng", status: "published" });
    const res = await agent.post("/admin/articles").type("form").send(form).expect(403);
    expect(res.text).toContain(PUBLISH_REFUSED);
    const json = await agent.post("/admin/articles").set("accept", "application/json").send(form).expect(403);
    expect(json.body.error).toContain(PUBLISH_REFUSED);
    expect(await t.prisma.article.count()).toBe(before);

    const draft = await buildArticle(t.prisma, { status: "draft", publishedAt: null, createdById: author.id, title: "Nháp cũ" });
    await agent.post(`/admin/articles/${draft.id}`).type("form").send(form).expect(403);
    expect(await t.prisma.article.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "draft", title: "Nháp cũ" });
    expect(await t.prisma.auditLog.count({ where: { action: "article.publish" } })).toBe(0);
  });

  it("cannot open, change, preview or trash someone else's article (403)", async () => {
    const { t, agent, csrf } = await withAuthor();
    const other = await buildUser(t.prisma, { role: "author" });
    const theirs = await buildArticle(t.prisma, { status: "draft", publishedAt: null, createdById: other.id, title: "Bài của người khác" });
    const form = await articleForm(t, csrf, { title: "Sửa trộm" });
    const edit = await agent.get(`/admin/articles/${theirs.id}/edit`).expect(403);
    expect(edit.text).toContain("Bạn chỉ được làm việc với bài viết do chính mình tạo.");
    await agent.post(`/admin/articles/${theirs.id}`).type("form").send(form).expect(403);
    await agent.get(`/admin/articles/${theirs.id}/preview`).expect(403);
    await agent.post(`/admin/articles/${theirs.id}/trash`).type("form").send({ _csrf: csrf }).expect(403);
    expect(await t.prisma.article.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ title: "Bài của người khác", deletedAt: null });
  });

  it("cannot change an own article once an editor has published it", async () => {
    const { t, agent, csrf, author } = await withAuthor();
    const published = await buildArticle(t.prisma, { createdById: author.id, title: "Đã được duyệt" });
    const res = await agent
      .post(`/admin/articles/${published.id}`)
      .type("form")
      .send(await articleForm(t, csrf, { title: "Gỡ xuống", status: "draft" }))
      .expect(403);
    expect(res.text).toContain("chỉ biên tập viên mới được thay đổi");
    await agent.post(`/admin/articles/${published.id}/trash`).type("form").send({ _csrf: csrf }).expect(403);
    expect(await t.prisma.article.findUniqueOrThrow({ where: { id: published.id } })).toMatchObject({ status: "published", deletedAt: null });
  });

  it("sees only their own articles in the list", async () => {
    const { t, agent, author } = await withAuthor();
    await buildArticle(t.prisma, { createdById: author.id, title: "Bài của tôi", status: "draft", publishedAt: null });
    const other = await buildUser(t.prisma, { role: "author" });
    await buildArticle(t.prisma, { createdById: other.id, title: "Bài của đồng nghiệp", status: "draft", publishedAt: null });
    const res = await agent.get("/admin/articles").expect(200);
    expect(res.text).toContain("Bài của tôi");
    expect(res.text).not.toContain("Bài của đồng nghiệp");
    expect(res.text).not.toContain("Thành phố Cần Thơ phân tích Chỉ số");
  });

  it("cannot delete for good, even from the trash", async () => {
    const { t, agent, csrf, author } = await withAuthor();
    const trashed = await buildArticle(t.prisma, { createdById: author.id, status: "draft", publishedAt: null, deletedAt: new Date() });
    const res = await agent.post(`/admin/articles/${trashed.id}/delete`).type("form").send({ _csrf: csrf }).expect(403);
    expect(res.text).toContain("Bạn không có quyền");
    expect(await t.prisma.article.findUnique({ where: { id: trashed.id } })).not.toBeNull();
    // Restoring an own draft is fine.
    await agent.post(`/admin/articles/${trashed.id}/restore`).type("form").send({ _csrf: csrf }).expect(303);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: trashed.id } })).deletedAt).toBeNull();
  });
});

describe("what an editor may do", () => {
  it("edits and publishes anyone's article, and the publish is in the audit log", async () => {
    const t = await createTestApp();
    const author = await buildUser(t.prisma, { role: "author" });
    const editor = await buildUser(t.prisma, { role: "editor" });
    const draft = await buildArticle(t.prisma, { createdById: author.id, status: "pending", publishedAt: null, title: "Chờ duyệt" });
    const { agent, csrf } = await loginAs(t, editor);
    await agent.get(`/admin/articles/${draft.id}/edit`).expect(200);
    const form = await articleForm(t, csrf, { title: "Chờ duyệt", status: "published" });
    await agent.post(`/admin/articles/${draft.id}`).type("form").send(await withVersion(t, draft.id, form)).expect(303);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: draft.id } });
    expect(stored.status).toBe("published");
    // The article still belongs to the reporter who wrote it.
    expect(stored.createdById).toBe(author.id);
    await request(t.app).get(`/tin-tuc/${stored.slug}`).expect(200);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "article.publish" } });
    expect(audit).toMatchObject({ userId: editor.id, target: `bài viết #${draft.id}` });

    // Back to draft: unpublished, audited, gone from the public site.
    await agent.post(`/admin/articles/${draft.id}`).type("form").send(await withVersion(t, draft.id, { ...form, status: "draft" })).expect(303);
    await request(t.app).get(`/tin-tuc/${stored.slug}`).expect(404);
    expect(await t.prisma.auditLog.count({ where: { action: "article.unpublish" } })).toBe(1);
  });

  it("is not signed in: the list sends to the login page and a POST is refused", async () => {
    const t = await createTestApp();
    const before = await t.prisma.article.count();
    await request(t.app).get("/admin/articles").expect(303).expect("location", "/admin/login?next=%2Fadmin%2Farticles");
    const res = await request(t.app).post("/admin/articles").set("accept", "application/json").send({ title: "Không đăng nhập" }).expect(403);
    expect(res.body.error).toContain("Vui lòng tải lại trang");
    expect(await t.prisma.article.count()).toBe(before);
  });
});
