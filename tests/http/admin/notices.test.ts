import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock, type TestClock } from "../../helpers/clock.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";

// Notices at the top of every public page: shown only in their window (kept pages end at a notice's
// start and end without any write), planned outages warned under 7 working days' notice.

const SEED_ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
// Friday 4 December 2026, 09:00 in Vietnam.
const FRIDAY = "2026-12-04T02:00:00Z";

let t: TestApp;
let clock: TestClock;
let editor: Awaited<ReturnType<typeof loginAs>>;
beforeAll(async () => {
  clock = testClock(FRIDAY);
  // The clock moves by hours and days here: sessions last long enough not to be the subject.
  t = await createTestApp({ clock, env: { SESSION_IDLE_MINUTES: "1440", SESSION_MAX_HOURS: "720" } });
  editor = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
});

const post = (path: string, fields: Record<string, string>) => editor.agent.post(path).type("form").send({ _csrf: editor.csrf, ...fields });
const publicPage = async (path: string) => (await request(t.app).get(path).set("User-Agent", BROWSER_UA).expect(200)).text;
const noticesOf = (html: string) => [...html.matchAll(/<span class="site-notice-text">([^<]*)<\/span>/g)].map((m) => m[1]);

describe("notices", () => {
  it("shows a notice at the top of every public page only within its window, kept pages following its start and end", async () => {
    for (const path of ["/", SEED_ARTICLE, "/chi-so-cchc"]) await publicPage(path); // kept from now on
    const res = await post("/admin/notices", { text: "Cổng dịch vụ công nâng cấp, hồ sơ trực tiếp vẫn nhận.", level: "warning", startsAt: "2026-12-04T10:00", endsAt: "2026-12-04T12:00" }).expect(303);
    expect(res.headers.location).toBe("/admin/notices");
    expect(await t.prisma.auditLog.count({ where: { action: "notice.create" } })).toBe(1);
    const admin = (await editor.agent.get("/admin/notices").expect(200)).text;
    expect(admin).toContain("Đã lưu thông báo.");
    expect(admin).toMatch(/Sắp hiện<\/h2>[\s\S]*Cổng dịch vụ công nâng cấp/);
    await htmlChecker()(admin, "/admin/notices");
    expect(noticesOf(await publicPage("/"))).toEqual([]);

    clock.set("2026-12-04T03:00:30Z"); // 10:00:30 in Vietnam: no write in between
    for (const path of ["/", SEED_ARTICLE, "/chi-so-cchc", "/chi-so-cchc/2016"]) {
      const html = await publicPage(path);
      expect(noticesOf(html), path).toEqual(["Cổng dịch vụ công nâng cấp, hồ sơ trực tiếp vẫn nhận."]);
      expect(html.indexOf('class="site-notices"'), path).toBeLessThan(html.indexOf('class="site-header"'));
      expect(html).toContain('<span class="site-notice-level">Lưu ý</span>');
    }
    await htmlChecker()(await publicPage("/chi-so-cchc"), "/chi-so-cchc with a notice");
    expect((await editor.agent.get("/admin/notices").expect(200)).text).not.toContain('class="site-notices"');

    clock.set("2026-12-04T05:00:01Z"); // 12:00:01: ended
    for (const path of ["/", SEED_ARTICLE]) expect(noticesOf(await publicPage(path)), path).toEqual([]);
  });

  it("refuses what cannot be saved with 422 and stores nothing", async () => {
    const before = await t.prisma.notice.count();
    const base = { text: "Thông báo", level: "info", startsAt: "2026-12-05T08:00", endsAt: "2026-12-05T17:00" };
    const cases: [Record<string, string>, string, string][] = [
      [{ endsAt: "2026-12-05T08:00" }, "endsAt", "Thời điểm kết thúc phải sau thời điểm bắt đầu."],
      [{ startsAt: "2026-12-01T08:00", endsAt: "2026-12-02T08:00" }, "endsAt", "Thời điểm kết thúc đã qua"],
      [{ startsAt: "05/12/2026 08:00" }, "startsAt", "Thời điểm bắt đầu không hợp lệ"],
      [{ startsAt: "2026-02-30T08:00" }, "startsAt", "Thời điểm bắt đầu không hợp lệ"],
      [{ text: "  " }, "text", "Vui lòng nhập nội dung thông báo."],
      [{ text: "x".repeat(501) }, "text", "Nội dung thông báo không được quá 500 ký tự."],
      [{ level: "red" }, "level", "Mức độ phải là Thông báo, Lưu ý hoặc Khẩn."],
    ];
    for (const [change, field, message] of cases) {
      const res = await post("/admin/notices", { ...base, ...change }).expect(422);
      expect(res.text, field).toContain(message);
      expect(res.text, field).toContain(`href="#${field}"`);
    }
    expect((await post("/admin/notices", { ...base, text: "Giữ lại chữ đã gõ", endsAt: "2026-12-05T07:00" }).expect(422)).text).toContain("Giữ lại chữ đã gõ</textarea>");
    expect(await t.prisma.notice.count()).toBe(before);
  });

  it("warns when a planned outage starts less than 7 working days ahead (weekends not counted); saved once confirmed", async () => {
    clock.set(FRIDAY);
    const before = await t.prisma.notice.count();
    const outage = { text: "Tạm ngừng hệ thống một cửa điện tử để bảo trì.", level: "danger", outage: "on", endsAt: "2026-12-14T12:00" };
    // Monday 14 December: 6 working days after Friday 4 December (Mon 7 to Fri 11, and Mon 14).
    const warned = await post("/admin/notices", { ...outage, startsAt: "2026-12-14T08:00" }).expect(422);
    expect(warned.text).toContain("Cảnh báo: báo trước chưa đủ 7 ngày làm việc.");
    expect(warned.text).toContain("chỉ được báo trước 6 ngày làm việc (không tính thứ Bảy, Chủ nhật), ít hơn 7 ngày làm việc theo Điều 13 Nghị định 224/2026/NĐ-CP");
    expect(warned.text).toMatch(/<input id="acknowledgeShortNotice" type="checkbox" name="acknowledgeShortNotice" value="on">/);
    expect(warned.text).toContain('value="2026-12-14T08:00"');
    const json = await editor.agent.post("/admin/notices").set("accept", "application/json").set("x-csrf-token", editor.csrf).send({ ...outage, startsAt: "2026-12-14T08:00" }).expect(422);
    expect(json.body.fields).toHaveProperty("acknowledgeShortNotice");
    expect(await t.prisma.notice.count()).toBe(before);

    // Confirmed: saved, and announced on the public pages at once, with the outage's times.
    await post("/admin/notices", { ...outage, startsAt: "2026-12-14T08:00", acknowledgeShortNotice: "on" }).expect(303);
    const html = await publicPage("/");
    expect(noticesOf(html)).toContain("Tạm ngừng hệ thống một cửa điện tử để bảo trì.");
    expect(html).toContain("Tạm ngừng dịch vụ từ 08:00 - 14/12/2026 đến 12:00 - 14/12/2026.");
    expect(html).toContain('<p class="site-notice site-notice-danger">');
    const list = (await editor.agent.get("/admin/notices").expect(200)).text;
    expect(list).toContain("Báo trước 6 ngày làm việc (ít hơn 7).");

    // Tuesday 15 December is 7 working days ahead: no warning.
    const created = await editor.agent
      .post("/admin/notices")
      .set("accept", "application/json")
      .set("x-csrf-token", editor.csrf)
      .send({ ...outage, startsAt: "2026-12-15T22:00", endsAt: "2026-12-16T06:00" })
      .expect(201);
    expect(created.body).toEqual({ id: expect.any(Number), url: `/admin/notices/${created.body.id}/edit` });

    // Editing the text of an announced outage does not warn again; moving it earlier does.
    const id = created.body.id as number;
    const form = (await editor.agent.get(`/admin/notices/${id}/edit`).expect(200)).text;
    expect(form).toContain('value="2026-12-15T22:00"');
    expect(form).toMatch(/id="outage" type="checkbox" name="outage" value="on" aria-describedby="outage-hint" checked/);
    clock.set("2026-12-10T02:00:00Z");
    editor = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    await post(`/admin/notices/${id}`, { ...outage, text: "Bảo trì, đã dời giờ.", startsAt: "2026-12-15T22:00", endsAt: "2026-12-16T06:00" }).expect(303);
    await post(`/admin/notices/${id}`, { ...outage, startsAt: "2026-12-14T22:00", endsAt: "2026-12-16T06:00" }).expect(422);
    expect((await t.prisma.notice.findUniqueOrThrow({ where: { id } })).text).toBe("Bảo trì, đã dời giờ.");
    expect(await t.prisma.auditLog.count({ where: { action: "notice.update" } })).toBe(1);
  });

  it("deletes a notice after asking; it leaves the public pages at once", async () => {
    clock.set(FRIDAY);
    const notice = await t.prisma.notice.create({ data: { text: "Thông báo sẽ xoá", level: "info", startsAt: new Date("2026-12-03T00:00:00Z"), endsAt: new Date("2026-12-31T00:00:00Z") } });
    await t.changed();
    expect(noticesOf(await publicPage("/"))).toContain("Thông báo sẽ xoá");
    expect((await editor.agent.get(`/admin/notices/${notice.id}/delete`).expect(200)).text).toContain("Thông báo sẽ xoá");
    await post(`/admin/notices/${notice.id}/delete`, {}).expect(303);
    expect(noticesOf(await publicPage("/"))).not.toContain("Thông báo sẽ xoá");
    expect(await t.prisma.auditLog.count({ where: { action: "notice.delete" } })).toBe(1);
    await post(`/admin/notices/${notice.id}/delete`, {}).expect(404);
    await editor.agent.get("/admin/notices/999999/edit").expect(404);
  });

  it("is for editors and administrators, with the form's token", async () => {
    const author = await loginAs(t, await buildUser(t.prisma, { role: "author" }));
    const before = await t.prisma.notice.count();
    const fields = { text: "Không được", level: "info", startsAt: "2026-12-05T08:00", endsAt: "2026-12-05T17:00" };
    await author.agent.get("/admin/notices").expect(403);
    await author.agent.post("/admin/notices").type("form").send({ _csrf: author.csrf, ...fields }).expect(403);
    await editor.agent.post("/admin/notices").type("form").send(fields).expect(403);
    expect(await t.prisma.notice.count()).toBe(before);
    await htmlChecker()((await editor.agent.get("/admin/notices/new").expect(200)).text, "/admin/notices/new");
  });
});
