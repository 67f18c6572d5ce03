import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { fixture, leftovers } from "../../helpers/attachments.js";
import { buildDocument } from "../../helpers/documents.js";
import { documentCounts, documentForm, documentsSetup } from "../../helpers/documents-admin.js";
import { eventually } from "../../helpers/eventually.js";
import { buildUser } from "../../helpers/login.js";

const json = (agent: ReturnType<typeof request.agent>, csrf: string, path: string) =>
  agent.post(path).set("accept", "application/json").set("x-csrf-token", csrf);

describe("what an author (reporter) may do with documents", () => {
  it("saves a draft, but publishing answers 403 in Vietnamese and stores nothing", async () => {
    const { t, agent, csrf, user, type, issuer, sector } = await documentsSetup(createTestApp, "author");
    const form = await agent.get("/admin/documents/new").expect(200);
    expect(form.text).not.toContain('value="published"');

    const before = await documentCounts(t);
    const refused = await json(agent, csrf, "/admin/documents").send(documentForm({ type, issuer, sector }, { status: "published" })).expect(403);
    expect(refused.body.error).toBe("Phóng viên không được đăng văn bản. Hãy lưu nháp để biên tập viên kiểm tra và đăng.");
    const page = await agent.post("/admin/documents").type("form").send({ ...documentForm({ type, issuer, sector }, { status: "published" }), _csrf: csrf }).expect(403);
    expect(page.text).toContain("Phóng viên không được đăng văn bản.");
    expect(await documentCounts(t)).toEqual(before);

    const draft = await json(agent, csrf, "/admin/documents").send(documentForm({ type, issuer, sector }, { status: "draft" })).expect(201);
    const row = await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: draft.body.id } });
    expect(row).toMatchObject({ status: "draft", createdById: user.id, publishedAt: null });
    // Editing the own draft works; publishing it on update is refused the same way.
    await json(agent, csrf, `/admin/documents/${row.id}`).send(documentForm({ type, issuer, sector }, { status: "draft", title: "Sửa nháp" })).expect(200);
    await json(agent, csrf, `/admin/documents/${row.id}`).send(documentForm({ type, issuer, sector }, { status: "published" })).expect(403);
    expect((await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("draft");
  });

  it("cannot open, edit, trash or remove files of another person's document, nor its own once published", async () => {
    const { t, agent, csrf, user, type, issuer, sector } = await documentsSetup(createTestApp, "author");
    const colleague = await buildUser(t.prisma, { role: "author" });
    const theirs = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, status: "draft", createdById: colleague.id, title: "Nháp của người khác" });
    const published = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, createdById: user.id });
    const file = await t.prisma.attachment.create({
      data: { fileKey: "0".repeat(32) + ".pdf", originalName: "a.pdf", contentType: "application/pdf", extension: "pdf", size: 1, ownerType: "document", ownerId: theirs.id },
    });
    const before = await documentCounts(t);

    const edit = await agent.get(`/admin/documents/${theirs.id}/edit`).expect(403);
    expect(edit.text).toContain("Bạn chỉ được làm việc với văn bản do chính mình tạo.");
    await json(agent, csrf, `/admin/documents/${theirs.id}`).send(documentForm({ type, issuer, sector }, { status: "draft" })).expect(403);
    await json(agent, csrf, `/admin/documents/${theirs.id}/trash`).expect(403);
    await json(agent, csrf, `/admin/documents/${theirs.id}/attachments/${file.id}/delete`).expect(403);
    const own = await json(agent, csrf, `/admin/documents/${published.id}`).send(documentForm({ type, issuer, sector }, { status: "draft" })).expect(403);
    expect(own.body.error).toBe("Văn bản này đã được đăng; chỉ biên tập viên mới được thay đổi.");
    expect(await documentCounts(t)).toEqual(before);
    expect((await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: theirs.id } })).deletedAt).toBeNull();

    // Their list shows only their own documents.
    const list = await agent.get("/admin/documents").expect(200);
    expect(list.text).not.toContain("Nháp của người khác");
    // The lists of types, issuers and fields are for editors.
    await agent.get("/admin/document-types").expect(403);
    await agent.get("/admin/sectors").expect(403);
  });

  it("trashes and restores an own draft, but only editors delete for good", async () => {
    const { t, agent, csrf, user, type, issuer } = await documentsSetup(createTestApp, "author");
    const draft = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, status: "draft", createdById: user.id });
    await json(agent, csrf, `/admin/documents/${draft.id}/trash`).expect(200);
    await json(agent, csrf, `/admin/documents/${draft.id}/delete`).expect(403);
    await json(agent, csrf, `/admin/documents/${draft.id}/restore`).expect(200);
    expect((await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: draft.id } })).deletedAt).toBeNull();
  });
});

describe("the trash and what the public sees", () => {
  it("a draft is not public (404); published it is; trashed it is gone from the page, list, feed and links", async () => {
    const { t, agent, csrf, type, issuer, sector } = await documentsSetup(createTestApp);
    const created = await json(agent, csrf, "/admin/documents").send(documentForm({ type, issuer, sector }, { status: "draft", number: "70/2024/QĐ-UBND" })).expect(201);
    const doc = await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: created.body.id } });
    await request(t.app).get(`/van-ban/${doc.slug}`).expect(404);
    expect((await request(t.app).get(`/van-ban?loai=${type.slug}`)).text).not.toContain("70/2024/QĐ-UBND");

    await json(agent, csrf, `/admin/documents/${doc.id}`).send(documentForm({ type, issuer, sector }, { number: "70/2024/QĐ-UBND" })).expect(200);
    await request(t.app).get(`/van-ban/${doc.slug}`).expect(200);
    expect((await request(t.app).get(`/van-ban?loai=${type.slug}`)).text).toContain("70/2024/QĐ-UBND");
    expect((await request(t.app).get("/van-ban/rss.xml")).text).toContain("70/2024/QĐ-UBND");

    const trashed = await json(agent, csrf, `/admin/documents/${doc.id}/trash`).expect(200);
    expect(trashed.body).toEqual({ id: doc.id, url: "/admin/documents" });
    await request(t.app).get(`/van-ban/${doc.slug}`).expect(404);
    expect((await request(t.app).get(`/van-ban?loai=${type.slug}`)).text).not.toContain("70/2024/QĐ-UBND");
    expect((await request(t.app).get("/van-ban/rss.xml")).text).not.toContain("70/2024/QĐ-UBND");
    expect((await agent.get("/admin/documents?status=trash")).text).toContain("70/2024/QĐ-UBND");
    // A trashed document cannot be edited until restored.
    await json(agent, csrf, `/admin/documents/${doc.id}`).send(documentForm({ type, issuer, sector })).expect(409);

    await json(agent, csrf, `/admin/documents/${doc.id}/restore`).expect(200);
    await request(t.app).get(`/van-ban/${doc.slug}`).expect(200);
    const actions = (await t.prisma.auditLog.findMany({ where: { target: `văn bản #${doc.id}` }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["document.create", "document.update", "document.publish", "document.trash", "document.restore"]);
  });

  it("restoring is refused (409) when another document took the number meanwhile", async () => {
    const { t, agent, csrf, type, issuer } = await documentsSetup(createTestApp);
    const trashed = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "71/2024/QĐ-UBND", deletedAt: new Date() });
    await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "71/2024/QĐ-UBND" });
    const res = await json(agent, csrf, `/admin/documents/${trashed.id}/restore`).expect(409);
    expect(res.body.error).toMatch(/số ký hiệu “71\/2024\/QĐ-UBND” đã có/);
  });

  it("deletes for good from the trash only: row, links and stored files", async () => {
    const { t, agent, csrf, type, issuer, sector } = await documentsSetup(createTestApp);
    const other = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id });
    const created = await agent.post("/admin/documents").set("accept", "application/json").field("_csrf", csrf)
      .field("number", "72/2024/QĐ-UBND").field("title", "Văn bản sẽ xoá").field("typeId", String(type.id)).field("issuerId", String(issuer.id))
      .field("fieldId", String(sector.id)).field("issuedOn", "2024-01-02").field("status", "published").field("relatedIds", String(other.id))
      .attach("files", fixture("van-ban.pdf"))
      .expect(201);
    const id = created.body.id as number;
    const [file] = await t.prisma.attachment.findMany({ where: { ownerType: "document", ownerId: id } });
    const notYet = await json(agent, csrf, `/admin/documents/${id}/delete`).expect(409);
    expect(notYet.body.error).toMatch(/thùng rác/);

    await json(agent, csrf, `/admin/documents/${id}/trash`).expect(200);
    await json(agent, csrf, `/admin/documents/${id}/delete`).expect(200);
    expect(await t.prisma.legalDocument.count({ where: { id } })).toBe(0);
    expect(await t.prisma.documentLink.count({ where: { fromId: id } })).toBe(0);
    expect(await t.prisma.attachment.count({ where: { ownerType: "document", ownerId: id } })).toBe(0);
    expect((await eventually(async () => leftovers(t), (l) => !l.stored.includes(file!.fileKey))).stored).not.toContain(file!.fileKey);
    expect(await t.prisma.auditLog.count({ where: { action: "document.delete", target: `văn bản #${id}` } })).toBe(1);
  });
});
