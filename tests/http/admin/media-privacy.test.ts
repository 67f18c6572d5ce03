import { describe, expect, it } from "vitest";
import { signedIn } from "../../helpers/articles.js";
import { buildArticle } from "../../helpers/factories.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { png } from "../../helpers/images.js";

// Review finding 4: a reporter could read the titles of others' unpublished articles through a
// photo they uploaded (the photo page's "used in" list and the refusal to delete it).
describe("a reporter's own photo used in others' articles", () => {
  async function setUp() {
    const s = await signedIn("author");
    const res = await s.agent
      .post("/admin/media")
      .set("Accept", "application/json")
      .field("_csrf", s.csrf)
      .field("caption", "Ảnh của phóng viên")
      .attach("file", await png(), { filename: "anh.png", contentType: "image/png" })
      .expect(201);
    const photoId = res.body.id as number;
    const editor = await buildUser(s.t.prisma, { role: "editor" });
    const secret = await buildArticle(s.t.prisma, { title: "Dự thảo kế hoạch bí mật của biên tập viên", status: "draft", createdById: editor.id });
    const live = await buildArticle(s.t.prisma, { title: "Bài đã đăng dùng ảnh", status: "published", createdById: editor.id });
    const own = await buildArticle(s.t.prisma, { title: "Nháp của chính phóng viên", status: "draft", createdById: s.user.id });
    for (const [position, article] of [secret, live, own].entries()) {
      await s.t.prisma.articlePhoto.create({ data: { articleId: article.id, photoId, position } });
    }
    return { ...s, photoId };
  }

  it("shows the titles of published and own articles only, and counts the others", async () => {
    const { agent, photoId } = await setUp();
    const page = await agent.get(`/admin/media/${photoId}`).expect(200);
    expect(page.text).not.toContain("Dự thảo kế hoạch bí mật");
    expect(page.text).toContain("Bài đã đăng dùng ảnh");
    expect(page.text).toContain("Nháp của chính phóng viên");
    expect(page.text).toContain("1 bài viết chưa đăng của người khác");
  });

  it("refuses the delete without naming the others' draft, and keeps the photo", async () => {
    const { t, agent, csrf, photoId } = await setUp();
    const res = await agent.post(`/admin/media/${photoId}/delete`).set("Accept", "application/json").type("form").send({ _csrf: csrf }).expect(409);
    expect(res.body.error).toContain("3 bài viết");
    expect(res.body.error).not.toContain("bí mật");
    expect(res.body.error).toContain("1 bài của người khác chưa đăng");
    expect(await t.prisma.photo.count({ where: { id: photoId } })).toBe(1);
  });

  it("still shows an editor every title", async () => {
    const { t, photoId } = await setUp();
    const session = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    const page = await session.agent.get(`/admin/media/${photoId}`).expect(200);
    expect(page.text).toContain("Dự thảo kế hoạch bí mật của biên tập viên");
    expect(page.text).not.toContain("chưa đăng của người khác");
  });
});
