import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildArticle, buildAuthor, buildCategory, buildDepartment } from "../../helpers/factories.js";
import { buildUser, loginAs } from "../../helpers/login.js";

async function asEditor(t: TestApp) {
  return loginAs(t, await buildUser(t.prisma, { role: "editor" }));
}

/** The category names in the public navigation bar, in order. */
async function navNames(t: TestApp): Promise<string[]> {
  const html = (await request(t.app).get("/")).text;
  const nav = /<ul class="nav-list nav-categories">([\s\S]*?)<\/ul>/.exec(html)![1]!;
  return [...nav.matchAll(/<a href="\/chuyen-muc\/[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!);
}

describe("categories, departments and authors", () => {
  it("lists categories in navigation order with how many articles use each", async () => {
    const t = await createTestApp();
    const { agent } = await asEditor(t);
    const categories = await t.prisma.category.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
    const used = await t.prisma.article.count({ where: { categoryId: categories[0]!.id } });
    const res = await agent.get("/admin/categories").expect(200);
    // In the list itself (the admin navigation above it has a "Hỏi đáp" link of its own).
    const main = res.text.slice(res.text.indexOf('<main id="noi-dung"'));
    const positions = categories.map((c) => main.indexOf(`>${c.name}</a>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(res.text).toContain(`<td data-label="Bài viết">${used}</td>`);
  });

  it("creates a category with a slug made from its Vietnamese name; it appears in the navigation at once", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    await navNames(t); // fills the navigation cache
    const res = await agent.post("/admin/categories").type("form").send({ _csrf: csrf, name: "Thủ tục hành chính Đồng Tháp", slug: "", description: "Mô tả" }).expect(303);
    expect(res.headers.location).toBe("/admin/categories");
    expect((await agent.get("/admin/categories")).text).toContain("Đã thêm chuyên mục.");
    const created = await t.prisma.category.findUniqueOrThrow({ where: { slug: "thu-tuc-hanh-chinh-dong-thap" } });
    expect(created.description).toBe("Mô tả");
    expect((await navNames(t)).at(-1)).toBe("Thủ tục hành chính Đồng Tháp");
    await request(t.app).get("/chuyen-muc/thu-tuc-hanh-chinh-dong-thap").expect(200);
    expect(await t.prisma.auditLog.count({ where: { action: "category.create", target: "Thủ tục hành chính Đồng Tháp" } })).toBe(1);

    // The same name again gets "-2" rather than a refusal, as WordPress does.
    const json = await agent.post("/admin/categories").set("accept", "application/json").set("x-csrf-token", csrf).send({ name: "Thủ tục hành chính Đồng Tháp" }).expect(201);
    expect(json.body).toEqual({ id: expect.any(Number), url: `/admin/categories/${json.body.id}/edit` });
    expect((await t.prisma.category.findUniqueOrThrow({ where: { id: json.body.id } })).slug).toBe("thu-tuc-hanh-chinh-dong-thap-2");
  });

  it("refuses an explicit slug already in use with 422 and stores nothing", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const before = await t.prisma.category.count();
    const res = await agent.post("/admin/categories").type("form").send({ _csrf: csrf, name: "Hỏi đáp mới", slug: "hoi-dap" }).expect(422);
    expect(res.text).toContain("Đường dẫn “hoi-dap” đã được dùng cho chuyên mục khác.");
    expect(res.text).toContain('value="Hỏi đáp mới"');
    expect(await t.prisma.category.count()).toBe(before);
  });

  it("refuses a missing name with 422", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const before = await t.prisma.department.count();
    const res = await agent.post("/admin/departments").type("form").send({ _csrf: csrf, name: "   " }).expect(422);
    expect(res.text).toContain("Vui lòng nhập tên.");
    expect(await t.prisma.department.count()).toBe(before);
  });

  it("edits name, slug and description; the public address follows", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const category = await buildCategory(t.prisma, { name: "Tên cũ" });
    const form = await agent.get(`/admin/categories/${category.id}/edit`).expect(200);
    expect(form.text).toContain('value="Tên cũ"');
    await agent.post(`/admin/categories/${category.id}`).type("form").send({ _csrf: csrf, name: "Tên mới", slug: "Tên Mới Hơn", description: "Đã sửa" }).expect(303);
    const updated = await t.prisma.category.findUniqueOrThrow({ where: { id: category.id } });
    expect(updated).toMatchObject({ name: "Tên mới", slug: "ten-moi-hon", description: "Đã sửa" });
    await request(t.app).get("/chuyen-muc/ten-moi-hon").expect(200);
    expect(await navNames(t)).toContain("Tên mới");
  });

  it("refuses renaming to another entry's slug and keeps the old values", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const a = await buildDepartment(t.prisma, { name: "Phòng A" });
    const b = await buildDepartment(t.prisma, { name: "Phòng B" });
    const res = await agent.post(`/admin/departments/${b.id}`).set("accept", "application/json").set("x-csrf-token", csrf).send({ name: "Phòng B", slug: a.slug }).expect(422);
    expect(res.body.error).toBe(`Đường dẫn “${a.slug}” đã được dùng cho đơn vị khác.`);
    expect((await t.prisma.department.findUniqueOrThrow({ where: { id: b.id } })).slug).toBe(b.slug);
  });

  it("reorders with up and down buttons that work without JavaScript", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const names = await navNames(t);
    const last = await t.prisma.category.findFirstOrThrow({ where: { name: names.at(-1)! } });
    const res = await agent.post(`/admin/categories/${last.id}/move`).type("form").send({ _csrf: csrf, direction: "up" }).expect(303);
    expect(res.headers.location).toBe(`/admin/categories#muc-${last.id}`);
    expect((await agent.get("/admin/categories")).text).toContain(`Đã chuyển “${last.name}” lên.`);
    const moved = [...names.slice(0, -2), names.at(-1)!, names.at(-2)!];
    expect(await navNames(t)).toEqual(moved);
    // At the top already: nothing changes.
    const first = await t.prisma.category.findFirstOrThrow({ where: { name: names[0]! } });
    await agent.post(`/admin/categories/${first.id}/move`).type("form").send({ _csrf: csrf, direction: "up" }).expect(303);
    expect(await navNames(t)).toEqual(moved);
  });

  it("refuses an unknown direction with 422", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const names = await navNames(t);
    const first = await t.prisma.category.findFirstOrThrow({ where: { name: names[0]! } });
    const res = await agent.post(`/admin/categories/${first.id}/move`).type("form").send({ _csrf: csrf, direction: "sideways" }).expect(422);
    expect(res.text).toContain("Hướng di chuyển phải là lên (up) hoặc xuống (down).");
    expect(await navNames(t)).toEqual(names);
  });

  it("refuses to delete a category in use (409, saying how many articles) and keeps it", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const category = await buildCategory(t.prisma, { name: "Đang dùng" });
    await buildArticle(t.prisma, { categoryId: category.id });
    await buildArticle(t.prisma, { categoryId: category.id, deletedAt: new Date() });
    const page = await agent.get(`/admin/categories/${category.id}/delete`).expect(200);
    expect(page.text).toContain("Chưa thể xoá chuyên mục này: 2 bài viết đang dùng nó");
    const res = await agent.post(`/admin/categories/${category.id}/delete`).type("form").send({ _csrf: csrf }).expect(409);
    expect(res.text).toContain("Không thể xoá chuyên mục “Đang dùng”: 2 bài viết đang dùng chuyên mục này");
    const json = await agent.post(`/admin/categories/${category.id}/delete`).set("accept", "application/json").set("x-csrf-token", csrf).send({}).expect(409);
    expect(json.body.error).toMatch(/^Không thể xoá chuyên mục “Đang dùng”: 2 bài viết/);
    expect(await t.prisma.category.findUnique({ where: { id: category.id } })).not.toBeNull();
  });

  it("deletes an unused category, records it, and drops it from the navigation", async () => {
    const t = await createTestApp();
    const category = await buildCategory(t.prisma, { name: "Không dùng nữa" }); // before any page fills the cache
    const { agent, csrf } = await asEditor(t);
    expect(await navNames(t)).toContain("Không dùng nữa");
    const res = await agent.post(`/admin/categories/${category.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    expect((await agent.get(res.headers.location!)).text).toContain("Đã xoá chuyên mục.");
    expect(await t.prisma.category.findUnique({ where: { id: category.id } })).toBeNull();
    expect(await navNames(t)).not.toContain("Không dùng nữa");
    expect(await t.prisma.auditLog.count({ where: { action: "category.delete", target: "Không dùng nữa" } })).toBe(1);
  });

  it("refuses to delete a department its authors still belong to", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const department = await buildDepartment(t.prisma, { name: "Phòng Tổng hợp" });
    await buildAuthor(t.prisma, { departmentId: department.id });
    const res = await agent.post(`/admin/departments/${department.id}/delete`).type("form").send({ _csrf: csrf }).expect(409);
    expect(res.text).toContain("1 tác giả đang dùng đơn vị này");
    expect(await t.prisma.department.findUnique({ where: { id: department.id } })).not.toBeNull();
  });

  it("creates an author in a department, and refuses a department that does not exist", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asEditor(t);
    const department = await buildDepartment(t.prisma, { name: "Phòng Nghiệp vụ" });
    const form = await agent.get("/admin/authors/new").expect(200);
    expect(form.text).toContain(`<option value="${department.id}">Phòng Nghiệp vụ</option>`);
    await agent.post("/admin/authors").type("form").send({ _csrf: csrf, name: "Ngọc Hân", departmentId: String(department.id) }).expect(303);
    const author = await t.prisma.author.findUniqueOrThrow({ where: { slug: "ngoc-han" } });
    expect(author.departmentId).toBe(department.id);
    expect((await agent.get("/admin/authors")).text).toContain("Phòng Nghiệp vụ");

    const before = await t.prisma.author.count();
    const res = await agent.post("/admin/authors").type("form").send({ _csrf: csrf, name: "Không Đơn Vị", departmentId: "999999" }).expect(422);
    expect(res.text).toContain("Đơn vị đã chọn không tồn tại.");
    expect(await t.prisma.author.count()).toBe(before);
  });

  it("refuses a write without a CSRF token", async () => {
    const t = await createTestApp();
    const { agent } = await asEditor(t);
    const before = await t.prisma.category.count();
    await agent.post("/admin/categories").type("form").send({ name: "Không token" }).expect(403);
    expect(await t.prisma.category.count()).toBe(before);
  });

  it.each(["categories", "departments", "authors"])("answers 403 to an author on /admin/%s and changes nothing", async (plural) => {
    const t = await createTestApp();
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "author" }));
    const entry = plural === "categories" ? await buildCategory(t.prisma) : plural === "departments" ? await buildDepartment(t.prisma) : await buildAuthor(t.prisma);
    const model = { categories: t.prisma.category, departments: t.prisma.department, authors: t.prisma.author }[plural]!;
    const count = async () => (model as typeof t.prisma.category).count();
    const before = await count();
    expect((await agent.get(`/admin/${plural}`).expect(403)).text).toContain("Bạn không có quyền");
    await agent.post(`/admin/${plural}`).type("form").send({ _csrf: csrf, name: "Của phóng viên" }).expect(403);
    await agent.post(`/admin/${plural}/${entry.id}`).type("form").send({ _csrf: csrf, name: "Đổi tên" }).expect(403);
    await agent.post(`/admin/${plural}/${entry.id}/delete`).type("form").send({ _csrf: csrf }).expect(403);
    expect(await count()).toBe(before);
    expect((await (model as typeof t.prisma.category).findUniqueOrThrow({ where: { id: entry.id } })).name).toBe(entry.name);
  });
});
