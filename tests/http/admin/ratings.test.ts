import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";

// /admin/ratings: scores per page (lowest average first) and over time, and the comments.

const SEED_ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";

let t: TestApp;
beforeAll(async () => {
  // Wednesday 2 December 2026, 10:00 in Vietnam.
  t = await createTestApp({ clock: testClock("2026-12-02T03:00:00Z") });
  const rows: [string, number, string, string][] = [
    [SEED_ARTICLE, 5, "Rất rõ ràng.", "2026-12-01"],
    [SEED_ARTICLE, 4, "", "2026-12-02"],
    ["/gioi-thieu", 1, "Thiếu số điện thoại của phòng.", "2026-11-20"],
    ["/gioi-thieu", 2, "", "2026-10-05"],
    ["/van-ban/khong-con", 3, "", "2026-12-02"],
  ];
  for (const [i, [path, score, comment, day]] of rows.entries()) {
    await t.prisma.rating.create({ data: { path, score, comment, day, visitor: `v${i}`, createdAt: new Date(`${day}T05:00:00Z`) } });
  }
});

describe("the ratings in the panel", () => {
  it("lists the pages lowest average first with their count, titles where the page is known", async () => {
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    const html = (await agent.get("/admin/ratings").expect(200)).text;
    const order = ["/gioi-thieu", "/van-ban/khong-con", SEED_ARTICLE].map((p) => html.indexOf(`<span class="hint rating-path">${p}</span>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<a href="/gioi-thieu">Giới thiệu</a>');
    expect(html).toContain(">Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016</a>");
    expect(html).toMatch(/<td data-label="Điểm trung bình">1,5\/5<\/td>\s*<td data-label="Số lượt">2<\/td>/);
    expect(html).toMatch(/<td data-label="Điểm trung bình">4,5\/5<\/td>/);
    expect(html).toContain("Tổng cộng 5 lượt.");
    await htmlChecker()(html, "/admin/ratings");
  });

  it("shows the last 12 weeks or months, empty periods included", async () => {
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    const weeks = (await agent.get("/admin/ratings").expect(200)).text;
    expect(weeks.match(/<th scope="row">Tuần từ /g)).toHaveLength(12);
    // Monday 30 November: the ratings of 1 and 2 December (3 of them, average 4).
    expect(weeks).toMatch(/<th scope="row">Tuần từ 30\/11\/2026<\/th><td data-label="Số lượt">3<\/td><td data-label="Điểm trung bình">4<\/td>/);
    expect(weeks).toContain('aria-labelledby="danh-gia-theo-thoi-gian-title danh-gia-theo-thoi-gian-desc"');
    const months = (await agent.get("/admin/ratings?theo=thang").expect(200)).text;
    expect(months.match(/<th scope="row">Tháng /g)).toHaveLength(12);
    expect(months).toMatch(/<th scope="row">Tháng 10\/2026<\/th><td data-label="Số lượt">1<\/td><td data-label="Điểm trung bình">2<\/td>/);
    expect(months).toMatch(/<th scope="row">Tháng 1\/2026<\/th><td data-label="Số lượt">0<\/td><td data-label="Điểm trung bình">—<\/td>/);
    await agent.get("/admin/ratings?theo=nam").expect(400);
  });

  it("lists the comments newest first, for one page when asked", async () => {
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "admin" }));
    const all = (await agent.get("/admin/ratings/y-kien").expect(200)).text;
    expect(all.indexOf("Rất rõ ràng.")).toBeGreaterThan(0);
    expect(all.indexOf("Rất rõ ràng.")).toBeLessThan(all.indexOf("Thiếu số điện thoại của phòng."));
    const one = (await agent.get(`/admin/ratings/y-kien?duong-dan=${encodeURIComponent("/gioi-thieu")}`).expect(200)).text;
    expect(one).toContain("Thiếu số điện thoại của phòng.");
    expect(one).not.toContain("Rất rõ ràng.");
    await htmlChecker()(all, "/admin/ratings/y-kien");
  });

  it("is for editors and administrators", async () => {
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "author" }));
    await agent.get("/admin/ratings").expect(403);
    await agent.get("/admin/ratings/y-kien").expect(403);
  });
});
