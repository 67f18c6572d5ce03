import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { buildPerson, seededOffice } from "../../helpers/organisation.js";

const expectValid = htmlChecker();

async function asRole(t: TestApp, role: "admin" | "editor" | "author" = "editor") {
  return loginAs(t, await buildUser(t.prisma, { role }));
}

/** The leaders' names on the organisation page, in order. */
async function leaders(t: TestApp): Promise<string[]> {
  const html = (await request(t.app).get("/gioi-thieu/co-cau-to-chuc")).text;
  return [...html.matchAll(/<h3 class="leader-name">([^<]+)<\/h3>/g)].map((m) => m[1]!);
}

const PERSON = {
  name: "Huỳnh Thị Mỹ Linh",
  position: "Phó Trưởng phòng",
  positionEn: "Deputy Head of Office",
  bio: "Sinh năm 1988.\r\n\r\nThạc sĩ Hành chính công.",
  bioEn: "",
  phone: "0292 3 820 999",
  email: "HTMLINH@cantho.gov.vn",
  leader: "on",
};

describe("people in the panel", () => {
  it("lists people in the office's order; the list and the form are valid HTML, the form offers recent photos by number", async () => {
    const t = await createTestApp();
    const { agent } = await asRole(t);
    const list = await agent.get("/admin/people").expect(200);
    const names = [...list.text.matchAll(/<th scope="row"><a href="\/admin\/people\/\d+\/edit">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(names.slice(0, 4)).toEqual(["Nguyễn Thị Thanh Hà", "Lê Văn Phúc", "Trần Quốc Bảo", "Phạm Ngọc Diễm"]);
    await expectValid(list.text, "/admin/people");
    const photo = await t.prisma.photo.findFirstOrThrow({ orderBy: { id: "desc" } });
    const form = await agent.get("/admin/people/new").expect(200);
    expect(form.text).toContain(`<option value="${photo.id}">Ảnh số ${photo.id}: `);
    expect(form.text).toContain('<a href="/admin/media">Mở Thư viện ảnh</a>');
    await expectValid(form.text, "/admin/people/new");
  });

  it("creates a person with unit, photo and leader flag; the directory finds them, the organisation page shows them; audited", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const office = await seededOffice(t.prisma);
    const photo = await t.prisma.photo.findFirstOrThrow();
    await leaders(t); // fills the kept pages
    const res = await agent.post("/admin/people").type("form").send({ _csrf: csrf, ...PERSON, unitId: String(office.id), photoId: String(photo.id) }).expect(303);
    expect(res.headers.location).toBe("/admin/people");
    const person = await t.prisma.person.findFirstOrThrow({ where: { name: PERSON.name } });
    expect(person).toMatchObject({ unitId: office.id, photoId: photo.id, leader: true, email: "htmlinh@cantho.gov.vn", origin: "staff" });
    expect(person.searchText).toBe("huynh thi my linh pho truong phong deputy head of office phong cai cach hanh chinh administrative reform office");
    expect((await leaders(t)).at(-1)).toBe(PERSON.name);
    expect((await request(t.app).get("/danh-ba?q=my%20linh")).text).toContain(PERSON.name);
    expect(await t.prisma.auditLog.count({ where: { action: "person.create", target: PERSON.name } })).toBe(1);
    const created = await agent.post("/admin/people").set("accept", "application/json").set("x-csrf-token", csrf).send({ name: "Lý Văn Tư" }).expect(201);
    expect(created.body).toEqual({ id: expect.any(Number), url: `/admin/people/${created.body.id}/edit` });
  });

  it("edits a person: an unticked leader box takes them off the organisation page; their search text follows", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const person = await buildPerson(t.prisma, { name: "Tạ Quang Vinh", position: "Phó Trưởng phòng", leader: true });
    const form = await agent.get(`/admin/people/${person.id}/edit`).expect(200);
    expect(form.text).toContain('value="Tạ Quang Vinh"');
    expect(form.text).toMatch(/id="leader" name="leader" value="on" checked/);
    await agent.post(`/admin/people/${person.id}`).type("form").send({ _csrf: csrf, name: "Tạ Quang Vinh", position: "Chuyên viên chính" }).expect(303);
    const saved = await t.prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(saved).toMatchObject({ leader: false, position: "Chuyên viên chính", searchText: "ta quang vinh chuyen vien chinh" });
    expect(await leaders(t)).not.toContain("Tạ Quang Vinh");
  });

  it.each([
    [{ name: "" }, "name", "Vui lòng nhập họ và tên."],
    [{ name: "Ai đó", phone: "gọi tôi" }, "phone", "Điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch nối hoặc ngoặc, ví dụ: 0931.015.119."],
    [{ name: "Ai đó", email: "khong-phai-email" }, "email", "Thư điện tử không đúng định dạng, ví dụ: ten@cantho.gov.vn."],
    [{ name: "Ai đó", unitId: "999999" }, "unitId", "Đơn vị đã chọn không tồn tại."],
    [{ name: "Ai đó", photoId: "999999" }, "photoId", "Không có ảnh số 999999 trong thư viện ảnh."],
    [{ name: "Ai đó", photoId: "ảnh" }, "photoId", "Số ảnh phải là một số nguyên dương, ví dụ: 12."],
  ])("refuses %o with 422 beside the field, keeps what was typed, stores nothing", async (body, field, message) => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const before = await t.prisma.person.count();
    const res = await agent.post("/admin/people").type("form").send({ _csrf: csrf, position: "Giữ chức vụ này", ...body }).expect(422);
    expect(res.text).toContain(`<a href="#${field}">${message}</a>`);
    expect(res.text).toContain('value="Giữ chức vụ này"');
    expect(await t.prisma.person.count()).toBe(before);
  });

  it("reorders with up and down buttons, as the organisation page shows", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const phuc = await t.prisma.person.findFirstOrThrow({ where: { name: "Lê Văn Phúc" } });
    await agent.post(`/admin/people/${phuc.id}/move`).type("form").send({ _csrf: csrf, direction: "up" }).expect(303);
    expect((await leaders(t)).slice(0, 3)).toEqual(["Lê Văn Phúc", "Nguyễn Thị Thanh Hà", "Trần Quốc Bảo"]);
    expect(await t.prisma.auditLog.count({ where: { action: "person.move", target: "Lê Văn Phúc" } })).toBe(1);
  });

  it("deletes a person after asking; the photo stays in the library", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const photo = await t.prisma.photo.findFirstOrThrow();
    const person = await buildPerson(t.prisma, { name: "Người sẽ xoá", leader: true, photoId: photo.id });
    expect((await agent.get(`/admin/people/${person.id}/delete`).expect(200)).text).toContain("Xoá “Người sẽ xoá”?");
    await agent.post(`/admin/people/${person.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    expect(await t.prisma.person.findUnique({ where: { id: person.id } })).toBeNull();
    expect(await t.prisma.photo.findUnique({ where: { id: photo.id } })).not.toBeNull();
    expect(await leaders(t)).not.toContain("Người sẽ xoá");
    expect(await t.prisma.auditLog.count({ where: { action: "person.delete", target: "Người sẽ xoá" } })).toBe(1);
    await agent.post(`/admin/people/${person.id}/delete`).type("form").send({ _csrf: csrf }).expect(404);
  });

  it("answers 403 to an author and to a write without the CSRF token, and changes nothing", async () => {
    const t = await createTestApp();
    const person = await buildPerson(t.prisma, { name: "Giữ nguyên" });
    const author = await asRole(t, "author");
    await author.agent.get("/admin/people").expect(403);
    await author.agent.post("/admin/people").type("form").send({ _csrf: author.csrf, name: "Của phóng viên" }).expect(403);
    await author.agent.post(`/admin/people/${person.id}`).type("form").send({ _csrf: author.csrf, name: "Đổi tên" }).expect(403);
    await author.agent.post(`/admin/people/${person.id}/move`).type("form").send({ _csrf: author.csrf, direction: "up" }).expect(403);
    await author.agent.post(`/admin/people/${person.id}/delete`).type("form").send({ _csrf: author.csrf }).expect(403);
    const editor = await asRole(t);
    await editor.agent.post("/admin/people").type("form").send({ name: "Không token" }).expect(403);
    expect(await t.prisma.person.count({ where: { name: { in: ["Của phóng viên", "Không token"] } } })).toBe(0);
    expect((await t.prisma.person.findUniqueOrThrow({ where: { id: person.id } })).name).toBe("Giữ nguyên");
  });
});
