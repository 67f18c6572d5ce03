import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const displayCookie = (res: request.Response) =>
  ([] as string[]).concat(res.headers["set-cookie"] ?? []).find((c) => c.startsWith("cchc_hien_thi="));
const htmlTag = (html: string) => /<html[^>]*>/.exec(html)![0];

describe("reader preferences work without JavaScript and persist", () => {
  it("A+ sets a year-long cookie and returns to the page the reader was on", async () => {
    const res = await request(t.app).get("/hien-thi").query({ "co-chu": "lon", "quay-lai": "/lien-he" });
    expect(res.status).toBe(303);
    expect(res.headers["location"]).toBe("/lien-he");
    const cookie = displayCookie(res)!;
    expect(cookie).toMatch(/^cchc_hien_thi=co-chu%3Dlon%26tuong-phan%3Dthuong%26chu-chay%3Dchay;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("each choice shows on every later page, and choices add up", async () => {
    const agent = request.agent(t.app);
    expect(htmlTag((await agent.get("/")).text)).toBe('<html lang="vi">');
    await agent.get("/hien-thi?co-chu=lon&quay-lai=/");
    let home = (await agent.get("/")).text;
    expect(htmlTag(home)).toBe('<html lang="vi" class="text-large">');
    expect(home).toMatch(/<a class="display-size" href="[^"]*co-chu=lon[^"]*" rel="nofollow" aria-current="true">A\+/);
    expect(home).toContain(">Tương phản cao</a>");
    await agent.get("/hien-thi?tuong-phan=cao&quay-lai=/");
    home = (await agent.get("/chuyen-muc/chi-so-cai-cach-hanh-chinh")).text;
    expect(htmlTag(home)).toBe('<html lang="vi" class="text-large contrast-high">');
    expect(home).toContain(">Tương phản thường</a>");
    await agent.get("/hien-thi?co-chu=nho&tuong-phan=thuong&quay-lai=/");
    expect(htmlTag((await agent.get("/lien-he")).text)).toBe('<html lang="vi" class="text-small">');
    await agent.get("/hien-thi?co-chu=vua&quay-lai=/");
    expect(htmlTag((await agent.get("/")).text)).toBe('<html lang="vi">');
  });

  it("the links on a page come back to that same page, query included", async () => {
    const res = await request(t.app).get("/tim-kiem?q=c%E1%BA%A7n%20th%C6%A1&trang=1");
    const back = encodeURIComponent("/tim-kiem?q=c%E1%BA%A7n%20th%C6%A1&trang=1");
    expect(res.text).toContain(`href="/hien-thi?co-chu=lon&amp;quay-lai=${back}"`);
  });

  it("the ticker moves by default and can be stopped for good", async () => {
    const agent = request.agent(t.app);
    let home = (await agent.get("/")).text;
    expect(home).toContain('<section class="ticker ticker-count-1 ticker-moving"');
    expect(home).toMatch(/data-ticker-toggle[^>]*>Dừng chữ chạy<\/a>/);
    await agent.get("/hien-thi?chu-chay=dung&quay-lai=/");
    home = (await agent.get("/")).text;
    expect(home).toContain('<section class="ticker ticker-count-1"');
    expect(home).toMatch(/data-ticker-toggle[^>]*>Cho chữ chạy<\/a>/);
  });

  it("answers JSON for the script that stops the ticker without leaving the page", async () => {
    const res = await request(t.app).get("/hien-thi?chu-chay=dung").set("Accept", "application/json");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ size: "vua", contrast: "thuong", ticker: "dung" });
    expect(displayCookie(res)).toContain("chu-chay%3Ddung");
  });
});

describe("refusals", () => {
  it.each([
    ["https://lua-dao.vn/"],
    ["//lua-dao.vn/"],
    ["/\\lua-dao.vn"],
    ["javascript:alert(1)"],
    ["/ok\r\nSet-Cookie: x=1"],
    [""],
  ])("returns only to a page of this site, never to %j", async (target) => {
    const res = await request(t.app).get("/hien-thi").query({ "co-chu": "lon", "quay-lai": target });
    expect(res.status).toBe(303);
    expect(res.headers["location"]).toBe("/");
  });

  it("unknown values change nothing", async () => {
    const agent = request.agent(t.app);
    await agent.get("/hien-thi?tuong-phan=cao&quay-lai=/");
    const res = await agent.get("/hien-thi?co-chu=khong-lo&tuong-phan=tim&chu-chay=bay&quay-lai=/");
    expect(displayCookie(res)).toMatch(/^cchc_hien_thi=co-chu%3Dvua%26tuong-phan%3Dcao%26chu-chay%3Dchay;/);
    expect(htmlTag((await agent.get("/")).text)).toBe('<html lang="vi" class="contrast-high">');
  });

  it("a tampered cookie falls back to the defaults", async () => {
    const res = await request(t.app).get("/").set("Cookie", 'cchc_hien_thi=co-chu%3D%22%3E%3Cscript%3E; x=1');
    expect(res.status).toBe(200);
    expect(htmlTag(res.text)).toBe('<html lang="vi">');
  });

  it("changing a preference is not a visit", async () => {
    const before = (await request(t.app).get("/api/visits")).body as { total: number };
    const res = await request(t.app).get("/hien-thi?co-chu=lon").set("User-Agent", BROWSER_UA);
    expect(([] as string[]).concat(res.headers["set-cookie"] ?? []).some((c) => c.startsWith("cchc_visit="))).toBe(false);
    expect(((await request(t.app).get("/api/visits")).body as { total: number }).total).toBe(before.total);
  });

  it("crawlers are told to stay away from the preference links", async () => {
    const robots = await request(t.app).get("/robots.txt");
    expect(robots.text).toContain("Disallow: /hien-thi\n");
  });
});
