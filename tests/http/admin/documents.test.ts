import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { fixture, leftovers } from "../../helpers/attachments.js";
import { buildDocument } from "../../helpers/documents.js";
import { documentForm, documentsSetup, multipartForm } from "../../helpers/documents-admin.js";

const setup = (role?: "editor" | "author" | "admin") => documentsSetup(createTestApp, role);

describe("admin documents: create and edit", () => {
  it("creates a published document with a PDF from the multipart form; its public page shows every field", async () => {
    const { t, agent, csrf, type, issuer, sector } = await setup();
    const res = await multipartForm(agent.post("/admin/documents"), csrf, documentForm({ type, issuer, sector }))
      .attach("files", fixture("van-ban.pdf"), "Quyết định 15.pdf")
      .expect(303);
    const doc = await t.prisma.legalDocument.findFirstOrThrow({ where: { number: "15/2024/QĐ-UBND" } });
    expect(res.headers.location).toBe(`/admin/documents/${doc.id}/edit`);
    expect(doc.slug).toBe("15-2024-qd-ubnd-quyet-dinh-ban-hanh-quy-che-thuc-hien-co-che-mot-cua-mot-cua-lien-thong");
    expect(doc.body).not.toContain("<script");
    expect(doc.fileText).toContain("quy che mot cua lien thong");
    expect(doc.searchText).toContain("15/2024/qd-ubnd");
    expect(doc.sectorId).toBe(sector.id);
    expect(await t.prisma.attachment.count({ where: { ownerType: "document", ownerId: doc.id } })).toBe(1);
    const audit = await t.prisma.auditLog.findMany({ where: { target: `văn bản #${doc.id}` }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["document.create", "document.publish"]);
    expect((await agent.get(res.headers.location!)).text).toContain("Đã lưu và đăng văn bản. Đã đính kèm 1 tệp.");

    const page = await request(t.app).get(`/van-ban/${doc.slug}`).expect(200);
    for (const text of ["15/2024/QĐ-UBND", "Quy chế thực hiện cơ chế một cửa", type.name, issuer.name, sector.name, "Trần Việt Trường", "12/05/2024", "22/05/2024", "Còn hiệu lực", "Điều 1."]) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toMatch(/Quyết định 15\.pdf<\/a>\s*<span class="attachment-details">\(PDF, [0-9,]+ (byte|KB)\)/);
  });

  it("answers scripts with the JSON contract: 201 {id, url, publicUrl}, then 200 on update", async () => {
    const { t, agent, csrf, type, issuer, sector } = await setup();
    const created = await agent
      .post("/admin/documents")
      .set("accept", "application/json")
      .set("x-csrf-token", csrf)
      .send({ ...documentForm({ type, issuer, sector }), typeId: type.id, issuerId: issuer.id })
      .expect(201);
    const doc = await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(created.body).toEqual({ id: doc.id, url: `/admin/documents/${doc.id}/edit`, publicUrl: `/van-ban/${doc.slug}` });
    await request(t.app).get(created.body.publicUrl).expect(200);

    const updated = await multipartForm(agent.post(`/admin/documents/${doc.id}`).set("accept", "application/json"), csrf, documentForm({ type, issuer, sector }, { title: "Quy chế một cửa (sửa)" }))
      .expect(200);
    expect(updated.body).toEqual({ id: doc.id, url: `/admin/documents/${doc.id}/edit`, publicUrl: `/van-ban/${doc.slug}` });
    // Once public its address stays, whatever the new abstract.
    expect((await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: doc.id } })).slug).toBe(doc.slug);
    expect(await t.prisma.auditLog.count({ where: { action: "document.update", target: `văn bản #${doc.id}` } })).toBe(1);

    // A draft has no public page yet: no publicUrl.
    const draft = await agent
      .post("/admin/documents")
      .set("accept", "application/json")
      .set("x-csrf-token", csrf)
      .send(documentForm({ type, issuer, sector }, { number: "16/2024/QĐ-UBND", status: "draft" }))
      .expect(201);
    expect(draft.body).toEqual({ id: expect.any(Number), url: `/admin/documents/${draft.body.id}/edit` });
  });

  it("gives a clashing slug -2 and keeps a draft's slug following its number", async () => {
    const { t, agent, csrf, type, issuer, sector } = await setup();
    await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, slug: "17-2024-qd-ubnd-quy-che" });
    const json = (extra: Record<string, string>) =>
      agent.post("/admin/documents").set("accept", "application/json").set("x-csrf-token", csrf).send(documentForm({ type, issuer, sector }, extra));
    const res = await json({ number: "17/2024/QĐ-UBND", title: "Quy chế", status: "draft" }).expect(201);
    expect((await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: res.body.id } })).slug).toBe("17-2024-qd-ubnd-quy-che-2");
    await agent.post(`/admin/documents/${res.body.id}`).set("accept", "application/json").set("x-csrf-token", csrf)
      .send(documentForm({ type, issuer, sector }, { number: "18/2024/QĐ-UBND", title: "Quy chế", status: "draft" })).expect(200);
    expect((await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: res.body.id } })).slug).toBe("18-2024-qd-ubnd-quy-che");
  });

  it("shows the form with selects carrying ids, and the edit form with what was saved", async () => {
    const { t, agent, csrf, type, issuer, sector } = await setup();
    const page = await agent.get("/admin/documents/new").expect(200);
    expect(page.text).toContain(`<option value="${type.id}">${type.name}</option>`);
    expect(page.text).toContain(`<option value="${issuer.id}">${issuer.name}</option>`);
    expect(page.text).toContain(`<option value="${sector.id}">${sector.name}</option>`);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/<input id="files" name="files" type="file" multiple/);

    const other = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "1/2020/QĐ-UBND" });
    const res = await agent.post("/admin/documents").set("accept", "application/json").set("x-csrf-token", csrf)
      .send(documentForm({ type, issuer, sector }, { replacesIds: [String(other.id)], validity: "het" })).expect(201);
    const edit = await agent.get(`/admin/documents/${res.body.id}/edit`).expect(200);
    expect(edit.text).toContain('value="15/2024/QĐ-UBND"');
    expect(edit.text).toContain(`<option value="${type.id}" selected>`);
    expect(edit.text).toContain('<option value="het" selected>Hết hiệu lực</option>');
    const replaces = /<select id="replacesIds"[^>]*>([\s\S]*?)<\/select>/.exec(edit.text)![1]!;
    expect(replaces).toContain(`<option value="${other.id}" selected>`);
    expect(replaces).not.toContain(`<option value="${res.body.id}"`); // never itself
  });

  it("removes one attached file (row and stored bytes) and reads the PDF text again", async () => {
    const { t, agent, csrf, type, issuer, sector } = await setup();
    const res = await multipartForm(agent.post("/admin/documents").set("accept", "application/json"), csrf, documentForm({ type, issuer, sector }))
      .attach("files", fixture("van-ban.pdf"))
      .attach("files", fixture("van-ban.docx"))
      .expect(201);
    const files = await t.prisma.attachment.findMany({ where: { ownerType: "document", ownerId: res.body.id }, orderBy: { position: "asc" } });
    expect(files.map((f) => f.extension)).toEqual(["pdf", "docx"]);
    expect(leftovers(t).stored).toEqual(expect.arrayContaining(files.map((f) => f.fileKey)));

    await agent.post(`/admin/documents/${res.body.id}/attachments/${files[0]!.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    expect(await t.prisma.attachment.count({ where: { ownerType: "document", ownerId: res.body.id } })).toBe(1);
    expect(leftovers(t).stored).not.toContain(files[0]!.fileKey);
    expect((await t.prisma.legalDocument.findUniqueOrThrow({ where: { id: res.body.id } })).fileText).toBe("");
    expect(await t.prisma.auditLog.count({ where: { action: "document.attachment_delete" } })).toBe(1);
    // Another document's file cannot be removed through this one.
    const other = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id });
    await agent.post(`/admin/documents/${other.id}/attachments/${files[1]!.id}/delete`).type("form").send({ _csrf: csrf }).expect(404);
    expect(await t.prisma.attachment.count({ where: { id: files[1]!.id } })).toBe(1);
  });

  it("lists documents with tabs, the type filter and search by number without marks", async () => {
    const { t, agent, type, issuer } = await setup();
    await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "88/2025/QĐ-UBND", title: "Kế hoạch cải cách hành chính" });
    await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "89/2025/KH-UBND", status: "draft" });
    const list = await agent.get(`/admin/documents?typeId=${type.id}&q=qd-ubnd`).expect(200);
    expect(list.text).toContain("88/2025/QĐ-UBND");
    expect(list.text).not.toContain("89/2025/KH-UBND");
    const drafts = await agent.get("/admin/documents?status=draft").expect(200);
    expect(drafts.text).toContain("89/2025/KH-UBND");
    expect(drafts.text).not.toContain("88/2025/QĐ-UBND");
    await agent.get("/admin/documents?status=khac").expect(400);
  });
});

describe("links between documents", () => {
  it("shows replaces, amends and related on both documents, in their own words", async () => {
    const { t, agent, csrf, type, issuer, sector } = await setup();
    const old = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "20/2015/QĐ-UBND", title: "Quy chế một cửa cũ" });
    const amended = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "05/2020/QĐ-UBND", title: "Quy định phân cấp" });
    const related = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "30/KH-UBND", title: "Kế hoạch cải cách hành chính" });
    const hidden = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "31/KH-UBND", status: "draft" });
    const res = await agent.post("/admin/documents").set("accept", "application/json").set("x-csrf-token", csrf)
      .send(documentForm({ type, issuer, sector }, { replacesIds: [String(old.id)], amendsIds: [String(amended.id)], relatedIds: [String(related.id), String(hidden.id)] }))
      .expect(201);
    expect(await t.prisma.documentLink.findMany({ where: { fromId: res.body.id }, orderBy: { toId: "asc" } })).toEqual([
      { fromId: res.body.id, toId: old.id, kind: "replaces" },
      { fromId: res.body.id, toId: amended.id, kind: "amends" },
      { fromId: res.body.id, toId: related.id, kind: "related" },
      { fromId: res.body.id, toId: hidden.id, kind: "related" },
    ]);
    const section = (html: string, heading: string) => new RegExp(`<h2 class="section-title">${heading}</h2>\\s*<ul>([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? "";

    const page = (await request(t.app).get(res.body.publicUrl).expect(200)).text;
    expect(section(page, "Thay thế văn bản")).toContain("20/2015/QĐ-UBND");
    expect(section(page, "Sửa đổi, bổ sung văn bản")).toContain("05/2020/QĐ-UBND");
    expect(section(page, "Văn bản liên quan")).toContain("30/KH-UBND");
    expect(page).not.toContain("31/KH-UBND"); // a draft is never linked publicly

    const oldPage = (await request(t.app).get(`/van-ban/${old.slug}`).expect(200)).text;
    expect(section(oldPage, "Được thay thế bởi")).toContain(`<a href="${res.body.publicUrl}">15/2024/QĐ-UBND</a>`);
    const amendedPage = (await request(t.app).get(`/van-ban/${amended.slug}`).expect(200)).text;
    expect(section(amendedPage, "Được sửa đổi, bổ sung bởi")).toContain("15/2024/QĐ-UBND");
    const relatedPage = (await request(t.app).get(`/van-ban/${related.slug}`).expect(200)).text;
    expect(section(relatedPage, "Văn bản liên quan")).toContain("15/2024/QĐ-UBND");

    // Saving again without links removes this document's own links; others' links to it stay.
    await t.prisma.documentLink.create({ data: { fromId: related.id, toId: res.body.id, kind: "related" } });
    await agent.post(`/admin/documents/${res.body.id}`).set("accept", "application/json").set("x-csrf-token", csrf).send(documentForm({ type, issuer, sector })).expect(200);
    expect(await t.prisma.documentLink.count({ where: { fromId: res.body.id } })).toBe(0);
    expect(await t.prisma.documentLink.count({ where: { fromId: related.id, toId: res.body.id } })).toBe(1);
    const again = (await request(t.app).get(res.body.publicUrl).expect(200)).text;
    expect(section(again, "Văn bản liên quan")).toContain("30/KH-UBND");
    expect(again).not.toContain("Thay thế văn bản");
  });

  it("hides links to a document once it is in the trash", async () => {
    const { t, agent, csrf, type, issuer, sector } = await setup();
    const old = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "20/2015/QĐ-UBND" });
    const res = await agent.post("/admin/documents").set("accept", "application/json").set("x-csrf-token", csrf)
      .send(documentForm({ type, issuer, sector }, { replacesIds: [String(old.id)] })).expect(201);
    await agent.post(`/admin/documents/${old.id}/trash`).set("accept", "application/json").set("x-csrf-token", csrf).expect(200);
    expect((await request(t.app).get(res.body.publicUrl).expect(200)).text).not.toContain("20/2015/QĐ-UBND");
    // The link itself stays, so a restore brings it back.
    expect(await t.prisma.documentLink.count({ where: { fromId: res.body.id, toId: old.id } })).toBe(1);
  });
});
