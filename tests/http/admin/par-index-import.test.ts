import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { parSnapshot } from "../../helpers/par-index.js";

// POST /admin/par-index/import: all rows or none, each refusal naming its line (header = line 1).

const HEADER = "year,component,score,max,rank,ranked";

let t: TestApp;
let editor: Awaited<ReturnType<typeof loginAs>>;
beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
});

const upload = (content: string | Buffer, options: { json?: boolean; csrf?: string | null; agent?: ReturnType<typeof request.agent> } = {}) => {
  let req = (options.agent ?? editor.agent).post("/admin/par-index/import");
  if (options.json) req = req.set("accept", "application/json");
  if (options.csrf !== null) req = req.field("_csrf", options.csrf ?? editor.csrf);
  return req.attach("file", Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"), { filename: "chi-so.csv", contentType: "text/csv" });
};

describe("the import template", () => {
  it("downloads with the header and example rows", async () => {
    const res = await editor.agent.get("/admin/par-index/mau.csv").expect(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="mau-chi-so-cchc.csv"');
    const text = res.text.replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toBe(HEADER);
    expect(text).toContain('2016,Tổng,"79,23",100,16,63');
  });
});

describe("importing a file", () => {
  it("imports every year of a good file in one go: a year's rows replace its data, comparison rows stay", async () => {
    await request(t.app).get("/chi-so-cchc/2017").set("User-Agent", BROWSER_UA).expect(200); // kept from now on
    const file =
      `\uFEFF${HEADER}\r\n` +
      `2017,Tổng,"82,5",100,11,63\r\n` +
      `2017,"Công tác chỉ đạo, điều hành",8.5,9,,\r\n` +
      `2017,Cải cách thể chế,"9,25",10,,\r\n` +
      `\r\n` +
      `2025,Tổng,88.1,100,3,34\r\n` +
      `2025,Cải cách thủ tục hành chính,12,13,,\r\n`;
    const res = await upload(file).expect(303);
    expect(res.headers.location).toBe("/admin/par-index");
    expect((await editor.agent.get("/admin/par-index").expect(200)).text).toContain("Đã nhập 5 dòng cho năm 2017, 2025. Số liệu cũ của năm 2017 đã được thay.");
    const y2017 = await t.prisma.parYear.findUniqueOrThrow({ where: { year: 2017 }, include: { components: { orderBy: { position: "asc" } }, comparisons: true } });
    expect(y2017).toMatchObject({ total: 82.5, max: 100, rank: 11, ranked: 63, origin: "staff", note: "" });
    expect(y2017.components.map((c) => [c.name, c.score, c.max])).toEqual([
      ["Công tác chỉ đạo, điều hành", 8.5, 9],
      ["Cải cách thể chế", 9.25, 10],
    ]);
    expect(y2017.comparisons.map((c) => c.label)).toEqual(["Trung bình cả nước (minh họa)"]);
    expect(await t.prisma.parYear.findUniqueOrThrow({ where: { year: 2025 } })).toMatchObject({ total: 88.1, rank: 3, ranked: 34 });
    expect(await t.prisma.auditLog.count({ where: { action: "par.import" } })).toBe(1);
    const page = (await request(t.app).get("/chi-so-cchc/2017").set("User-Agent", BROWSER_UA).expect(200)).text;
    expect(page).toContain("<dd>82,5/100 (82,5%)</dd>");
    expect(page).not.toContain("Số liệu minh họa.</strong>");
  });

  it("answers a script with the years imported", async () => {
    const res = await upload(`${HEADER}\n2019,Tổng,70,100,,\n`, { json: true }).expect(200);
    expect(res.body).toEqual({ years: [2019], replaced: [], rows: 1, url: "/admin/par-index" });
  });

  const bad: [string, string, string][] = [
    ["a score above its maximum", `${HEADER}\n2016,Tổng,79,100,16,63\n2016,A,1,2,,\n2016,B,"12,5",10,,\n`, "Dòng 4: điểm 12,5 lớn hơn điểm tối đa 10."],
    ["a negative score", `${HEADER}\n2016,Tổng,79,100,16,63\n2016,A,-2,10,,\n`, "Dòng 3: điểm không được âm (đang là -2)."],
    ["a score that is not a number", `${HEADER}\n2016,Tổng,79,100,16,63\n2016,A,mười,10,,\n`, "Dòng 3: điểm «mười» không phải là số"],
    ["an unquoted decimal comma", `${HEADER}\n2016,Tổng,79,100,16,63\n2016,A,9,5,10,,\n`, "Dòng 3: có 7 cột thay vì 6."],
    ["a year out of range", `${HEADER}\n2011,Tổng,79,100,16,63\n`, "Dòng 2: năm phải từ 2012 đến"],
    ["a rank above the number ranked", `${HEADER}\n2016,Tổng,79,100,64,63\n`, "Dòng 2: hạng 64 lớn hơn số tỉnh, thành được xếp hạng 63."],
    ["a rank on a component row", `${HEADER}\n2016,Tổng,79,100,16,63\n2016,A,1,2,3,63\n`, "Dòng 3: hạng chỉ ghi ở dòng «Tổng»"],
    ["a year without its Tổng row", `${HEADER}\n2016,A,1,2,,\n`, "Dòng 2: năm 2016 không có dòng «Tổng» ghi điểm tổng của năm."],
    ["two Tổng rows", `${HEADER}\n2016,Tổng,79,100,16,63\n2016,Tổng,80,100,16,63\n`, "Dòng 3: năm 2016 đã có dòng «Tổng» ở dòng 2."],
    ["a component twice", `${HEADER}\n2016,Tổng,79,100,16,63\n2016,A,1,2,,\n2016,a,1,2,,\n`, "Dòng 4: chỉ số «a» của năm 2016 đã có ở dòng 3."],
    ["an unclosed quote", `${HEADER}\n2016,Tổng,79,100,16,63\n2016,"A,1,2,,\n`, "dấu ngoặc kép không khớp"],
    ["an unknown header", "nam,chi_so,diem,toi_da,hang,so_tinh\n2016,Tổng,79,100,16,63\n", "Dòng 1: dòng tiêu đề phải đúng là «year,component,score,max,rank,ranked»"],
    ["an empty file", "", "Tệp trống"],
    ["a header alone", `${HEADER}\r\n`, "Tệp chỉ có dòng tiêu đề"],
  ];
  for (const [what, file, message] of bad) {
    it(`refuses ${what}, naming the line, and imports nothing`, async () => {
      const before = await parSnapshot(t);
      const audits = await t.prisma.auditLog.count();
      // A good row in the same file is not imported either.
      const withGood = file.split("\n").filter((l) => l.trim()).length > 1 ? `${file}2026,Tổng,90,100,1,34\n` : file;
      const res = await upload(withGood).expect(422);
      expect(res.text).toContain("Chưa nhập dòng nào.");
      expect(res.text).toContain(message.replace(/"/g, "&#34;"));
      expect(res.text).toContain('<input id="file" name="file" type="file"');
      const json = await upload(file, { json: true }).expect(422);
      expect(json.body.error).toContain(message);
      expect(json.body.errors).toEqual(expect.arrayContaining([json.body.error]));
      expect(await parSnapshot(t)).toBe(before);
      expect(await t.prisma.auditLog.count()).toBe(audits);
    });
  }

  it("refuses a file that is not UTF-8 and a form without a file", async () => {
    const before = await parSnapshot(t);
    expect((await upload(Buffer.from(`${HEADER}\n2016,T\xf4ng,1,2,,\n`, "latin1"), { json: true }).expect(422)).body.error).toContain("không phải văn bản UTF-8");
    const none = await editor.agent.post("/admin/par-index/import").set("accept", "application/json").field("_csrf", editor.csrf).expect(422);
    expect(none.body.error).toBe("Hãy chọn một tệp CSV để nhập.");
    expect(await parSnapshot(t)).toBe(before);
  });

  it("refuses a file over 512 KB with 413", async () => {
    const big = `${HEADER}\n${"2016,Tổng,79,100,16,63\n".repeat(30_000)}`;
    const res = await upload(big, { json: true }).expect(413);
    expect(res.body.error).toContain("Tệp quá lớn");
  });

  it("needs the CSRF token and an editor's or administrator's role", async () => {
    const before = await parSnapshot(t);
    const file = `${HEADER}\n2024,Tổng,70,100,,\n`;
    await upload(file, { csrf: null }).expect(403);
    await upload(file, { csrf: "forged" }).expect(403);
    const author = await loginAs(t, await buildUser(t.prisma, { role: "author" }));
    await upload(file, { agent: author.agent, csrf: author.csrf }).expect(403);
    await request(t.app).post("/admin/par-index/import").attach("file", Buffer.from(file), "a.csv").expect((res) => expect([401, 403]).toContain(res.status));
    expect(await parSnapshot(t)).toBe(before);
  });
});
