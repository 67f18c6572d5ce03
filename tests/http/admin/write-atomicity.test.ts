import request from "supertest";
import { describe, expect, it } from "vitest";
import { databaseKindOf, type PrismaClient } from "../../../src/db.js";
import { reindexArticle } from "../../../src/services/search-index.js";
import { countVisit } from "../../../src/services/visits.js";
import { vnDayKey } from "../../../src/lib/vi-time.js";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { articleForm, signedIn, withVersion } from "../../helpers/articles.js";
import { buildArticle, buildCategory } from "../../helpers/factories.js";
import { buildUser, csrfFrom, loginAs, TEST_PASSWORD } from "../../helpers/login.js";
import { indexRows, isIndexed } from "../../helpers/search-index.js";

// Each admin write is one transaction: its rows, its search index entry and its audit entry commit
// together. The audit entry is written last, so a database trigger that refuses it (as a full disk
// would) shows that everything written before it in the same request is undone.
async function refuseAudit(prisma: PrismaClient, action: string) {
  if (databaseKindOf(prisma) === "postgresql") {
    await prisma.$executeRawUnsafe(
      `CREATE FUNCTION "refuse_audit"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW."action" = '${action}' THEN RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END $$`,
    );
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "refuse_audit" BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "refuse_audit"()`);
    return;
  }
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER "refuse_audit" BEFORE INSERT ON "AuditLog" WHEN NEW."action" = '${action}'
     BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END`,
  );
}

async function allowAudit(prisma: PrismaClient) {
  const onPostgres = databaseKindOf(prisma) === "postgresql";
  await prisma.$executeRawUnsafe(onPostgres ? `DROP TRIGGER "refuse_audit" ON "AuditLog"` : `DROP TRIGGER "refuse_audit"`);
  if (onPostgres) await prisma.$executeRawUnsafe(`DROP FUNCTION "refuse_audit"()`);
}

const json = (agent: ReturnType<typeof request.agent>, csrf: string, path: string) =>
  agent.post(path).set("accept", "application/json").set("x-csrf-token", csrf);

const indexed = isIndexed;

async function libraryPhotos(prisma: PrismaClient) {
  return prisma.photo.findMany({ where: { caption: { not: "Banner" } }, orderBy: { id: "asc" }, take: 3 });
}

describe("an admin write that fails at its last step leaves nothing half-done", () => {
  it("article create: no article, no photo links, no search row", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const [a, b] = await libraryPhotos(t.prisma);
    await refuseAudit(t.prisma, "article.publish");
    const [articles, links] = [await t.prisma.article.count(), await t.prisma.articlePhoto.count()];
    const form = await articleForm(t, csrf, { title: "Bài không được lưu nửa chừng", status: "published", photoIds: [String(a!.id), String(b!.id)] });
    await json(agent, csrf, "/admin/articles").send(form).expect(500);
    expect(await t.prisma.article.count()).toBe(articles);
    expect(await t.prisma.articlePhoto.count()).toBe(links);
    expect((await indexRows(t.prisma)).filter((r) => r.title.includes("nua chung"))).toEqual([]);
  });

  it("article update: title, status and photo list stay as they were, and so does the search index", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const [a, b, c] = await libraryPhotos(t.prisma);
    const draft = await buildArticle(t.prisma, { title: "Bản nháp cũ", status: "draft", publishedAt: null });
    await t.prisma.articlePhoto.createMany({ data: [{ articleId: draft.id, photoId: a!.id, position: 0 }, { articleId: draft.id, photoId: b!.id, position: 1 }] });
    await refuseAudit(t.prisma, "article.publish");
    const form = await articleForm(t, csrf, { title: "Tiêu đề mới", status: "published", photoIds: [String(c!.id)] });
    await json(agent, csrf, `/admin/articles/${draft.id}`).send(await withVersion(t, draft.id, form)).expect(500);
    const after = await t.prisma.article.findUniqueOrThrow({ where: { id: draft.id }, include: { photos: { orderBy: { position: "asc" } } } });
    expect(after.title).toBe("Bản nháp cũ");
    expect(after.status).toBe("draft");
    expect(after.photos.map((p) => p.photoId)).toEqual([a!.id, b!.id]);
    expect(await indexed(t.prisma, draft.id)).toBe(false);
  });

  it("trash, restore and delete: the article keeps its state, its photos and its search row", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const [a] = await libraryPhotos(t.prisma);
    const article = await buildArticle(t.prisma, { title: "Bài vẫn còn trên trang" });
    await t.prisma.articlePhoto.create({ data: { articleId: article.id, photoId: a!.id, position: 0 } });
    await reindexArticle(t.prisma, article.id);
    expect(await indexed(t.prisma, article.id)).toBe(true);

    await refuseAudit(t.prisma, "article.trash");
    await json(agent, csrf, `/admin/articles/${article.id}/trash`).expect(500);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).deletedAt).toBeNull();
    expect(await indexed(t.prisma, article.id)).toBe(true);

    await allowAudit(t.prisma);
    await json(agent, csrf, `/admin/articles/${article.id}/trash`).expect(200);
    await refuseAudit(t.prisma, "article.restore");
    await json(agent, csrf, `/admin/articles/${article.id}/restore`).expect(500);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).deletedAt).not.toBeNull();
    expect(await indexed(t.prisma, article.id)).toBe(false);

    await allowAudit(t.prisma);
    await refuseAudit(t.prisma, "article.delete");
    await json(agent, csrf, `/admin/articles/${article.id}/delete`).expect(500);
    const kept = await t.prisma.article.findUnique({ where: { id: article.id }, include: { photos: true } });
    expect(kept?.photos.map((p) => p.photoId)).toEqual([a!.id]);
  });

  it("settings: the old values stay", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "admin" }));
    const { id: _id, updatedAt: _u, ...fields } = await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
    await refuseAudit(t.prisma, "settings.update");
    await json(agent, csrf, "/admin/settings").send({ ...fields, hotline1: "0292 3 111 222", bannerPhotoId: fields.bannerPhotoId ?? "" }).expect(500);
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).hotline1).toBe(fields.hotline1);
  });

  it("categories: create, rename and delete change nothing", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const before = await t.prisma.category.count();
    await refuseAudit(t.prisma, "category.create");
    await json(agent, csrf, "/admin/categories").send({ name: "Chuyên mục nửa chừng" }).expect(500);
    expect(await t.prisma.category.count()).toBe(before);

    const category = await buildCategory(t.prisma, { name: "Tên cũ" });
    await allowAudit(t.prisma);
    await refuseAudit(t.prisma, "category.update");
    await json(agent, csrf, `/admin/categories/${category.id}`).send({ name: "Tên mới" }).expect(500);
    expect((await t.prisma.category.findUniqueOrThrow({ where: { id: category.id } })).name).toBe("Tên cũ");

    await allowAudit(t.prisma);
    await refuseAudit(t.prisma, "category.delete");
    await json(agent, csrf, `/admin/categories/${category.id}/delete`).expect(500);
    expect(await t.prisma.category.findUnique({ where: { id: category.id } })).not.toBeNull();
  });

  it("feedback status: stays new", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const message = await t.prisma.feedbackMessage.create({
      data: { name: "Nguyễn Văn A", email: "a@example.vn", phone: "", subject: "Hỏi về một cửa", message: "Nội dung", ip: "127.0.0.1" },
    });
    await refuseAudit(t.prisma, "feedback.status");
    await json(agent, csrf, `/admin/feedback/${message.id}/status`).send({ status: "closed" }).expect(500);
    expect((await t.prisma.feedbackMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("new");
  });

  it("own password change: the old password still signs in, the new one does not", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma, { role: "author" });
    const { agent, csrf } = await loginAs(t, user);
    await refuseAudit(t.prisma, "account.password");
    const newPassword = "Cau-Ninh-Kieu-luc-binh-minh";
    await json(agent, csrf, "/admin/tai-khoan/mat-khau").send({ currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword }).expect(500);
    const signsIn = async (password: string) => {
      const browser = request.agent(t.app);
      const token = await csrfFrom(browser, "/admin/login");
      return (await browser.post("/admin/login").type("form").send({ email: user.email, password, _csrf: token })).status === 303;
    };
    expect(await signsIn(newPassword)).toBe(false);
    expect(await signsIn(TEST_PASSWORD)).toBe(true);
  });
});

describe("a transaction and the queries outside it", () => {
  // One SQLite connection serves the whole app: a query that ran while someone else's transaction
  // was open used to run inside it, see its unfinished rows, and vanish with it on rollback.
  it("a visit counted during someone else's failed transaction is kept, and no reader sees that transaction's rows", async () => {
    const t: TestApp = await createTestApp();
    const today = vnDayKey(new Date());
    const before = (await t.prisma.visitDay.findUnique({ where: { day: today } }))?.count ?? 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const begun = new Promise<void>((resolve) => (inside = resolve));
    const failing = t.prisma
      .$transaction(async (tx) => {
        await tx.visitDay.create({ data: { day: "1999-01-01", count: 99 } });
        inside();
        await held;
        throw new Error("rolled back");
      })
      .catch((error: Error) => error.message);
    await begun;
    const visit = countVisit(t.prisma, () => new Date());
    const read = t.prisma.visitDay.findUnique({ where: { day: "1999-01-01" } });
    setTimeout(release, 50);
    expect(await failing).toBe("rolled back");
    await visit;
    expect(await read).toBeNull();
    expect(await t.prisma.visitDay.findUnique({ where: { day: "1999-01-01" } })).toBeNull();
    expect((await t.prisma.visitDay.findUniqueOrThrow({ where: { day: today } })).count).toBe(before + 1);
  });
});
