import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { parsePortalLinks } from "../../../src/services/portal-links.js";

const expectValid = htmlChecker();

async function asRole(t: TestApp, role: "admin" | "editor" | "author" = "admin") {
  return loginAs(t, await buildUser(t.prisma, { role }));
}

/** The links block of the public sidebar: [title, url, rel]. */
async function sidebarLinks(t: TestApp): Promise<string[][]> {
  const html = (await request(t.app).get("/")).text;
  const box = /id="portal-links-heading"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
  return [...box.matchAll(/<a href="([^"]+)" rel="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[3]!, m[1]!, m[2]!]);
}

/** The form's numbered fields: title-0, url-0, title-1, … */
const rowFields = (titles: string[], urls: string[]) =>
  Object.fromEntries(titles.flatMap((title, i) => [[`title-${i}`, title], [`url-${i}`, urls[i] ?? ""]]));

const storedLinks = async (t: TestApp) => (await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).links;

describe("the links block", () => {
  it("shows the seeded links in the sidebar of every page with rel=\"noopener external\"", async () => {
    const t = await createTestApp();
    expect(await sidebarLinks(t)).toEqual([
      ["Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn", "noopener external"],
      ["Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn", "noopener external"],
      ["Cổng thông tin điện tử thành phố Cần Thơ", "https://cantho.gov.vn", "noopener external"],
      ["Bộ Nội vụ", "https://moha.gov.vn", "noopener external"],
    ]);
  });

  it("edits the rows: change, add in a blank row, remove by the box or by clearing both fields; audited; valid HTML", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    await sidebarLinks(t); // fills the kept pages
    const form = await agent.get("/admin/settings/links").expect(200);
    expect(form.text).toContain('id="title-4" name="title-4" type="text" value=""');
    await expectValid(form.text, "/admin/settings/links");
    const res = await agent
      .post("/admin/settings/links")
      .type("form")
      .send({
        _csrf: csrf,
        ...rowFields(
          ["Cổng Dịch vụ công quốc gia", "Cổng thông tin Chính phủ", "Cổng thông tin điện tử thành phố Cần Thơ", "", "Sở Nội vụ Cần Thơ", ""],
          ["https://dichvucong.gov.vn", "https://chinhphu.vn", "https://cantho.gov.vn", "", "https://sonoivu.cantho.gov.vn", ""],
        ),
        "remove-2": "on",
      })
      .expect(303);
    expect(res.headers.location).toBe("/admin/settings/links");
    expect((await agent.get("/admin/settings/links")).text).toContain("Đã lưu các liên kết.");
    expect((await sidebarLinks(t)).map(([title]) => title)).toEqual(["Cổng Dịch vụ công quốc gia", "Cổng thông tin Chính phủ", "Sở Nội vụ Cần Thơ"]);
    expect(await t.prisma.auditLog.count({ where: { action: "settings.links" } })).toBe(1);
    // JSON clients send the list.
    const saved = await agent.post("/admin/settings/links").set("accept", "application/json").set("x-csrf-token", csrf).send({ links: [{ title: "Bộ Nội vụ", url: "https://moha.gov.vn" }] }).expect(200);
    expect(saved.body).toEqual({ id: 1, url: "/admin/settings/links" });
    expect(JSON.parse(await storedLinks(t))).toEqual([{ title: "Bộ Nội vụ", url: "https://moha.gov.vn" }]);
  });

  it.each([
    [{ title: ["Trang cũ"], url: ["http://dichvucong.gov.vn"] }, "url-0", "Dòng 1: địa chỉ phải là một trang https://, ví dụ: https://dichvucong.gov.vn."],
    [{ title: ["Lừa"], url: ["javascript:alert(1)"] }, "url-0", "Dòng 1: địa chỉ phải là một trang https://, ví dụ: https://dichvucong.gov.vn."],
    [{ title: ["Đúng", ""], url: ["https://chinhphu.vn", "https://moha.gov.vn"] }, "title-1", "Dòng 2: vui lòng nhập tên của liên kết."],
    [{ title: ["Thiếu địa chỉ"], url: [""] }, "url-0", "Dòng 1: vui lòng nhập địa chỉ, bắt đầu bằng https://."],
    [{ title: Array.from({ length: 21 }, (_, i) => `Cổng ${i + 1}`), url: Array.from({ length: 21 }, (_, i) => `https://cong${i + 1}.gov.vn`) }, "links", "Tối đa 20 liên kết; hãy bỏ bớt 1 dòng."],
  ])("refuses %o with 422 beside the row, keeps what was typed, stores nothing", async (body, field, message) => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const before = await storedLinks(t);
    const res = await agent.post("/admin/settings/links").type("form").send({ _csrf: csrf, ...rowFields(body.title, body.url) }).expect(422);
    expect(res.text).toContain(`<a href="#${field}">${message}</a>`);
    expect(res.text).toContain(`value="${body.title[0]}"`);
    expect(await storedLinks(t)).toBe(before);
    const json = await agent.post("/admin/settings/links").set("accept", "application/json").set("x-csrf-token", csrf).send({ links: body.title.map((title, i) => ({ title, url: body.url[i] })) }).expect(422);
    expect(json.body.error).toBe(message);
  });

  it("is for administrators only, and needs the CSRF token", async () => {
    const t = await createTestApp();
    const before = await storedLinks(t);
    const editor = await asRole(t, "editor");
    await editor.agent.get("/admin/settings/links").expect(403);
    await editor.agent.post("/admin/settings/links").type("form").send({ _csrf: editor.csrf, "title-0": "X", "url-0": "https://x.gov.vn" }).expect(403);
    const admin = await asRole(t);
    await admin.agent.post("/admin/settings/links").type("form").send({ "title-0": "X", "url-0": "https://x.gov.vn" }).expect(403);
    expect(await storedLinks(t)).toBe(before);
  });

  it("reads the stored text safely: text that is not a list, or entries that are not https links, give no links", async () => {
    expect(parsePortalLinks("{không phải JSON")).toEqual([]);
    expect(parsePortalLinks('{"title":"a"}')).toEqual([]);
    expect(parsePortalLinks('[{"title":"Được","url":"https://a.gov.vn"},{"title":"Sai","url":"http://b.gov.vn"},{"url":"https://c.gov.vn"},7]')).toEqual([
      { title: "Được", url: "https://a.gov.vn" },
    ]);
    const t = await createTestApp();
    await t.prisma.siteSettings.update({ where: { id: 1 }, data: { links: "[hỏng" } });
    await t.changed();
    const home = await request(t.app).get("/").expect(200);
    expect(home.text).not.toContain("portal-links-heading");
  });
});

describe("the English site texts", () => {
  it("saves the English name, managing unit and address (administrators), shown on /en at once; audited", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    await request(t.app).get("/en").expect(200);
    const form = await agent.get("/admin/settings/english").expect(200);
    expect(form.text).toContain('value="Can Tho City Administrative Reform Portal"');
    await expectValid(form.text, "/admin/settings/english");
    await agent.post("/admin/settings/english").type("form").send({ _csrf: csrf, siteNameEn: "Can Tho Reform Portal", managingUnitEn: "Reform Office", addressEn: "51 Ly Tu Trong, Can Tho" }).expect(303);
    const en = await request(t.app).get("/en").expect(200);
    expect(en.text).toContain("<h1>Can Tho Reform Portal</h1>");
    expect(en.text).toContain("<dd>51 Ly Tu Trong, Can Tho</dd>");
    expect(await t.prisma.auditLog.count({ where: { action: "settings.update", target: "Tiếng Anh" } })).toBe(1);
  });

  it("refuses a too long name (422, nothing stored); editors get 403; blank turns the English side off", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const res = await agent.post("/admin/settings/english").type("form").send({ _csrf: csrf, siteNameEn: "x".repeat(201) }).expect(422);
    expect(res.text).toContain("Tên trang bằng tiếng Anh không được quá 200 ký tự.");
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).siteNameEn).toBe("Can Tho City Administrative Reform Portal");
    const editor = await asRole(t, "editor");
    await editor.agent.post("/admin/settings/english").type("form").send({ _csrf: editor.csrf, siteNameEn: "" }).expect(403);
    await request(t.app).get("/en").expect(200);
    await agent.post("/admin/settings/english").type("form").send({ _csrf: csrf, siteNameEn: "", managingUnitEn: "", addressEn: "" }).expect(303);
    await request(t.app).get("/en").expect(404);
  });
});
