import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildArticle } from "../../helpers/factories.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { buildPerson, buildUnit, seededOffice } from "../../helpers/organisation.js";

// The units people belong to, at /admin/departments (the departments articles name). The plain
// name/slug/delete rules are also covered by tests/http/admin/taxonomy.test.ts.

const expectValid = htmlChecker();

async function asEditor(t: TestApp) {
  return loginAs(t, await buildUser(t.prisma, { role: "editor" }));
}

const UNIT = {
  name: "Bộ phận Một cửa liên thông",
  slug: "",
  organization: "Sở Nội vụ thành phố Cần Thơ",
  kind: "attached",
  duties: '<p>Tiếp nhận hồ sơ <img src="https://evil.example/x.png">một cửa.</p>',
  address: "51 Lý Tự Trọng, phường An Phú, quận Ninh Kiều, thành phố Cần Thơ",
  phone: "0292 3 820 700",
  email: "motcua@cantho.gov.vn",
  nameEn: "One-Stop-Shop Unit",
  dutiesEn: "<p>Receives applications.</p>",
};

describe("units in the panel", () => {
  it("lists the units as a tree under the office; list and form are valid HTML with the editor on the duties", async () => {
    const t = await createTestApp();
    const { agent } = await asEditor(t);
    const list = await agent.get("/admin/departments").expect(200);
    const office = list.text.indexOf(">Phòng Cải cách hành chính</a>");
    const division = list.text.indexOf('<span class="tree-indent" aria-hidden="true">— </span><a href="/admin/departments/');
    expect(office).toBeGreaterThan(0);
    expect(division).toBeGreaterThan(office);
    await expectValid(list.text, "/admin/departments");
    const form = await agent.get("/admin/departments/new").expect(200);
    expect(form.text).toContain('<textarea id="duties" name="duties"');
    expect(form.text).toMatch(/<script src="\/assets\/js\/editor[^"]*\.js" defer>/);
    await expectValid(form.text, "/admin/departments/new");
  });

  it("creates a unit under the office with kind, duties (sanitised), contacts and English name; it is on the chart at once", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const office = await seededOffice(t.prisma);
    await request(t.app).get("/gioi-thieu/co-cau-to-chuc"); // fills the kept pages
    await agent.post("/admin/departments").type("form").send({ _csrf: csrf, ...UNIT, parentId: String(office.id), listed: ["0", "on"] }).expect(303);
    const unit = await t.prisma.department.findUniqueOrThrow({ where: { slug: "bo-phan-mot-cua-lien-thong" } });
    expect(unit).toMatchObject({ parentId: office.id, kind: "attached", listed: true, nameEn: "One-Stop-Shop Unit", phone: "0292 3 820 700" });
    expect(unit.duties).toBe("<p>Tiếp nhận hồ sơ một cửa.</p>");
    const chart = await request(t.app).get("/gioi-thieu/co-cau-to-chuc").expect(200);
    expect(chart.text).toContain('id="don-vi-bo-phan-mot-cua-lien-thong"');
    expect(await t.prisma.auditLog.count({ where: { action: "department.create", target: UNIT.name } })).toBe(1);
  });

  it("takes a unit off the chart when its box is unticked (the form sends the hidden 0 only)", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const unit = await buildUnit(t.prisma, { name: "Tổ sẽ ẩn" });
    await agent.post(`/admin/departments/${unit.id}`).type("form").send({ _csrf: csrf, name: "Tổ sẽ ẩn", slug: unit.slug, kind: "division", listed: "0" }).expect(303);
    expect((await t.prisma.department.findUniqueOrThrow({ where: { id: unit.id } })).listed).toBe(false);
    expect((await request(t.app).get("/gioi-thieu/co-cau-to-chuc")).text).not.toContain(`id="don-vi-${unit.slug}"`);
  });

  it("renames people's search text with their unit, in the same save", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const unit = await buildUnit(t.prisma, { name: "Tổ Văn thư" });
    const person = await buildPerson(t.prisma, { name: "Lâm Thị Hoa", unitId: unit.id });
    await agent.post(`/admin/departments/${unit.id}`).type("form").send({ _csrf: csrf, name: "Tổ Hành chính Đồng Tháp", slug: unit.slug }).expect(303);
    expect((await t.prisma.person.findUniqueOrThrow({ where: { id: person.id } })).searchText).toContain("to hanh chinh dong thap");
    const found = await request(t.app).get("/danh-ba?q=dong%20thap").expect(200);
    expect(found.text).toContain("Lâm Thị Hoa");
    expect((await request(t.app).get("/danh-ba?q=van%20thu")).text).not.toContain("Lâm Thị Hoa");
  });

  it.each([
    [{ phone: "không có" }, "phone", "Điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch nối hoặc ngoặc, ví dụ: 0931.015.119."],
    [{ email: "motcua@" }, "email", "Thư điện tử không đúng định dạng, ví dụ: ten@cantho.gov.vn."],
    [{ kind: "bureau" }, "kind", "Loại đơn vị phải là cơ quan, bộ phận hoặc đơn vị trực thuộc."],
    [{ parentId: "999999" }, "parentId", "Đơn vị cấp trên đã chọn không tồn tại."],
  ])("refuses %o with 422 beside the field and stores nothing", async (body, field, message) => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const before = await t.prisma.department.count();
    const res = await agent.post("/admin/departments").type("form").send({ _csrf: csrf, ...UNIT, ...body }).expect(422);
    expect(res.text).toContain(`<a href="#${field}">${message}</a>`);
    expect(res.text).toContain('value="One-Stop-Shop Unit"');
    expect(await t.prisma.department.count()).toBe(before);
  });

  it("refuses to put the office under one of its own divisions", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const office = await seededOffice(t.prisma);
    const division = await t.prisma.department.findUniqueOrThrow({ where: { slug: "bo-phan-chinh-quyen-dien-tu" } });
    const res = await agent.post(`/admin/departments/${office.id}`).set("accept", "application/json").set("x-csrf-token", csrf).send({ name: office.name, slug: office.slug, kind: "office", parentId: division.id }).expect(422);
    expect(res.body.error).toBe("Không thể đặt đơn vị dưới chính nó hoặc dưới một mục con của nó.");
    expect((await t.prisma.department.findUniqueOrThrow({ where: { id: office.id } })).parentId).toBeNull();
  });

  it("moves a unit among its siblings only", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const last = await t.prisma.department.findUniqueOrThrow({ where: { slug: "bo-phan-chinh-quyen-dien-tu" } });
    await agent.post(`/admin/departments/${last.id}/move`).type("form").send({ _csrf: csrf, direction: "up" }).expect(303);
    const html = (await request(t.app).get("/gioi-thieu/co-cau-to-chuc")).text;
    expect(html.indexOf('id="don-vi-bo-phan-chinh-quyen-dien-tu"')).toBeLessThan(html.indexOf('id="don-vi-bo-phan-cai-cach-to-chuc-bo-may"'));
    expect(html.indexOf('id="don-vi-phong-cai-cach-hanh-chinh"')).toBeLessThan(html.indexOf('id="don-vi-bo-phan-chinh-quyen-dien-tu"'));
    expect(await t.prisma.auditLog.count({ where: { action: "department.move", target: last.name } })).toBe(1);
  });

  it("refuses to delete a unit that has units, people or articles (409), and deletes an unused one", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const office = await seededOffice(t.prisma);
    const refused = await agent.post(`/admin/departments/${office.id}/delete`).type("form").send({ _csrf: csrf }).expect(409);
    expect(refused.text).toContain("1 cán bộ và 4 đơn vị cấp dưới đang dùng đơn vị này");
    const withArticle = await buildUnit(t.prisma, { name: "Có bài" });
    await buildArticle(t.prisma, { departmentId: withArticle.id });
    const page = await agent.get(`/admin/departments/${withArticle.id}/delete`).expect(200);
    expect(page.text).toContain("Chưa thể xoá đơn vị này: 1 bài viết đang dùng nó");
    const unused = await buildUnit(t.prisma, { name: "Không dùng" });
    await agent.post(`/admin/departments/${unused.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    expect(await t.prisma.department.findUnique({ where: { id: unused.id } })).toBeNull();
    expect(await t.prisma.department.count({ where: { id: { in: [office.id, withArticle.id] } } })).toBe(2);
  });
});
