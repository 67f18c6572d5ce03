import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { htmlChecker } from "../../helpers/html.js";
import { formBody, parSnapshot, type Fields } from "../../helpers/par-index.js";

// The year form of the PAR Index: validation (422, nothing stored, what was typed shown again),
// create/update/delete with their audit entries, roles and CSRF. The seed has 2016, 2017 and 2018.

const year2019: Fields = {
  year: "2019",
  total: "83,12",
  max: "100",
  rank: "9",
  ranked: "63",
  note: "Theo Quyết định công bố Chỉ số CCHC năm 2019 của Bộ Nội vụ.",
  componentName: ["Công tác chỉ đạo, điều hành cải cách hành chính", "Cải cách thủ tục hành chính", "", ""],
  componentScore: ["12,5", "9.75", "", ""],
  componentMax: ["13", "10", "", ""],
  comparisonLabel: ["Trung bình cả nước", ""],
  comparisonTotal: ["81.08", ""],
  comparisonRank: ["", ""],
};

let t: TestApp;
let editor: Awaited<ReturnType<typeof loginAs>>;
beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
});

const post = (path: string, fields: Fields, csrf = editor.csrf) => editor.agent.post(path).type("form").send(formBody({ _csrf: csrf, ...fields }));

describe("the PAR Index in the panel", () => {
  it("lists the years with their source, and offers the form, the import and the template", async () => {
    const html = (await editor.agent.get("/admin/par-index").expect(200)).text;
    expect(html).toContain('<a href="/admin/par-index/2016/edit">2016</a>');
    expect(html).toContain('<span class="badge badge-pending">Nhập từ bài viết</span>');
    expect(html).toContain('<span class="badge badge-pending">Số liệu minh họa</span>');
    expect(html).toContain('href="/admin/par-index/mau.csv"');
    expect(html).toContain("Mỗi năm có trong tệp được thay toàn bộ");
    await htmlChecker()(html, "/admin/par-index");
    await htmlChecker()((await editor.agent.get("/admin/par-index/new").expect(200)).text, "/admin/par-index/new");
    await htmlChecker()((await editor.agent.get("/admin/par-index/2016/edit").expect(200)).text, "/admin/par-index/2016/edit");
  });

  it("creates a year with its components and comparison rows; the public pages show it at once", async () => {
    await request(t.app).get("/chi-so-cchc").set("User-Agent", BROWSER_UA).expect(200); // kept from now on
    const res = await post("/admin/par-index", year2019).expect(303);
    expect(res.headers.location).toBe("/admin/par-index");
    expect((await editor.agent.get("/admin/par-index").expect(200)).text).toContain("Đã lưu Chỉ số CCHC năm 2019.");
    const stored = await t.prisma.parYear.findUniqueOrThrow({ where: { year: 2019 }, include: { components: { orderBy: { position: "asc" } }, comparisons: true } });
    expect(stored).toMatchObject({ total: 83.12, max: 100, rank: 9, ranked: 63, origin: "staff" });
    expect(stored.components.map((c) => [c.name, c.score, c.max, c.position])).toEqual([
      ["Công tác chỉ đạo, điều hành cải cách hành chính", 12.5, 13, 0],
      ["Cải cách thủ tục hành chính", 9.75, 10, 1],
    ]);
    expect(stored.comparisons.map((c) => [c.label, c.total, c.rank])).toEqual([["Trung bình cả nước", 81.08, null]]);
    expect(await t.prisma.auditLog.count({ where: { action: "par.year.create", target: "Chỉ số CCHC năm 2019" } })).toBe(1);
    expect((await request(t.app).get("/chi-so-cchc").set("User-Agent", BROWSER_UA)).text).toContain('<a href="/chi-so-cchc/2019">Năm 2019</a>');
    const page = (await request(t.app).get("/chi-so-cchc/2019").set("User-Agent", BROWSER_UA).expect(200)).text;
    expect(page).toContain("<dd>83,12/100 (83,12%)</dd>");
    expect(page).toContain("<dd>9/63</dd>");
  });

  it("answers a script with 201 {id, url, publicUrl}, and 409 for a year that already has data", async () => {
    const res = await editor.agent
      .post("/admin/par-index")
      .set("accept", "application/json")
      .set("x-csrf-token", editor.csrf)
      .send({ year: 2020, total: 84, max: 100, rank: 7, ranked: 63, componentName: ["Cải cách thể chế"], componentScore: ["9"], componentMax: ["10"] })
      .expect(201);
    expect(res.body).toEqual({ id: 2020, url: "/admin/par-index/2020/edit", publicUrl: "/chi-so-cchc/2020" });
    const before = await parSnapshot(t);
    const again = await post("/admin/par-index", { ...year2019, year: "2020" }).expect(409);
    expect(again.text).toContain("Năm 2020 đã có số liệu. Hãy mở năm đó trong danh sách để sửa.");
    expect(again.text).toContain('value="83,12"');
    expect(await parSnapshot(t)).toBe(before);
  });

  it("refuses each invalid field with 422, says which row, shows what was typed and stores nothing", async () => {
    const before = await parSnapshot(t);
    const cases: [Fields, string, string][] = [
      [{ componentScore: ["12,5", "9.75"], componentMax: ["10", "10"] }, "componentScore-0", "Chỉ số dòng 1: điểm 12,5 lớn hơn điểm tối đa 10."],
      [{ componentScore: ["-1", "9.75"] }, "componentScore-0", "Chỉ số dòng 1: điểm không được âm (đang là -1)."],
      [{ componentScore: ["12,5", "abc"] }, "componentScore-1", "Điểm của chỉ số dòng 2 «abc» không phải là số (viết 6,5 hoặc 6.5)."],
      [{ componentName: ["", "Cải cách thủ tục hành chính"] }, "componentName-0", "Chỉ số dòng 1: vui lòng nhập tên chỉ số."],
      [{ componentName: ["Cải cách thủ tục hành chính", "cai cach thu tuc hanh chinh"] }, "componentName-1", "Chỉ số dòng 2: chỉ số «cai cach thu tuc hanh chinh» đã có ở dòng 1."],
      [{ componentName: ["Tổng", "B"] }, "componentName-0", "Chỉ số dòng 1: điểm tổng ghi ở ô «Điểm tổng» phía trên"],
      [{ total: "101" }, "total", "Điểm tổng: điểm 101 lớn hơn điểm tối đa 100."],
      [{ total: "" }, "total", "Vui lòng nhập điểm tổng."],
      [{ max: "0", comparisonTotal: ["", ""], comparisonLabel: ["", ""] }, "total", "Điểm tổng: điểm tối đa phải lớn hơn 0 (đang là 0)."],
      [{ rank: "70" }, "rank", "Hạng 70 lớn hơn số tỉnh, thành được xếp hạng 63."],
      [{ ranked: "" }, "ranked", "Cần ghi cả hạng và số tỉnh, thành được xếp hạng, hoặc bỏ trống cả hai."],
      [{ ranked: "0" }, "ranked", "Số tỉnh, thành được xếp hạng phải từ 1 đến 100, ví dụ 63 hoặc 34 (đang là 0)."],
      [{ rank: "1,5" }, "rank", "Hạng «1,5» phải là số nguyên."],
      [{ year: "2011" }, "year", "Năm phải từ 2012 đến"],
      [{ year: "hai nghìn" }, "year", "Năm «hai nghìn» không hợp lệ, ví dụ 2016."],
      [{ comparisonTotal: ["120", ""] }, "comparisonTotal-0", "So sánh dòng 1: điểm 120 lớn hơn điểm tối đa 100."],
      [{ comparisonLabel: ["", ""], comparisonTotal: ["80", ""] }, "comparisonLabel-0", "So sánh dòng 1: vui lòng nhập tên"],
      [{ comparisonRank: ["64", ""] }, "comparisonRank-0", "So sánh dòng 1: hạng phải từ 1 đến 63."],
    ];
    for (const [change, field, message] of cases) {
      const res = await post("/admin/par-index", { ...year2019, year: "2021", ...change }).expect(422);
      expect(res.text, field).toContain(message);
      expect(res.text, field).toContain(`href="#${field}"`);
      expect(res.text, field).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
      expect(res.text, field).toContain("Có 1 lỗi cần sửa");
    }
    const typed = await post("/admin/par-index", { ...year2019, year: "2021", componentScore: ["12,5", "99"] }).expect(422);
    expect(typed.text).toContain('value="Công tác chỉ đạo, điều hành cải cách hành chính"');
    expect(typed.text).toContain('value="99"');
    expect(typed.text).toContain('value="Trung bình cả nước"');
    const json = await editor.agent.post("/admin/par-index").set("accept", "application/json").set("x-csrf-token", editor.csrf).send({ year: 2021, total: 5, max: 4 }).expect(422);
    expect(json.body.error).toBe("Điểm tổng: điểm 5 lớn hơn điểm tối đa 4.");
    expect(await parSnapshot(t)).toBe(before);
  });

  it("edits a seeded year: the rows are replaced, the seed mark goes, the audit says so", async () => {
    const form = (await editor.agent.get("/admin/par-index/2016/edit").expect(200)).text;
    expect(form).toContain("Năm này đang được đánh dấu <strong>Nhập từ bài viết</strong>");
    expect(form).toContain('value="79,23"');
    expect(form).toContain('value="Cải cách tổ chức bộ máy hành chính nhà nước"');
    await post("/admin/par-index/2016", { total: "79,23", max: "100", rank: "16", ranked: "63", note: "Đã đối chiếu.", componentName: ["Cải cách thể chế"], componentScore: ["8"], componentMax: ["10"] }).expect(303);
    const stored = await t.prisma.parYear.findUniqueOrThrow({ where: { year: 2016 }, include: { components: true } });
    expect(stored).toMatchObject({ origin: "staff", note: "Đã đối chiếu." });
    expect(stored.components.map((c) => c.name)).toEqual(["Cải cách thể chế"]);
    expect(await t.prisma.auditLog.count({ where: { action: "par.year.update", target: "Chỉ số CCHC năm 2016" } })).toBe(1);
    // The year in the address wins over one in the body.
    await post("/admin/par-index/2016", { year: "2015", total: "80", max: "100" }).expect(303);
    expect(await t.prisma.parYear.findUnique({ where: { year: 2015 } })).toBeNull();
    await editor.agent.get("/admin/par-index/2031/edit").expect(404);
    await post("/admin/par-index/2031", { total: "1", max: "100" }).expect(404);
  });

  it("deletes a year with its rows after asking", async () => {
    expect((await editor.agent.get("/admin/par-index/2018/delete").expect(200)).text).toContain("Xoá số liệu năm 2018?");
    await post("/admin/par-index/2018/delete", {}).expect(303);
    expect(await t.prisma.parYear.findUnique({ where: { year: 2018 } })).toBeNull();
    expect(await t.prisma.parComparison.count({ where: { year: 2018 } })).toBe(0);
    expect(await t.prisma.auditLog.count({ where: { action: "par.year.delete" } })).toBe(1);
    await request(t.app).get("/chi-so-cchc/2018").set("User-Agent", BROWSER_UA).expect(404);
    await post("/admin/par-index/2018/delete", {}).expect(404);
  });

  it("is for editors and administrators: an author gets 403, a visitor the sign-in page, a forged form 403", async () => {
    const author = await loginAs(t, await buildUser(t.prisma, { role: "author" }));
    const before = await parSnapshot(t);
    await author.agent.get("/admin/par-index").expect(403);
    await author.agent.get("/admin/par-index/mau.csv").expect(403);
    await author.agent.post("/admin/par-index").type("form").send(formBody({ _csrf: author.csrf, ...year2019, year: "2022" })).expect(403);
    await author.agent.post("/admin/par-index/2017/delete").type("form").send(formBody({ _csrf: author.csrf })).expect(403);
    const admin = await loginAs(t, await buildUser(t.prisma, { role: "admin" }));
    await admin.agent.get("/admin/par-index").expect(200);
    expect((await request(t.app).get("/admin/par-index").expect(303)).headers.location).toBe("/admin/login?next=%2Fadmin%2Fpar-index");
    await editor.agent.post("/admin/par-index").type("form").send(formBody({ ...year2019, year: "2022" })).expect(403);
    await editor.agent.post("/admin/par-index/2017/delete").type("form").send(formBody({ _csrf: "forged" })).expect(403);
    expect(await parSnapshot(t)).toBe(before);
  });
});
