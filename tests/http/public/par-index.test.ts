import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";

// The seed puts 2016 (from the seed article) and two demo years (2017, 2018) in the template.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const get = (path: string) => request(t.app).get(path).set("User-Agent", BROWSER_UA);
const expectValid = htmlChecker();

describe("/chi-so-cchc", () => {
  it("shows the total and rank over the years as charts with a text alternative and the same numbers in a table", async () => {
    const html = (await get("/chi-so-cchc").expect(200)).text;
    expect(html).toMatch(/<h1[^>]*>Chỉ số cải cách hành chính<\/h1>/);
    expect(html).toContain('<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360');
    expect(html).toContain('role="img" aria-labelledby="bieu-do-tong-title bieu-do-tong-desc"');
    expect(html).toContain('aria-labelledby="bieu-do-hang-title bieu-do-hang-desc"');
    expect(html).toMatch(/<desc id="bieu-do-tong-desc">[^<]*2016: 79,23%, hạng 16\/63/);
    // The table: each year links its page; the seed year and the demo years are marked.
    expect(html).toMatch(/<a href="\/chi-so-cchc\/2016">Năm 2016<\/a> <span class="par-badge par-badge-seed">từ bài viết<\/span>/);
    expect(html).toMatch(/<a href="\/chi-so-cchc\/2017">Năm 2017<\/a> <span class="par-badge">minh họa<\/span>/);
    expect(html).toContain("<td>79,23/100</td>");
    expect(html).toContain("<td>16/63</td>");
    expect(html).toContain("Có số liệu minh họa.");
    // Demo columns are hatched, and the legend says why.
    expect(html).toContain('fill="url(#bieu-do-tong-hatch)"');
    expect(html).toContain(">Số liệu minh họa</text>");
    expect(html).toContain("/assets/css/par-index");
    await expectValid(html, "/chi-so-cchc");
  });

  it("is kept until a change is announced", async () => {
    const own = await createTestApp();
    const page = async () => (await request(own.app).get("/chi-so-cchc").set("User-Agent", BROWSER_UA).expect(200)).text;
    expect(await page()).toContain("<td>79,23/100</td>");
    await own.prisma.parYear.update({ where: { year: 2016 }, data: { total: 70 } });
    expect(await page()).toContain("<td>79,23/100</td>");
    await own.changed();
    expect(await page()).toContain("<td>70/100</td>");
  });
});

describe("/chi-so-cchc/:year", () => {
  it("2016: exactly the article's figures, its components against their maximum, marked as from the article", async () => {
    const html = (await get("/chi-so-cchc/2016").expect(200)).text;
    expect(html).toMatch(/<h1[^>]*>Chỉ số cải cách hành chính năm 2016<\/h1>/);
    expect(html).toContain("<dd>79,23/100 (79,23%)</dd>");
    expect(html).toContain("<dd>16/63</dd>");
    expect(html).toContain("<dd>Nhập từ bài viết</dd>");
    expect(html).toContain("Nhập từ bài viết «Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016»");
    expect(html).toContain('aria-labelledby="bieu-do-thanh-phan-title bieu-do-thanh-phan-desc"');
    expect(html).toContain('<tr><th scope="row">Cải cách tổ chức bộ máy hành chính nhà nước</th><td>6,5</td><td>6,5</td><td>100%</td></tr>');
    expect(html).toContain('<tr><th scope="row">Hiện đại hóa hành chính</th><td>47,22</td><td>100</td><td>47,22%</td></tr>');
    expect(html).toContain(">6,5/6,5 (100%)</text>");
    expect(html).toContain("Chưa có số liệu năm trước để so sánh.");
    expect(html).toContain('href="/chi-so-cchc/2017" rel="next"');
    expect(html).not.toContain("par-demo-note");
    await expectValid(html, "/chi-so-cchc/2016");
  });

  it("2017 against 2016: components matched by name, a new one said so, comparison rows, the demo mark", async () => {
    const html = (await get("/chi-so-cchc/2017").expect(200)).text;
    expect(html).toContain("Số liệu minh họa.</strong>");
    expect(html).toMatch(/<h2 id="so-voi-nam-truoc">So với năm 2016<\/h2>/);
    expect(html).toContain('<tr><th scope="row">Hiện đại hóa hành chính</th><td>58,3%</td><td>47,22%</td><td class="par-change">tăng 11,08</td></tr>');
    expect(html).toContain(
      '<tr><th scope="row">Tác động của cải cách hành chính đến người dân, tổ chức <span class="par-badge">mới</span></th><td>72,4%</td><td>chưa có</td><td class="par-change">mới</td></tr>',
    );
    expect(html).toContain(">2016: chưa có</text>");
    expect(html).toContain('fill="url(#bieu-do-so-sanh-hatch)"');
    expect(html).toContain('<tr><th scope="row">Trung bình cả nước (minh họa)</th><td>77,2</td><td>—</td></tr>');
    expect(html).toContain('<dt>So với năm 2016</dt><dd>tăng 2,24 điểm phần trăm');
    await expectValid(html, "/chi-so-cchc/2017");
  });

  it("2018 (total only) says it has no components yet", async () => {
    const html = (await get("/chi-so-cchc/2018").expect(200)).text;
    expect(html).toContain("Chưa có số liệu các chỉ số thành phần của năm này.");
    expect(html).toContain("‹ Năm 2017");
  });

  it("has a print view that is not indexed", async () => {
    const html = (await get("/chi-so-cchc/2016?in=1").expect(200)).text;
    expect(html).toContain("print-note");
    expect(html).toMatch(/<meta name="robots" content="noindex, follow">/);
    expect(html).toMatch(/<link rel="stylesheet" href="[^"]*print[^"]*\.css" media="all">/);
  });

  it("answers 404 for a year without data or not a year", async () => {
    expect((await get("/chi-so-cchc/2030").expect(404)).text).toContain("Chưa có số liệu Chỉ số cải cách hành chính năm 2030.");
    await get("/chi-so-cchc/abc").expect(404);
    await get("/chi-so-cchc/20166").expect(404);
  });
});
