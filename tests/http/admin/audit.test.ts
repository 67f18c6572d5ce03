import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildCategory } from "../../helpers/factories.js";
import { buildUser, loginAs } from "../../helpers/login.js";

async function asAdmin(t: TestApp) {
  const admin = await buildUser(t.prisma, { role: "admin", name: "Quản Trị Viên A" });
  return { admin, ...(await loginAs(t, admin)) };
}

/** The rows of the audit table, each as its cells' text. */
function rows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.trim()));
}

describe("audit log", () => {
  it("records logins, account, settings and taxonomy changes, newest first, with who, what, when and IP", async () => {
    const t = await createTestApp();
    const { admin, agent, csrf } = await asAdmin(t);
    const unused = await buildCategory(t.prisma, { name: "Chuyên mục tạm" });
    await agent.post("/admin/users").type("form").send({ _csrf: csrf, name: "Biên Tập B", email: "bien.tap.b@cantho.gov.vn", role: "editor", password: "Ben-Ninh-Kieu-2026" }).expect(303);
    const settings = await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
    const { id: _id, updatedAt: _u, ...fields } = settings;
    await agent.post("/admin/settings").type("form").send({ ...fields, bannerPhotoId: String(fields.bannerPhotoId ?? ""), visitBaseline: String(fields.visitBaseline), hotline2: "0931 777 888", _csrf: csrf }).expect(303);
    await agent.post(`/admin/categories/${unused.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);

    const res = await agent.get("/admin/audit").expect(200);
    const table = rows(res.text);
    expect(table.map((r) => r[2])).toEqual(["Xoá chuyên mục", "Sửa cấu hình trang", "Tạo tài khoản", "Đăng nhập"]);
    const [deleted, changed, created, login] = table as [string[], string[], string[], string[]];
    expect(deleted[3]).toBe("Chuyên mục tạm");
    expect(changed[4]).toBe("hotline2");
    expect(created[3]).toBe("bien.tap.b@cantho.gov.vn");
    expect(login[1]).toBe(`Quản Trị Viên A (${admin.email})`);
    expect(login[0]).toMatch(/^\d{2}:\d{2} - \d{2}\/\d{2}\/\d{4}$/);
    expect(login[5]).toMatch(/127\.0\.0\.1|::1/);
  });

  it("shows times in Vietnam time whatever the server's zone", async () => {
    const t = await createTestApp();
    const { agent } = await asAdmin(t);
    await t.prisma.auditLog.create({ data: { action: "article.publish", target: "bài #1", createdAt: new Date("2030-01-01T17:05:00Z") } });
    const [newest] = rows((await agent.get("/admin/audit")).text);
    expect(newest![0]).toBe("00:05 - 02/01/2030");
    expect(newest![2]).toBe("Đăng bài");
  });

  it("pages 50 entries at a time", async () => {
    const t = await createTestApp();
    const { agent } = await asAdmin(t);
    const base = Date.UTC(2020, 0, 1);
    await t.prisma.auditLog.createMany({ data: Array.from({ length: 60 }, (_, i) => ({ action: "login", target: `muc-${i}`, createdAt: new Date(base + i * 60_000) })) });
    const first = await agent.get("/admin/audit").expect(200);
    expect(rows(first.text)).toHaveLength(50);
    expect(first.text).toContain('href="/admin/audit?trang=2"');
    const second = rows((await agent.get("/admin/audit?trang=2").expect(200)).text);
    expect(second).toHaveLength(11);
    expect(second.at(-1)![3]).toBe("muc-0");
    await agent.get("/admin/audit?trang=abc").expect(400);
  });

  it.each(["editor", "author"] as const)("is not visible to an %s (403)", async (role) => {
    const t = await createTestApp();
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role }));
    const res = await agent.get("/admin/audit").expect(403);
    expect(res.text).toContain("Bạn không có quyền");
    expect(res.text).not.toContain("Nhật ký hoạt động</h1>");
  });
});
