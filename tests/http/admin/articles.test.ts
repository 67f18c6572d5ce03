import request from "supertest";
import { describe, expect, it } from "vitest";
import { articleForm, idFromLocation, signedIn, withVersion } from "../../helpers/articles.js";
import { buildArticle, buildAuthor, buildDepartment } from "../../helpers/factories.js";

const asEditor = () => signedIn("editor");

describe("creating and editing articles", () => {
  it("shows a form that works without JavaScript and loads the editor from our own origin", async () => {
    const { t, agent } = await asEditor();
    const res = await agent.get("/admin/articles/new").expect(200);
    expect(res.text).toMatch(/<textarea id="body" name="body"/);
    expect(res.text).toMatch(/<script src="\/assets\/vendor\/quill\/quill\.[0-9a-f]{12}\.js" defer><\/script>/);
    expect(res.text).toMatch(/href="\/assets\/vendor\/quill\/quill\.snow\.[0-9a-f]{12}\.css"/);
    expect(res.headers["content-security-policy"]).toMatch(/script-src 'self'/);
    await request(t.app).get("/assets/vendor/quill/quill.js").expect(200).expect("content-type", /javascript/);
    await request(t.app).get("/assets/js/editor.js").expect(200);
    // Other admin pages do not load the editor.
    const list = await agent.get("/admin/articles").expect(200);
    expect(list.text).not.toContain("quill.js");
  });

  it("creates an article: slug from the title, NFC text, photos in the chosen order, shown publicly with captions and srcset", async () => {
    const { t, agent, csrf, user: editor } = await asEditor();
    const photos = await t.prisma.photo.findMany({ where: { caption: { not: "Banner" } }, orderBy: { id: "asc" }, take: 2 });
    const [first, second] = photos as [(typeof photos)[0], (typeof photos)[0]];
    const department = await buildDepartment(t.prisma, { name: "Văn phòng UBND" });
    const author = await buildAuthor(t.prisma, { name: "Ngọc Hân" });
    const form = await articleForm(t, csrf, {
      title: "Đồng Tháp học hỏi mô hình một cửa của Cần Thơ".normalize("NFD"),
      status: "published",
      departmentId: String(department.id),
      authorId: String(author.id),
      featured: "on",
      photoIds: [String(first.id), String(second.id)],
      // The second photo is numbered 1, so it leads the article.
      [`photoPosition-${first.id}`]: "2",
      [`photoPosition-${second.id}`]: "1",
    });
    const res = await agent.post("/admin/articles").type("form").send(form).expect(303);
    const id = idFromLocation(res.headers.location);

    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id }, include: { photos: { orderBy: { position: "asc" } } } });
    expect(stored.title).toBe("Đồng Tháp học hỏi mô hình một cửa của Cần Thơ".normalize("NFC"));
    expect(stored.slug).toBe("dong-thap-hoc-hoi-mo-hinh-mot-cua-cua-can-tho");
    expect(stored.createdById).toBe(editor.id);
    expect(stored.featured).toBe(true);
    expect(stored.ticker).toBe(false);
    expect(stored.photos.map((p) => p.photoId)).toEqual([second.id, first.id]);

    const edit = await agent.get(res.headers.location!).expect(200);
    expect(edit.text).toContain("Đã xuất bản bài viết.");

    const page = await request(t.app).get(`/tin-tuc/${stored.slug}`).expect(200);
    expect(page.text).toContain(stored.title);
    expect(page.text.indexOf(second.caption)).toBeLessThan(page.text.indexOf(first.caption));
    expect(page.text).toMatch(/<figure class="figure">[\s\S]*srcset="[^"]*-480\.webp 480w/);
    expect(page.text).toContain("Ngọc Hân");
    expect(page.text).toContain("Văn phòng UBND");
  });

  it("answers scripts with 201 {id, url} and 200 on update", async () => {
    const { t, agent, csrf } = await asEditor();
    const form = await articleForm(t, csrf);
    const created = await agent.post("/admin/articles").set("accept", "application/json").send({ ...form, featured: true, photoIds: [] }).expect(201);
    expect(created.body).toEqual({ id: expect.any(Number), url: `/admin/articles/${created.body.id}/edit`, version: 1 });
    const updated = await agent
      .post(`/admin/articles/${created.body.id}`)
      .set("accept", "application/json")
      .send({ ...form, title: "Tiêu đề mới", version: 1 })
      .expect(200);
    expect(updated.body.id).toBe(created.body.id);
    expect(updated.body.version).toBe(2);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.title).toBe("Tiêu đề mới");
    // Unticked on the update, so no longer featured: the form is sent whole.
    expect(stored.featured).toBe(false);
    expect(updated.body.publicUrl).toBeUndefined();

    // Once on the site, the answer names its public page too (product.md).
    const published = await agent
      .post(`/admin/articles/${created.body.id}`)
      .set("accept", "application/json")
      .send({ ...form, title: "Tiêu đề mới", status: "published", version: updated.body.version })
      .expect(200);
    expect(published.body.publicUrl).toBe(`/tin-tuc/${stored.slug}`);
  });

  it("refuses an empty title with 422, the message beside the field and what was typed kept", async () => {
    const { t, agent, csrf } = await asEditor();
    const before = await t.prisma.article.count();
    const form = await articleForm(t, csrf, { title: "   ", summary: "Tóm tắt đã gõ" });
    const res = await agent.post("/admin/articles").type("form").send(form).expect(422);
    expect(res.text).toContain("Vui lòng nhập tiêu đề.");
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain("Tóm tắt đã gõ");
    expect(await t.prisma.article.count()).toBe(before);
    const json = await agent.post("/admin/articles").set("accept", "application/json").send(form).expect(422);
    expect(json.body.error).toBe("Vui lòng nhập tiêu đề.");
  });

  it("refuses a title over 250 characters", async () => {
    const { t, agent, csrf } = await asEditor();
    const before = await t.prisma.article.count();
    const res = await agent.post("/admin/articles").type("form").send(await articleForm(t, csrf, { title: "a".repeat(251) })).expect(422);
    expect(res.text).toContain("Tiêu đề dài tối đa 250 ký tự.");
    expect(await t.prisma.article.count()).toBe(before);
  });

  it("refuses unknown category, department, author and photo ids, naming each field", async () => {
    const { t, agent, csrf } = await asEditor();
    const before = await t.prisma.article.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ categoryId: "999999" }, "Chuyên mục đã chọn không tồn tại."],
      [{ categoryId: "" }, "Vui lòng chọn chuyên mục."],
      [{ departmentId: "999999" }, "Đơn vị đã chọn không tồn tại."],
      [{ authorId: "999999" }, "Tác giả đã chọn không tồn tại."],
      [{ photoIds: ["999999"] }, "Không có ảnh số 999999 trong thư viện ảnh."],
      [{ status: "archived" }, "Trạng thái phải là nháp, chờ duyệt hoặc đã đăng."],
      [{ publishedAt: "31/12/2026 08:00" }, "Thời điểm đăng phải có dạng ngày giờ hợp lệ"],
    ];
    for (const [override, message] of cases) {
      const form = await articleForm(t, csrf, override);
      const res = await agent.post("/admin/articles").set("accept", "application/json").send(form).expect(422);
      expect(res.body.error).toContain(message);
      const html = await agent.post("/admin/articles").type("form").send(form).expect(422);
      expect(html.text).toContain(message);
    }
    expect(await t.prisma.article.count()).toBe(before);
  });

  it("gives a clashing title -2, keeps the slug on edit, and refuses an explicit slug already in use", async () => {
    const { t, agent, csrf } = await asEditor();
    await buildArticle(t.prisma, { slug: "hoi-nghi-cai-cach-hanh-chinh" });
    const form = await articleForm(t, csrf, { title: "Hội nghị cải cách hành chính" });
    const res = await agent.post("/admin/articles").type("form").send(form).expect(303);
    const id = idFromLocation(res.headers.location);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id } })).slug).toBe("hoi-nghi-cai-cach-hanh-chinh-2");

    // A new title does not move the article's address.
    await agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, { ...form, title: "Hội nghị tổng kết" })).expect(303);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id } })).slug).toBe("hoi-nghi-cai-cach-hanh-chinh-2");

    const clash = await agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, { ...form, slug: "hoi-nghi-cai-cach-hanh-chinh" })).expect(422);
    expect(clash.text).toContain("Đường dẫn «hoi-nghi-cai-cach-hanh-chinh» đã được dùng cho một bài viết khác");
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    expect(stored.slug).toBe("hoi-nghi-cai-cach-hanh-chinh-2");
    expect(stored.title).toBe("Hội nghị tổng kết");

    const before = await t.prisma.article.count();
    const json = await agent
      .post("/admin/articles")
      .set("accept", "application/json")
      .send({ ...form, slug: "Hội nghị cải cách hành chính" })
      .expect(422);
    expect(json.body.error).toContain("đã được dùng cho một bài viết khác");
    expect(await t.prisma.article.count()).toBe(before);

    await agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, { ...form, slug: "Hội nghị Tổng kết 2026" })).expect(303);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id } })).slug).toBe("hoi-nghi-tong-ket-2026");
  });

  it("refuses a missing or wrong CSRF token with 403 and stores nothing", async () => {
    const { t, agent, csrf } = await asEditor();
    const before = await t.prisma.article.count();
    const { _csrf: _omit, ...form } = await articleForm(t, csrf);
    const missing = await agent.post("/admin/articles").type("form").send(form).expect(403);
    expect(missing.text).toContain("Vui lòng tải lại trang");
    await agent.post("/admin/articles").type("form").send({ ...form, _csrf: "sai-ma" }).expect(403);
    await agent.post("/admin/articles").set("x-csrf-token", "sai-ma").set("accept", "application/json").send(form).expect(403);
    expect(await t.prisma.article.count()).toBe(before);
  });

  it("stores hostile HTML sanitised, and the public page carries none of it", async () => {
    const { t, agent, csrf } = await asEditor();
    const body = [
      "<p>Mở đầu<script>document.title='hacked'</script></p>",
      '<p><img src="/uploads/khong-co-480.jpg" onerror="alert(1)" alt="x"></p>',
      '<p onclick="alert(2)">Nhấn vào đây</p>',
      '<p><a href="javascript:alert(3)">liên kết độc</a> và <a href="https://dichvucong.gov.vn">cổng dịch vụ công</a></p>',
      '<iframe src="https://evil.example/"></iframe>',
      '<p style="position:fixed">Kiểu chữ</p>',
    ].join("");
    const res = await agent.post("/admin/articles").type("form").send(await articleForm(t, csrf, { body, status: "published" })).expect(303);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: idFromLocation(res.headers.location) } });
    expect(stored.body).not.toMatch(/script|onerror|onclick|javascript:|iframe|style=/i);
    expect(stored.body).toContain('<a href="https://dichvucong.gov.vn" rel="noopener">cổng dịch vụ công</a>');
    expect(stored.body).toContain("<p>Nhấn vào đây</p>");

    const page = await request(t.app).get(`/tin-tuc/${stored.slug}`).expect(200);
    const article = page.text.slice(page.text.indexOf('<div class="article-body">'), page.text.indexOf("</article>"));
    expect(article).toContain("Nhấn vào đây");
    expect(article).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|style=/i);
  });

  it("puts a ticker article in the header ticker at once", async () => {
    const { t, agent, csrf } = await asEditor();
    await request(t.app).get("/").expect(200);
    const form = await articleForm(t, csrf, { title: "Tin chạy về giờ làm việc mới", status: "published", ticker: "on" });
    await agent.post("/admin/articles").type("form").send(form).expect(303);
    const home = await request(t.app).get("/").expect(200);
    expect(home.text).toMatch(/class="ticker-list"[\s\S]*Tin chạy về giờ làm việc mới/);
  });
});
