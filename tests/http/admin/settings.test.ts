import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { png } from "../../helpers/images.js";
import { buildUser, loginAs } from "../../helpers/login.js";

async function asAdmin(t: TestApp) {
  return loginAs(t, await buildUser(t.prisma, { role: "admin" }));
}

/** The form as the page shows it, so a test changes one field and sends the rest unchanged. */
async function currentForm(t: TestApp) {
  const s = await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
  // requireTwoFactor, the links block and the English texts have screens of their own.
  const { id: _id, updatedAt: _u, links: _l, siteNameEn: _n, managingUnitEn: _m, addressEn: _a, ...fields } = s;
  return { ...fields, visitBaseline: String(fields.visitBaseline), bannerPhotoId: fields.bannerPhotoId ? String(fields.bannerPhotoId) : "" };
}

describe("site settings", () => {
  it("shows every field of the header and footer, filled in", async () => {
    const t = await createTestApp();
    const { agent } = await asAdmin(t);
    const res = await agent.get("/admin/settings").expect(200);
    const form = await currentForm(t);
    for (const name of Object.keys(form)) expect(res.text).toContain(`name="${name}"`);
    expect(res.text).toContain('value="0931.015.119"');
    expect(res.text).toContain('value="127627"');
    expect(res.text).toMatch(new RegExp(`name="bannerPhotoId" value="${form.bannerPhotoId}" checked`));
  });

  it("changes the hotline and footer; the public pages show it at once; the audit names the fields", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    expect((await request(t.app).get("/")).text).toContain("0931.015.119"); // fills the cache
    const body = { ...(await currentForm(t)), hotline1: "0292 3 888 999", copyright: "© Phòng CCHC Cần Thơ 2026", _csrf: csrf };
    const res = await agent.post("/admin/settings").type("form").send(body).expect(303);
    expect(res.headers.location).toBe("/admin/settings");
    expect((await agent.get("/admin/settings")).text).toContain("Đã lưu cấu hình.");

    const home = await request(t.app).get("/").expect(200);
    expect(home.text).toContain("0292 3 888 999");
    expect(home.text).toContain('href="tel:+842923888999"');
    expect(home.text).toContain("© Phòng CCHC Cần Thơ 2026");
    expect((await request(t.app).get("/lien-he")).text).toContain("0292 3 888 999");
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "settings.update" } });
    expect(audit.detail).toBe("hotline1, copyright");
  });

  it("moves the counter baseline, which the visit counter adds to its total", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const before = (await request(t.app).get("/api/visits").expect(200)).body.total as number;
    await agent.post("/admin/settings").type("form").send({ ...(await currentForm(t)), visitBaseline: "200000", _csrf: csrf }).expect(303);
    const after = (await request(t.app).get("/api/visits").expect(200)).body.total as number;
    expect(after - before).toBe(200000 - 127627);
  });

  it("picks another banner from the photo library, or none", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const form = await currentForm(t);
    const photo = await t.prisma.photo.findFirstOrThrow({ where: { id: { not: Number(form.bannerPhotoId) } } });
    const json = await agent.post("/admin/settings").set("accept", "application/json").set("x-csrf-token", csrf).send({ ...form, bannerPhotoId: photo.id }).expect(200);
    expect(json.body).toEqual({ id: 1, url: "/admin/settings" });
    const home = await request(t.app).get("/").set("user-agent", BROWSER_UA).expect(200);
    expect(home.text).toMatch(new RegExp(`class="banner-img" src="/uploads/${photo.fileKey}-`));

    await agent.post("/admin/settings").type("form").send({ ...form, bannerPhotoId: "", _csrf: csrf }).expect(303);
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).bannerPhotoId).toBeNull();
    expect((await request(t.app).get("/")).text).not.toContain('class="banner-img"');
  });

  it.each([
    ["a bad e-mail", { email: "sonoivu@" }, "Thư điện tử không đúng định dạng"],
    ["letters in the hotline", { hotline1: "gọi ngay" }, "Đường dây nóng 1 chỉ gồm chữ số"],
    ["a hotline too short", { hotline2: "119" }, "Đường dây nóng 2 cần ít nhất 6 chữ số."],
    ["a negative baseline", { visitBaseline: "-5" }, "Số lượt truy cập ban đầu phải là số nguyên không âm"],
    ["a fractional baseline", { visitBaseline: "12.5" }, "Số lượt truy cập ban đầu phải là số nguyên không âm"],
    ["an empty site name", { siteName: "  " }, "Vui lòng nhập tên trang."],
    ["a reprint notice too long", { reprintNotice: "x".repeat(501) }, "Lời nhắc khi đăng lại không được quá 500 ký tự."],
    ["a banner that is not in the library", { bannerPhotoId: "999999" }, "Ảnh biểu ngữ đã chọn không còn trong thư viện."],
  ])("refuses %s with 422 and changes nothing", async (_label, change, message) => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const before = await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
    const body = { ...(await currentForm(t)), address: "Địa chỉ mới đang gõ", ...change, _csrf: csrf };
    const res = await agent.post("/admin/settings").type("form").send(body).expect(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain('value="Địa chỉ mới đang gõ"');
    expect(await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
    expect(await t.prisma.auditLog.count({ where: { action: "settings.update" } })).toBe(0);
  });

  it("refuses a change without a CSRF token", async () => {
    const t = await createTestApp();
    const { agent } = await asAdmin(t);
    await agent.post("/admin/settings").type("form").send({ ...(await currentForm(t)), hotline1: "0999 999 999" }).expect(403);
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).hotline1).toBe("0931.015.119");
  });

  it.each(["editor", "author"] as const)("answers 403 to an %s and changes nothing", async (role) => {
    const t = await createTestApp();
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role }));
    await agent.get("/admin/settings").expect(403);
    await agent.post("/admin/settings").type("form").send({ ...(await currentForm(t)), hotline1: "0999 999 999", _csrf: csrf }).expect(403);
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).hotline1).toBe("0931.015.119");
  });

  it("uploads a new banner, which the header shows at once", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const photos = await t.prisma.photo.count();
    const res = await agent.post("/admin/settings/banner").field("_csrf", csrf).attach("file", await png(1800, 500), "bieu-ngu.png").expect(303);
    expect(res.headers.location).toBe("/admin/settings");
    expect((await agent.get("/admin/settings")).text).toContain("Đã tải ảnh lên thư viện và dùng làm ảnh biểu ngữ.");
    const banner = await t.prisma.photo.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(await t.prisma.photo.count()).toBe(photos + 1);
    expect(banner.originalName).toBe("bieu-ngu.png");
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).bannerPhotoId).toBe(banner.id);
    expect((await request(t.app).get("/")).text).toContain(`class="banner-img" src="/uploads/${banner.fileKey}-`);
    expect(await t.prisma.auditLog.count({ where: { action: "settings.update", detail: "bannerPhotoId" } })).toBe(1);
  });

  it("refuses a banner file that is not an image, keeping the old banner and storing nothing", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const before = await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
    const photos = await t.prisma.photo.count();
    const res = await agent.post("/admin/settings/banner").field("_csrf", csrf).attach("file", Buffer.from("<script>alert(1)</script>"), "anh.jpg").expect(422);
    expect(res.text).toContain("Tệp không phải ảnh JPEG, PNG, WebP hoặc GIF.");
    const none = await agent.post("/admin/settings/banner").field("_csrf", csrf).expect(422);
    expect(none.text).toContain("Vui lòng chọn ít nhất một ảnh để tải lên.");
    expect(await t.prisma.photo.count()).toBe(photos);
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).bannerPhotoId).toBe(before.bannerPhotoId);
  });

  it("refuses a banner upload without a CSRF token or from an editor", async () => {
    const t = await createTestApp();
    const { agent } = await asAdmin(t);
    const photos = await t.prisma.photo.count();
    await agent.post("/admin/settings/banner").attach("file", await png(), "a.png").expect(403);
    const editor = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    await editor.agent.post("/admin/settings/banner").field("_csrf", editor.csrf).attach("file", await png(), "a.png").expect(403);
    expect(await t.prisma.photo.count()).toBe(photos);
  });
});
