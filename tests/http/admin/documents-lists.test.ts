import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { buildDocument, buildDocumentLists } from "../../helpers/documents.js";
import { buildUser, loginAs } from "../../helpers/login.js";

// Document types, issuing bodies and fields are managed like categories (the taxonomy seam).
describe("document types, issuing bodies and fields", () => {
  it("creates, renames, reorders and deletes a type, each write audited", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    await agent.post("/admin/document-types").type("form").send({ _csrf: csrf, name: "Chỉ thị", slug: "" }).expect(303);
    const created = await t.prisma.documentType.findUniqueOrThrow({ where: { slug: "chi-thi" } });
    const list = await agent.get("/admin/document-types").expect(200);
    expect(list.text).toContain(">Chỉ thị</a>");
    expect(list.text).toContain('<a href="/van-ban?loai=chi-thi">chi-thi</a>');
    expect(list.text).toContain('<td data-label="Văn bản">0</td>');

    const json = await agent.post("/admin/document-issuers").set("accept", "application/json").set("x-csrf-token", csrf).send({ name: "Sở Tư pháp" }).expect(201);
    expect(json.body).toEqual({ id: expect.any(Number), url: `/admin/document-issuers/${json.body.id}/edit` });

    await agent.post(`/admin/document-types/${created.id}`).type("form").send({ _csrf: csrf, name: "Chỉ thị (mới)", slug: "chi-thi" }).expect(303);
    await agent.post("/admin/document-types").type("form").send({ _csrf: csrf, name: "Thông báo", slug: "" }).expect(303);
    const order = async () => (await t.prisma.documentType.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] })).map((e) => e.name);
    expect((await order()).slice(-2)).toEqual(["Chỉ thị (mới)", "Thông báo"]);
    const last = await t.prisma.documentType.findUniqueOrThrow({ where: { slug: "thong-bao" } });
    await agent.post(`/admin/document-types/${last.id}/move`).type("form").send({ _csrf: csrf, direction: "up" }).expect(303);
    expect((await order()).slice(-2)).toEqual(["Thông báo", "Chỉ thị (mới)"]);

    await agent.post(`/admin/document-types/${created.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    expect(await t.prisma.documentType.count({ where: { id: created.id } })).toBe(0);
    const actions = (await t.prisma.auditLog.findMany({ where: { action: { startsWith: "document" } } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["documentType.create", "documentIssuer.create", "documentType.update", "documentType.move", "documentType.delete"]));
  });

  it("renaming a field renews the search text of its procedures", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    const { sector } = await buildDocumentLists(t.prisma);
    const procedure = await t.prisma.procedure.create({ data: { code: "1.000002", name: "Thủ tục thử", slug: "thu-tuc-thu-doi-ten", sectorId: sector.id, searchText: "cu" } });
    await agent.post(`/admin/sectors/${sector.id}`).type("form").send({ _csrf: csrf, name: "Văn thư, lưu trữ", slug: sector.slug }).expect(303);
    expect((await t.prisma.procedure.findUniqueOrThrow({ where: { id: procedure.id } })).searchText).toContain("van thu, luu tru");
  });

  it("refuses to delete a type, issuer or field still in use (409), naming how many documents and procedures", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    const { type, issuer, sector } = await buildDocumentLists(t.prisma);
    await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, sectorId: sector.id });
    await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, deletedAt: new Date() });
    await t.prisma.procedure.create({ data: { code: "1.000001", name: "Thủ tục thử", slug: "thu-tuc-thu-xoa", sectorId: sector.id } });

    const typeRes = await agent.post(`/admin/document-types/${type.id}/delete`).set("accept", "application/json").set("x-csrf-token", csrf).expect(409);
    expect(typeRes.body.error).toBe(
      `Không thể xoá loại văn bản “${type.name}”: 2 văn bản đang dùng loại văn bản này (kể cả trong thùng rác). Hãy chuyển các văn bản sang loại văn bản khác trước.`,
    );
    const sectorRes = await agent.post(`/admin/sectors/${sector.id}/delete`).type("form").send({ _csrf: csrf }).expect(409);
    expect(sectorRes.text).toContain("1 văn bản và 1 thủ tục hành chính đang dùng lĩnh vực này");
    await agent.post(`/admin/document-issuers/${issuer.id}/delete`).type("form").send({ _csrf: csrf }).expect(409);
    const ask = await agent.get(`/admin/sectors/${sector.id}/delete`).expect(200);
    expect(ask.text).toContain("Chưa thể xoá lĩnh vực này: 1 văn bản và 1 thủ tục hành chính đang dùng nó (kể cả trong thùng rác).");
    expect(await t.prisma.documentType.count({ where: { id: type.id } })).toBe(1);
    expect(await t.prisma.sector.count({ where: { id: sector.id } })).toBe(1);
    const list = await agent.get("/admin/sectors").expect(200);
    expect(list.text).toContain('<td data-label="Văn bản, thủ tục">2</td>');
  });
});
