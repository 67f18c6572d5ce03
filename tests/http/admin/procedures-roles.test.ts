import { describe, expect, it } from "vitest";
import { signedIn } from "../../helpers/articles.js";
import { buildUser } from "../../helpers/login.js";
import { buildProcedure, buildSector, procedureForm, procedureIdFrom } from "../../helpers/procedures.js";

const PUBLISH_REFUSED = "Phóng viên không được công bố thủ tục hành chính.";

describe("what an author (reporter) may do with procedures", () => {
  it("drafts one and edits it; the form offers no publish choice", async () => {
    const { t, agent, csrf, user } = await signedIn("author");
    const page = await agent.get("/admin/procedures/new").expect(200);
    expect(page.text).not.toMatch(/name="status" value="published"/);
    const res = await agent.post("/admin/procedures").type("form").send(procedureForm(csrf)).expect(303);
    const id = procedureIdFrom(res.headers.location);
    await agent.post(`/admin/procedures/${id}`).type("form").send(procedureForm(csrf, { name: "Tên đã sửa" })).expect(303);
    expect(await t.prisma.procedure.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Tên đã sửa", status: "draft", createdById: user.id, publishedAt: null });
  });

  it("gets 403 in Vietnamese when publishing, as a page and as JSON, and nothing changes", async () => {
    const { t, agent, csrf, user } = await signedIn("author");
    const before = await t.prisma.procedure.count();
    const form = procedureForm(csrf, { status: "published" });
    const page = await agent.post("/admin/procedures").type("form").send(form).expect(403);
    expect(page.text).toContain(PUBLISH_REFUSED);
    const json = await agent.post("/admin/procedures").set("accept", "application/json").send(form).expect(403);
    expect(json.body.error).toContain(PUBLISH_REFUSED);
    expect(await t.prisma.procedure.count()).toBe(before);

    const draft = await buildProcedure(t.prisma, { status: "draft", createdById: user.id, name: "Nháp của tôi" });
    await agent.post(`/admin/procedures/${draft.id}`).type("form").send(form).expect(403);
    expect(await t.prisma.procedure.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "draft", name: "Nháp của tôi" });
    expect(await t.prisma.auditLog.count({ where: { action: { startsWith: "procedure." } } })).toBe(0);
  });

  it("cannot open, change or trash someone else's procedure, nor change an own one once published", async () => {
    const { t, agent, csrf, user } = await signedIn("author");
    const other = await buildUser(t.prisma, { role: "author" });
    const theirs = await buildProcedure(t.prisma, { status: "draft", createdById: other.id, name: "Của người khác" });
    const edit = await agent.get(`/admin/procedures/${theirs.id}/edit`).expect(403);
    expect(edit.text).toContain("Bạn chỉ được làm việc với thủ tục do chính mình tạo.");
    await agent.post(`/admin/procedures/${theirs.id}`).type("form").send(procedureForm(csrf)).expect(403);
    await agent.post(`/admin/procedures/${theirs.id}/trash`).type("form").send({ _csrf: csrf }).expect(403);

    const published = await buildProcedure(t.prisma, { createdById: user.id, name: "Đã công bố" });
    const res = await agent.post(`/admin/procedures/${published.id}`).type("form").send(procedureForm(csrf, { status: "draft" })).expect(403);
    expect(res.text).toContain("chỉ biên tập viên mới được thay đổi");
    await agent.post(`/admin/procedures/${published.id}/trash`).type("form").send({ _csrf: csrf }).expect(403);
    expect(await t.prisma.procedure.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ name: "Của người khác", deletedAt: null });
    expect(await t.prisma.procedure.findUniqueOrThrow({ where: { id: published.id } })).toMatchObject({ status: "published", deletedAt: null });
  });

  it("sees only their own procedures in the list, and cannot delete for good", async () => {
    const { t, agent, csrf, user } = await signedIn("author");
    const mine = await buildProcedure(t.prisma, { status: "draft", createdById: user.id, name: "Thủ tục của tôi" });
    await buildProcedure(t.prisma, { status: "draft", name: "Thủ tục của đồng nghiệp" });
    const list = await agent.get("/admin/procedures").expect(200);
    expect(list.text).toContain("Thủ tục của tôi");
    expect(list.text).not.toContain("Thủ tục của đồng nghiệp");
    await agent.post(`/admin/procedures/${mine.id}/trash`).type("form").send({ _csrf: csrf }).expect(303);
    await agent.post(`/admin/procedures/${mine.id}/delete`).type("form").send({ _csrf: csrf }).expect(403);
    expect(await t.prisma.procedure.findUnique({ where: { id: mine.id } })).not.toBeNull();
    await agent.post(`/admin/procedures/${mine.id}/restore`).type("form").send({ _csrf: csrf }).expect(303);
  });
});

describe("the trash", () => {
  it("takes a procedure off the site at once, restores it as it was, deletes it for good only from the trash", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const procedure = await buildProcedure(t.prisma, { name: "Thủ tục vào thùng rác" });
    await t.changed();
    await agent.get(`/thu-tuc-hanh-chinh/${procedure.slug}`).expect(200);
    await agent.post(`/admin/procedures/${procedure.id}/delete`).type("form").send({ _csrf: csrf }).expect(409);

    await agent.post(`/admin/procedures/${procedure.id}/trash`).type("form").send({ _csrf: csrf }).expect(303);
    await agent.get(`/thu-tuc-hanh-chinh/${procedure.slug}`).expect(404);
    const trash = await agent.get("/admin/procedures?status=trash").expect(200);
    expect(trash.text).toContain("Thủ tục vào thùng rác");
    // A trashed procedure is not edited until restored.
    await agent.post(`/admin/procedures/${procedure.id}`).type("form").send(procedureForm(csrf)).expect(409);

    await agent.post(`/admin/procedures/${procedure.id}/restore`).type("form").send({ _csrf: csrf }).expect(303);
    await agent.get(`/thu-tuc-hanh-chinh/${procedure.slug}`).expect(200);

    await agent.post(`/admin/procedures/${procedure.id}/trash`).type("form").send({ _csrf: csrf }).expect(303);
    const gone = await agent.post(`/admin/procedures/${procedure.id}/delete`).set("accept", "application/json").send({ _csrf: csrf }).expect(200);
    expect(gone.body).toEqual({ id: procedure.id, url: "/admin/procedures?status=trash" });
    expect(await t.prisma.procedure.findUnique({ where: { id: procedure.id } })).toBeNull();
    const actions = await t.prisma.auditLog.findMany({ where: { target: `thủ tục #${procedure.id}` }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["procedure.trash", "procedure.restore", "procedure.trash", "procedure.delete"]);
  });

  it("refuses (409) to restore a procedure whose code another live procedure has taken meanwhile", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const old = await buildProcedure(t.prisma, { code: "3.000111", deletedAt: new Date() });
    await buildProcedure(t.prisma, { code: "3.000111" });
    const res = await agent.post(`/admin/procedures/${old.id}/restore`).type("form").send({ _csrf: csrf }).expect(409);
    expect(res.text).toContain("mã 3.000111 đang được dùng");
    expect((await t.prisma.procedure.findUniqueOrThrow({ where: { id: old.id } })).deletedAt).not.toBeNull();
  });
});

describe("the staff list", () => {
  it("searches code and name ignoring diacritics, filters by field and level, and keeps the filters in its links", async () => {
    const { t, agent } = await signedIn("editor");
    const sector = await buildSector(t.prisma, { name: "Thi đua, khen thưởng" });
    await buildProcedure(t.prisma, { name: "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân", code: "1.000775.000.00.00.H12", sectorId: sector.id });
    await buildProcedure(t.prisma, { name: "Tặng danh hiệu Tập thể lao động xuất sắc", code: "1.000788", sectorId: sector.id, level: "xa" });
    const names = (html: string) => ["Tặng Bằng khen", "Tập thể lao động"].filter((n) => html.includes(n));
    expect(names((await agent.get("/admin/procedures?q=bang%20khen%20uy%20ban").expect(200)).text)).toEqual(["Tặng Bằng khen"]);
    expect(names((await agent.get("/admin/procedures?q=1.000775").expect(200)).text)).toEqual(["Tặng Bằng khen"]);
    expect(names((await agent.get(`/admin/procedures?fieldId=${sector.id}`).expect(200)).text)).toEqual(["Tặng Bằng khen", "Tập thể lao động"]);
    expect(names((await agent.get(`/admin/procedures?fieldId=${sector.id}&level=xa`).expect(200)).text)).toEqual(["Tập thể lao động"]);
    await agent.get("/admin/procedures?level=huyen").expect(400);
  });
});
