import request from "supertest";
import { describe, expect, it } from "vitest";
import { signedIn } from "../../helpers/articles.js";
import { buildArticle } from "../../helpers/factories.js";
import { buildUser } from "../../helpers/login.js";
import { png } from "../../helpers/images.js";

// Review finding 1: the CSRF check was skipped for every multipart body, and only the two upload
// routes checked the token afterwards, so a cross-site multipart form could trash, restore,
// delete, lock an account or log out. Now only registered upload routes may defer the check.
describe("multipart requests without a CSRF token", () => {
  const multipartWithoutToken = (agent: ReturnType<typeof request.agent>, path: string) =>
    agent.post(path).set("Accept", "application/json").field("confirm", "1");

  it("cannot trash, restore or delete an article", async () => {
    const { t, agent, user } = await signedIn("admin");
    const live = await buildArticle(t.prisma, { createdById: user.id });
    const trashed = await buildArticle(t.prisma, { createdById: user.id, deletedAt: new Date() });

    const trash = await multipartWithoutToken(agent, `/admin/articles/${live.id}/trash`).expect(403);
    expect(trash.body.error).toMatch(/biểu mẫu không hợp lệ/);
    await multipartWithoutToken(agent, `/admin/articles/${trashed.id}/restore`).expect(403);
    await multipartWithoutToken(agent, `/admin/articles/${trashed.id}/delete`).expect(403);

    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: live.id } })).deletedAt).toBeNull();
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: trashed.id } })).deletedAt).not.toBeNull();
  });

  it("cannot lock an account or end the session", async () => {
    const { t, agent } = await signedIn("admin");
    const colleague = await buildUser(t.prisma, { role: "editor" });
    await multipartWithoutToken(agent, `/admin/users/${colleague.id}/disable`).expect(403);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: colleague.id } })).disabled).toBe(false);

    await multipartWithoutToken(agent, "/admin/logout").expect(403);
    await agent.get("/admin").expect(200);
  });

  it("cannot upload a photo or send the contact form", async () => {
    const { t, agent } = await signedIn("editor");
    const before = await t.prisma.photo.count();
    await agent.post("/admin/media").field("caption", "x").attach("file", await png(), "a.png").expect(403);
    expect(await t.prisma.photo.count()).toBe(before);

    const feedback = await t.prisma.feedbackMessage.count();
    await request(t.app).post("/lien-he").field("name", "A").field("message", "x").expect(403);
    expect(await t.prisma.feedbackMessage.count()).toBe(feedback);
  });

  it("still acts when the token comes in the x-csrf-token header, for any body type", async () => {
    const { t, agent, csrf, user } = await signedIn("editor");
    const article = await buildArticle(t.prisma, { createdById: user.id });
    await agent.post(`/admin/articles/${article.id}/trash`).set("Accept", "application/json").set("x-csrf-token", csrf).field("confirm", "1").expect(200);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).deletedAt).not.toBeNull();
  });

  it("still uploads with the token inside the multipart body", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    await agent.post("/admin/media").set("Accept", "application/json").field("_csrf", csrf).attach("file", await png(), "a.png").expect(201);
    expect(await t.prisma.photo.count({ where: { originalName: "a.png" } })).toBe(1);
  });
});
