import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildPerson, buildUnit } from "../../helpers/organisation.js";

const expectValid = htmlChecker();

/** The names in the people table, in order. */
async function peopleFound(t: TestApp, q: string): Promise<string[]> {
  const res = await request(t.app).get(`/danh-ba?q=${encodeURIComponent(q)}`).expect(200);
  const table = /id="people-title"[\s\S]*?<\/table>/.exec(res.text)?.[0] ?? "";
  return [...table.matchAll(/<th scope="row">([^<]+?)(?: <span|<\/th>)/g)].map((m) => m[1]!);
}

describe("the contact directory", () => {
  it("lists everybody in the office's order with position, unit, phone and e-mail, and the units; valid HTML, a form that works without JavaScript", async () => {
    const t = await createTestApp();
    const res = await request(t.app).get("/danh-ba").expect(200);
    expect(res.text).toContain('<form class="directory-form" method="get" action="/danh-ba" role="search">');
    expect(res.text).toContain('<label for="q">Tìm theo tên, đơn vị hoặc chức vụ</label>');
    expect(await peopleFound(t, "")).toEqual(["Nguyễn Thị Thanh Hà", "Lê Văn Phúc", "Trần Quốc Bảo", "Phạm Ngọc Diễm"]);
    expect(res.text).toContain('<td data-label="Chức vụ">Phó Trưởng phòng, phụ trách chính quyền điện tử</td>');
    expect(res.text).toContain('<td data-label="Đơn vị"><a href="/don-vi/bo-phan-chinh-quyen-dien-tu">Bộ phận Chính quyền điện tử</a></td>');
    expect(res.text).toContain('<td data-label="Điện thoại"><a class="tel-nowrap" href="tel:+847103730759">0710 3730759</a></td>');
    expect(res.text).toContain("(dữ liệu minh họa)");
    // Units: listed ones only (the seed's byline unit is left off the chart and the directory).
    expect(res.text).toContain('<th scope="row"><a href="/don-vi/bo-phan-kiem-soat-thu-tuc-hanh-chinh">Bộ phận Kiểm soát thủ tục hành chính</a></th>');
    expect(res.text).not.toContain('<a href="/don-vi/phong-cchc">');
    await expectValid(res.text, "/danh-ba");
  });

  it("finds people by name, position and unit, ignoring case and diacritics both ways", async () => {
    const t = await createTestApp();
    const unit = await buildUnit(t.prisma, { name: "Bộ phận Một cửa Đồng Tháp", slug: "bo-phan-mot-cua-dong-thap" });
    await buildPerson(t.prisma, { name: "Đỗ Thị Hồng Nhung", position: "Trưởng bộ phận", unitId: unit.id });
    await t.changed();
    expect(await peopleFound(t, "do thi hong")).toEqual(["Đỗ Thị Hồng Nhung"]);
    expect(await peopleFound(t, "ĐỖ THỊ")).toEqual(["Đỗ Thị Hồng Nhung"]);
    expect(await peopleFound(t, "dong thap")).toEqual(["Đỗ Thị Hồng Nhung"]);
    expect(await peopleFound(t, "Đồng Tháp trưởng")).toEqual(["Đỗ Thị Hồng Nhung"]);
    expect(await peopleFound(t, "phu trach")).toEqual(["Lê Văn Phúc", "Trần Quốc Bảo"]);
    expect(await peopleFound(t, "chinh quyen dien tu")).toEqual(["Trần Quốc Bảo"]);
    // Typed in NFD, as some Mac keyboards send it.
    expect(await peopleFound(t, "Phạm Ngọc".normalize("NFD"))).toEqual(["Phạm Ngọc Diễm"]);
  });

  it("finds units by name and says when nothing matches", async () => {
    const t = await createTestApp();
    const res = await request(t.app).get("/danh-ba?q=kiem%20soat").expect(200);
    expect(res.text).toContain("Bộ phận Kiểm soát thủ tục hành chính</a></th>");
    expect(res.text).toContain("Tìm thấy 1 người và 1 đơn vị cho “kiem soat”.");
    expect(res.text).toContain('<meta name="robots" content="noindex, follow">');
    const none = await request(t.app).get("/danh-ba?q=khong%20ai%20ten%20nay").expect(200);
    expect(none.text).toContain("Không tìm thấy ai trong danh bạ cho “khong ai ten nay”.");
    expect(none.text).toContain('value="khong ai ten nay"');
  });

  it("pages the people fifty at a time and answers 404 past the last page", async () => {
    const t = await createTestApp();
    for (let i = 0; i < 48; i++) await buildPerson(t.prisma, { name: `Cán bộ số ${String(i).padStart(2, "0")}`, sortOrder: 2000 + i });
    await t.changed();
    const first = await request(t.app).get("/danh-ba").expect(200);
    expect(first.text).toContain('href="/danh-ba?trang=2"');
    const second = await request(t.app).get("/danh-ba?trang=2").expect(200);
    expect(second.text).toContain("Cán bộ số 47");
    expect(second.text).not.toContain('id="units-title"');
    await request(t.app).get("/danh-ba?trang=3").expect(404);
    await request(t.app).get("/danh-ba?trang=abc").expect(400);
  });
});
