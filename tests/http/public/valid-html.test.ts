import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { csrfFrom } from "../../helpers/login.js";

// html-validate:recommended with three rules adjusted (tests/helpers/html.ts), each for a reason:
// - no-trailing-whitespace off: EJS keeps the indentation of lines that hold only template logic;
//   it is formatting of the generated source, not part of the document, and browsers ignore it.
// - tel-non-breaking ignores .tel-nowrap: phone numbers are shown exactly as staff typed them in
//   the settings (plain spaces, so they can be copied and searched); the class keeps them on one line.
// - long-title up to 250: an article's <title> is its whole headline (the site name is dropped past
//   70 characters). Administrative headlines often run longer, and cutting them would hide words
//   from screen-reader users, bookmarks and tabs.
const expectValid = htmlChecker({ "long-title": ["error", { maxlength: 250 }] });

const ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe("every page type is valid HTML5", () => {
  it.each([
    ["home", "/"],
    ["article", ARTICLE],
    ["article print view", `${ARTICLE}?in=1`],
    ["category", "/chuyen-muc/chi-so-cai-cach-hanh-chinh"],
    ["empty category", "/chuyen-muc/hoi-dap"],
    ["department", "/don-vi/phong-cchc"],
    ["author", "/tac-gia/trung-hau"],
    ["search form", "/tim-kiem"],
    ["search with results", "/tim-kiem?q=c%E1%BA%A7n+th%C6%A1"],
    ["search without results", "/tim-kiem?q=khongcogi"],
    ["search with bad dates", "/tim-kiem?q=can&tu=2024-02-30&den=x&chuyen-muc=khong-co"],
    ["search with only operators", "/tim-kiem?q=AND+OR+NOT"],
    ["contact", "/lien-he"],
    ["not found", "/khong-co-trang-nay"],
    ["bad request", "/chuyen-muc/KHONG_HOP_LE"],
    ["admin login", "/admin/login"],
  ])("%s (%s)", async (label, url) => {
    const res = await request(t.app).get(url).set("User-Agent", BROWSER_UA);
    expect(res.type).toBe("text/html");
    await expectValid(res.text, label);
  });

  it.each([
    ["large text, high contrast, ticker stopped", "co-chu=lon&tuong-phan=cao&chu-chay=dung"],
    ["small text, ticker moving", "co-chu=nho&chu-chay=chay"],
  ])("with reader preferences: %s", async (_label, prefs) => {
    for (const url of ["/", ARTICLE]) {
      const res = await request(t.app).get(url).set("Cookie", `cchc_hien_thi=${encodeURIComponent(prefs)}`);
      await expectValid(res.text, `${url} ${prefs}`);
    }
  });

  it("contact form shown again with errors", async () => {
    const agent = request.agent(t.app);
    const csrf = await csrfFrom(agent, "/lien-he");
    const res = await agent.post("/lien-he").type("form").send({ _csrf: csrf, name: "", email: "sai", message: "ngắn" });
    expect(res.status).toBe(422);
    await expectValid(res.text, "contact with errors");
  });

  it("admin login shown again after a wrong password", async () => {
    const agent = request.agent(t.app);
    const csrf = await csrfFrom(agent, "/admin/login");
    const res = await agent.post("/admin/login").type("form").send({ _csrf: csrf, email: "khong-co@cantho.gov.vn", password: "sai-mat-khau" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    await expectValid(res.text, "login with error");
  });
});
