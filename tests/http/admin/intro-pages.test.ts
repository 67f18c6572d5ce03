import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { buildIntroPage } from "../../helpers/organisation.js";

const expectValid = htmlChecker();

async function asRole(t: TestApp, role: "admin" | "editor" | "author" = "editor") {
  return loginAs(t, await buildUser(t.prisma, { role }));
}

const json = (agent: ReturnType<typeof request.agent>, path: string, csrf: string) =>
  agent.post(path).set("accept", "application/json").set("x-csrf-token", csrf);

/** The titles in the section menu of a public page, in order. */
async function menuTitles(t: TestApp): Promise<string[]> {
  const html = (await request(t.app).get("/gioi-thieu")).text;
  const nav = /<nav class="section-menu"[\s\S]*?<\/nav>/.exec(html)![0];
  return [...nav.matchAll(/<a href="[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!);
}

describe("introduction pages in the panel", () => {
  it("lists the tree with the editor's assets on the form; list and form are valid HTML", async () => {
    const t = await createTestApp();
    const { agent } = await asRole(t);
    const list = await agent.get("/admin/intro-pages").expect(200);
    expect(list.text).toContain('<a href="/admin/intro-pages/new">Thêm trang</a>'.replace("<a ", '<a class="button" '));
    expect(list.text).toContain(">Chức năng, nhiệm vụ</a>");
    expect(list.text).toContain('<a href="/en/functions-and-duties" lang="en">Functions and duties</a>');
    expect(list.text).toContain("Dữ liệu minh họa");
    await expectValid(list.text, "/admin/intro-pages");
    const form = await agent.get("/admin/intro-pages/new").expect(200);
    expect(form.text).toMatch(/<script src="\/assets\/vendor\/quill\/quill[^"]*\.js" defer>/);
    expect(form.text).toMatch(/<script src="\/assets\/js\/editor[^"]*\.js" defer>/);
    expect(form.text).toContain('<textarea id="body" name="body"');
    expect(form.text).toContain('<textarea id="bodyEn" name="bodyEn"');
    await expectValid(form.text, "/admin/intro-pages/new");
  });

  it("creates a page under a parent with its English twin, sanitised, audited, and shown at once", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const parent = await t.prisma.introPage.findUniqueOrThrow({ where: { slug: "chuc-nang-nhiem-vu" } });
    await request(t.app).get("/gioi-thieu").expect(200); // fills the kept pages
    const res = await agent
      .post("/admin/intro-pages")
      .type("form")
      .send({
        _csrf: csrf,
        parentId: String(parent.id),
        title: "Quy chế làm việc",
        slug: "",
        body: '<p>Quy chế <script>alert(1)</script><strong>mới</strong>.</p><p onclick="x()">Hai</p>',
        titleEn: "Working rules",
        slugEn: "",
        bodyEn: "<p>The rules.</p>",
        inMenu: ["0", "on"],
        status: "published",
      })
      .expect(303);
    expect(res.headers.location).toBe("/admin/intro-pages");
    const page = await t.prisma.introPage.findUniqueOrThrow({ where: { slug: "quy-che-lam-viec" } });
    expect(page).toMatchObject({ parentId: parent.id, slugEn: "working-rules", inMenu: true, status: "published", origin: "staff" });
    expect(page.body).toBe("<p>Quy chế <strong>mới</strong>.</p><p>Hai</p>");
    expect(await t.prisma.auditLog.count({ where: { action: "intro.create", target: "Quy chế làm việc" } })).toBe(1);
    expect(await menuTitles(t)).toContain("Quy chế làm việc");
    await request(t.app).get("/gioi-thieu/quy-che-lam-viec").expect(200);
    await request(t.app).get("/en/working-rules").expect(200);

    const created = await json(agent, "/admin/intro-pages", csrf).send({ title: "Quy chế làm việc", status: "draft" }).expect(201);
    expect(created.body).toEqual({ id: expect.any(Number), url: `/admin/intro-pages/${created.body.id}/edit` });
    expect((await t.prisma.introPage.findUniqueOrThrow({ where: { id: created.body.id } })).slug).toBe("quy-che-lam-viec-2");
    const published = await json(agent, "/admin/intro-pages", csrf).send({ title: "Tiếp công dân" }).expect(201);
    expect(published.body.publicUrl).toBe("/gioi-thieu/tiep-cong-dan");
  });

  it("edits a page: an unticked menu box takes it off the menu; clearing the English title removes the English page", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const page = await buildIntroPage(t.prisma, { title: "Trang cũ", slug: "trang-cu", titleEn: "Old page", slugEn: "old-page" });
    const form = await agent.get(`/admin/intro-pages/${page.id}/edit`).expect(200);
    expect(form.text).toContain('value="Old page"');
    await agent.post(`/admin/intro-pages/${page.id}`).type("form").send({ _csrf: csrf, title: "Trang mới", slug: "trang-cu", body: "<p>Mới.</p>", titleEn: "", slugEn: "", bodyEn: "", inMenu: "0", status: "published" }).expect(303);
    const saved = await t.prisma.introPage.findUniqueOrThrow({ where: { id: page.id } });
    expect(saved).toMatchObject({ title: "Trang mới", inMenu: false, titleEn: "", slugEn: null });
    expect(await menuTitles(t)).not.toContain("Trang mới");
    await request(t.app).get("/gioi-thieu/trang-cu").expect(200);
    await request(t.app).get("/en/old-page").expect(404);
    expect(await t.prisma.auditLog.count({ where: { action: "intro.update", target: "Trang mới" } })).toBe(1);
  });

  it.each([
    [{ title: "  " }, "title", "Vui lòng nhập tiêu đề."],
    [{ title: "Trang", slug: "chuc-nang-nhiem-vu" }, "slug", "Đường dẫn “chuc-nang-nhiem-vu” đã được dùng cho trang giới thiệu khác."],
    [{ title: "Trang", titleEn: "Contact us", slugEn: "contact" }, "slugEn", "Đường dẫn “contact” dành riêng cho một trang có sẵn của cổng, hãy chọn đường dẫn khác."],
    [{ title: "Trang", titleEn: "Duties", slugEn: "functions-and-duties" }, "slugEn", "Đường dẫn tiếng Anh “functions-and-duties” đã được dùng cho trang khác."],
    [{ title: "Trang", bodyEn: "<p>English only.</p>" }, "titleEn", "Trang có nội dung tiếng Anh cần có tiêu đề tiếng Anh (hoặc xoá nội dung tiếng Anh)."],
    [{ title: "Trang", parentId: "999999" }, "parentId", "Trang cấp trên đã chọn không tồn tại."],
    [{ title: "Trang", status: "archived" }, "status", "Trạng thái phải là nháp (draft) hoặc đăng (published)."],
  ])("refuses %o with 422 beside the field, keeps what was typed, stores nothing", async (body, field, message) => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const before = await t.prisma.introPage.count();
    const res = await agent.post("/admin/intro-pages").type("form").send({ _csrf: csrf, body: "<p>Giữ lại nội dung này.</p>", ...body }).expect(422);
    expect(res.text).toContain(`<a href="#${field}">${message}</a>`);
    expect(res.text).toContain("&lt;p&gt;Giữ lại nội dung này.&lt;/p&gt;");
    const refused = await json(agent, "/admin/intro-pages", csrf).send({ body: "<p>x</p>", ...body }).expect(422);
    expect(refused.body.error).toBe(message);
    expect(await t.prisma.introPage.count()).toBe(before);
  });

  it("refuses to put a page under itself or under a page of its own branch", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const top = await buildIntroPage(t.prisma, { title: "Gốc" });
    const child = await buildIntroPage(t.prisma, { title: "Con", parentId: top.id });
    for (const parentId of [top.id, child.id]) {
      const res = await json(agent, `/admin/intro-pages/${top.id}`, csrf).send({ title: "Gốc", slug: top.slug, parentId }).expect(422);
      expect(res.body.error).toBe("Không thể đặt trang dưới chính nó hoặc dưới một mục con của nó.");
    }
    expect((await t.prisma.introPage.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();
  });

  it("reorders pages among their siblings with up and down buttons, as the public menu shows", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const history = await t.prisma.introPage.findUniqueOrThrow({ where: { slug: "lich-su-hinh-thanh" } });
    const res = await agent.post(`/admin/intro-pages/${history.id}/move`).type("form").send({ _csrf: csrf, direction: "up" }).expect(303);
    expect(res.headers.location).toBe(`/admin/intro-pages#muc-${history.id}`);
    expect((await agent.get("/admin/intro-pages")).text).toContain("Đã chuyển “Lịch sử hình thành” lên.");
    expect((await menuTitles(t)).slice(0, 3)).toEqual(["Lịch sử hình thành", "Chức năng, nhiệm vụ", "Cơ cấu tổ chức"]);
    expect(await t.prisma.auditLog.count({ where: { action: "intro.move", target: "Lịch sử hình thành" } })).toBe(1);
    await agent.post(`/admin/intro-pages/${history.id}/move`).type("form").send({ _csrf: csrf, direction: "sideways" }).expect(422);
  });

  it("deletes a page without children after asking; refuses one with children (409) and keeps it", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asRole(t);
    const parent = await buildIntroPage(t.prisma, { title: "Trang cha" });
    const child = await buildIntroPage(t.prisma, { title: "Trang con", parentId: parent.id });
    const ask = await agent.get(`/admin/intro-pages/${parent.id}/delete`).expect(200);
    expect(ask.text).toContain("Chưa thể xoá trang này: còn 1 trang con bên dưới.");
    const refused = await agent.post(`/admin/intro-pages/${parent.id}/delete`).type("form").send({ _csrf: csrf }).expect(409);
    expect(refused.text).toContain("Không thể xoá trang “Trang cha”: còn 1 trang con bên dưới.");
    expect(await t.prisma.introPage.findUnique({ where: { id: parent.id } })).not.toBeNull();
    await agent.post(`/admin/intro-pages/${child.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    await agent.post(`/admin/intro-pages/${parent.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    expect(await t.prisma.introPage.count({ where: { id: { in: [parent.id, child.id] } } })).toBe(0);
    expect(await t.prisma.auditLog.count({ where: { action: "intro.delete" } })).toBe(2);
    await request(t.app).get(`/gioi-thieu/${parent.slug}`).expect(404);
  });

  it("answers 403 to an author and to a write without the CSRF token, and changes nothing", async () => {
    const t = await createTestApp();
    const page = await buildIntroPage(t.prisma, { title: "Không được sửa" });
    const author = await asRole(t, "author");
    await author.agent.get("/admin/intro-pages").expect(403);
    await author.agent.get("/admin/intro-pages/new").expect(403);
    await author.agent.post("/admin/intro-pages").type("form").send({ _csrf: author.csrf, title: "Của phóng viên" }).expect(403);
    await author.agent.post(`/admin/intro-pages/${page.id}`).type("form").send({ _csrf: author.csrf, title: "Đổi" }).expect(403);
    await author.agent.post(`/admin/intro-pages/${page.id}/delete`).type("form").send({ _csrf: author.csrf }).expect(403);
    const editor = await asRole(t);
    await editor.agent.post("/admin/intro-pages").type("form").send({ title: "Không token" }).expect(403);
    await editor.agent.post(`/admin/intro-pages/${page.id}/delete`).type("form").send({}).expect(403);
    expect(await t.prisma.introPage.count({ where: { title: { in: ["Của phóng viên", "Không token"] } } })).toBe(0);
    expect((await t.prisma.introPage.findUniqueOrThrow({ where: { id: page.id } })).title).toBe("Không được sửa");
    await editor.agent.get("/admin/intro-pages/999999/edit").expect(404);
  });
});
