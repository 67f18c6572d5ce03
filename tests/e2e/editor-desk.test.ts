import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/lib/vi-time.js";
import { createArticle, type ArticleInput } from "../../src/services/article-workflow.js";
import { articleInput } from "../helpers/articles.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { jpegWithGps } from "../helpers/images.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { consoleErrors, pageProblems } from "../helpers/page-checks.js";

// The newsroom's desk in Chromium (issue 11): a photo placed at the cursor, the article's photos
// reordered by keyboard, uploads from the picker with a progress bar and a message per file, the
// conflict warning between two pages, each screen axe-clean at 1280 and 360 px.

let t: TestApp;
let base: string;
let browser: Browser;
let categoryId: number;
const people: Record<"an" | "binh", { id: number; email: string; name: string; role: "editor" }> = {} as never;
// Two browser pages, uploads and saves on a busy two-core machine take longer than the default.
const LONG = 120_000;
const hex = (n: number) => n.toString(16).padStart(24, "0");

beforeAll(async () => {
  t = await createTestApp();
  for (const [key, name] of [["an", "Nguyễn Văn An"], ["binh", "Trần Thị Bình"]] as const) {
    const user = await buildUser(t.prisma, { role: "editor", name });
    people[key] = { id: user.id, email: user.email, name: user.name, role: "editor" };
  }
  categoryId = (await t.prisma.category.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
  // Library photos by row; their files are the seed's first photo's (a real image to draw).
  const seeded = await t.prisma.photo.findFirstOrThrow({ where: { caption: { not: "Banner" } }, orderBy: { id: "asc" } });
  const places = ["Đồng Tháp", "Cần Thơ", "Hậu Giang"];
  await t.prisma.photo.createMany({
    data: Array.from({ length: 30 }, (_, n) => ({
      fileKey: hex(0xe2e000 + n),
      width: seeded.width,
      height: seeded.height,
      widths: seeded.widths,
      caption: `Hội nghị số ${n} ở ${places[n % 3]}`,
      credit: "Trung Hậu",
      createdAt: new Date(Date.UTC(2027, 0, 1, 0, n)),
    })),
  });
  // The files those rows name: copies of the seeded photo's.
  const { default: fs } = await import("node:fs");
  const { default: path } = await import("node:path");
  for (let n = 0; n < 30; n += 1) {
    for (const w of seeded.widths.split(",")) {
      for (const ext of ["webp", "jpg"]) {
        fs.copyFileSync(path.join(t.config.uploadDir, `${seeded.fileKey}-${w}.${ext}`), path.join(t.config.uploadDir, `${hex(0xe2e000 + n)}-${w}.${ext}`));
      }
    }
  }
  base = await serve(t);
  browser = await launchBrowser();
});

async function newArticle(fields: Partial<ArticleInput> = {}) {
  const actor = { user: people.an, ip: "127.0.0.1" };
  return createArticle(t.prisma, systemClock, actor, articleInput(categoryId, { title: "Cần Thơ tổng kết cải cách hành chính", body: "<p>Đoạn một.</p><p>Đoạn hai.</p>", ...fields }));
}

async function signIn(who: "an" | "binh", width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto(`${base}/admin/login`);
  await page.fill("#email", people[who].email);
  await page.fill("#password", TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
  return page;
}

const editorReady = (page: Page) => expect.poll(() => page.locator(".editor .ql-editor").count()).toBe(1);

async function save(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && /\/admin\/articles\/\d+$/.test(r.url())),
    page.getByRole("button", { name: "Lưu bài viết" }).click(),
  ]);
  await page.waitForLoadState("load");
}

describe("the article editor's desk in Chromium", () => {
  it.each([1280, 360])("places a library photo at the cursor, between the two paragraphs (%i px)", async (width) => {
    const article = await newArticle({ title: `Bài có ảnh giữa hai đoạn ${width}` });
    const page = await signIn("an", width);
    const problems = consoleErrors(page);
    await page.goto(`${base}/admin/articles/${article.id}/edit`);
    await editorReady(page);
    // The cursor at the end of the first paragraph.
    await page.locator(".ql-editor p", { hasText: "Đoạn một." }).click();
    await page.keyboard.press("End");
    await page.getByRole("button", { name: "Chèn ảnh tại vị trí con trỏ" }).click();
    const dialog = page.getByRole("dialog", { name: "Chọn ảnh từ thư viện" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole("searchbox", { name: "Tìm ảnh" }).fill("dong thap");
    await dialog.getByRole("button", { name: "Tìm", exact: true }).click();
    await expect.poll(() => dialog.locator("[data-picker-status]").textContent()).toContain("Tìm thấy 10 ảnh khớp với «dong thap»");
    expect((await pageProblems(page)), "picker open").toEqual([]);
    await dialog.locator(".picker-item", { hasText: "Hội nghị số 27 ở Đồng Tháp" }).getByRole("button", { name: /Chèn vào nội dung/ }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // In the editor: paragraph, figure, paragraph.
    const blocks = await page.locator(".ql-editor > *").evaluateAll((nodes) => nodes.map((n) => `${n.tagName.toLowerCase()}:${n.textContent}`));
    expect(blocks).toEqual(["p:Đoạn một.", "figure:Hội nghị số 27 ở Đồng Tháp — Trung Hậu", "p:Đoạn hai."]);
    await save(page);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.body).toBe(
      `<p>Đoạn một.</p><figure class="inline-photo"><img src="/uploads/${hex(0xe2e000 + 27)}-960.webp" alt="Hội nghị số 27 ở Đồng Tháp" width="1200" height="800" />` +
        "<figcaption>Hội nghị số 27 ở Đồng Tháp — Trung Hậu</figcaption></figure><p>Đoạn hai.</p>",
    );
    // Reopened, the editor shows the photo again, and the preview draws it like an attached one.
    await editorReady(page);
    expect(await page.locator(".ql-editor figure.inline-photo img").getAttribute("src")).toBe(`/uploads/${hex(0xe2e000 + 27)}-960.webp`);
    expect((await pageProblems(page)), "form after save").toEqual([]);
    await page.goto(`${base}/admin/articles/${article.id}/preview`);
    const figure = page.locator(".article-body figure.figure");
    expect(await figure.locator("figcaption").textContent()).toBe("Hội nghị số 27 ở Đồng Tháp (Trung Hậu)");
    await expect.poll(() => figure.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  }, LONG);

  it.each([1280, 360])("adds photos with the picker and reorders them with the keyboard (%i px)", async (width) => {
    const article = await newArticle({ title: `Bài có ba ảnh ${width}` });
    const page = await signIn("an", width);
    const problems = consoleErrors(page);
    await page.goto(`${base}/admin/articles/${article.id}/edit`);
    await editorReady(page);
    await page.getByRole("button", { name: "Chọn ảnh từ thư viện" }).click();
    const dialog = page.getByRole("dialog", { name: "Chọn ảnh từ thư viện" });
    await expect.poll(() => dialog.locator(".picker-item").count()).toBe(24);
    // Newest first; page 2 holds the older ones.
    expect(await dialog.locator(".picker-caption").first().textContent()).toBe("Hội nghị số 29 ở Hậu Giang");
    for (const n of [29, 28, 26]) await dialog.locator(".picker-item", { hasText: `Hội nghị số ${n} ở` }).getByRole("button", { name: /Thêm vào bài/ }).click();
    expect(await dialog.locator(".picker-item", { hasText: "Hội nghị số 29 ở" }).getByRole("button").textContent()).toContain("Đã có trong bài");
    await dialog.getByRole("button", { name: "Trang sau ›" }).click();
    await expect.poll(() => dialog.locator("[data-picker-page]").textContent()).toBe("Trang 2 / 2");
    await dialog.getByRole("button", { name: "Đóng" }).click();

    const ids = await Promise.all([29, 28, 26].map((n) => t.prisma.photo.findUniqueOrThrow({ where: { fileKey: hex(0xe2e000 + n) } }).then((p) => p.id)));
    const order = () => page.locator(".photo-selected .photo-item").evaluateAll((items) => items.map((i) => Number(i.getAttribute("data-photo-id"))));
    expect(await order()).toEqual(ids);
    // Keyboard only: the first photo down twice, then the (new) first up once: focus stays on the button pressed.
    await page.locator(`.photo-item[data-photo-id="${ids[0]}"] .photo-down`).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Space");
    expect(await order()).toEqual([ids[1], ids[2], ids[0]]);
    await expect.poll(() => page.locator("[data-photo-list] [role=status]").textContent()).toContain("vị trí 3 trên 3");
    await page.locator(`.photo-item[data-photo-id="${ids[2]}"] .photo-up`).focus();
    await page.keyboard.press("Enter");
    expect(await order()).toEqual([ids[2], ids[1], ids[0]]);
    expect((await pageProblems(page)), "form with photos").toEqual([]);
    await save(page);
    const stored = await t.prisma.articlePhoto.findMany({ where: { articleId: article.id }, orderBy: { position: "asc" } });
    expect(stored.map((p) => p.photoId)).toEqual([ids[2], ids[1], ids[0]]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, LONG);

  it("uploads several photos from the picker, each with its progress bar and its own refusal", async () => {
    const article = await newArticle({ title: "Bài tải ảnh từ trình soạn thảo" });
    const page = await signIn("an", 1280);
    await page.goto(`${base}/admin/articles/${article.id}/edit`);
    await editorReady(page);
    await page.getByRole("button", { name: "Chọn ảnh từ thư viện" }).click();
    const dialog = page.getByRole("dialog", { name: "Chọn ảnh từ thư viện" });
    await dialog.getByLabel("Tệp ảnh").setInputFiles([
      { name: "le-trao-giai.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps(1200, 800) },
      { name: "khong-phai-anh.jpg", mimeType: "image/jpeg", buffer: Buffer.from("đây không phải là ảnh") },
    ]);
    await dialog.getByLabel("Chú thích").fill("Lễ trao giải sáng kiến");
    await dialog.getByLabel("Nguồn ảnh").fill("Minh Tâm");
    await dialog.getByRole("button", { name: "Tải ảnh lên" }).click();
    const rows = dialog.locator(".picker-upload-row");
    await expect.poll(() => rows.nth(1).locator(".picker-upload-outcome").textContent(), { timeout: 30_000 }).toMatch(/khong-phai-anh\.jpg.*không phải ảnh/);
    expect(await rows.nth(0).locator(".picker-upload-outcome").textContent()).toMatch(/^Đã tải lên \(ảnh số \d+\)\.$/);
    expect(await rows.nth(0).locator("progress").evaluate((p: HTMLProgressElement) => p.value)).toBe(100);
    expect(await rows.nth(0).locator("progress").getAttribute("aria-label")).toBe("Tiến độ tải lên «le-trao-giai.jpg»");
    // The new photo is first in the list, ready to be used.
    expect(await dialog.locator(".picker-caption").first().textContent()).toBe("Lễ trao giải sáng kiến");
    expect((await pageProblems(page)), "picker after uploads").toEqual([]);
    await dialog.locator(".picker-item").first().getByRole("button", { name: /Thêm vào bài/ }).click();
    await dialog.getByRole("button", { name: "Đóng" }).click();
    await save(page);
    const photo = await t.prisma.photo.findFirstOrThrow({ where: { caption: "Lễ trao giải sáng kiến" } });
    expect(photo.credit).toBe("Minh Tâm");
    expect((await t.prisma.articlePhoto.findMany({ where: { articleId: article.id } })).map((p) => p.photoId)).toEqual([photo.id]);
    expect(await t.prisma.photo.count({ where: { originalName: "khong-phai-anh.jpg" } })).toBe(0);
    await page.context().close();
  }, LONG);

  it.each([1280, 360])("warns when two pages save the same article: the second names the first, keeps its text (%i px)", async (width) => {
    const article = await newArticle({ title: `Bài hai người sửa ${width}` });
    const an = await signIn("an", width);
    const binh = await signIn("binh", width);
    const problems = consoleErrors(binh);
    await an.goto(`${base}/admin/articles/${article.id}/edit`);
    await binh.goto(`${base}/admin/articles/${article.id}/edit`);
    await editorReady(an);
    await editorReady(binh);
    await an.getByLabel("Tiêu đề").fill(`Bản của An ${width}`);
    await save(an);
    await expect.poll(() => an.locator(".notice-success").textContent()).toContain("Đã lưu bản nháp.");
    await binh.getByLabel("Tiêu đề").fill(`Bản của Bình ${width}`);
    await save(binh);
    await expect.poll(() => binh.locator(".conflict h2").count()).toBe(1);
    expect(await binh.locator(".conflict h2").textContent()).toContain("Nguyễn Văn An");
    expect(await binh.getByLabel("Tiêu đề").inputValue()).toBe(`Bản của Bình ${width}`);
    expect((await pageProblems(binh)), "conflict").toEqual([]);
    expect(problems.filter((p) => !p.includes("status of 409"))).toEqual([]);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).title).toBe(`Bản của An ${width}`);
    await an.context().close();
    await binh.context().close();
  }, LONG);

  it.each([1280, 360])("autosaves every 30 s and on leaving, says when, and offers the typing when the form is opened again (%i px)", async (width) => {
    const article = await newArticle({ title: `Bài tự động lưu ${width}` });
    const page = await signIn("an", width);
    const problems = consoleErrors(page);
    // The page's timers run on a clock the test moves: no waiting 30 s.
    await page.clock.install();
    await page.goto(`${base}/admin/articles/${article.id}/edit`);
    await editorReady(page);
    await page.getByLabel("Tiêu đề").fill(`Tiêu đề đang gõ ${width}`);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/admin/articles/${article.id}/autosave`) && r.status() === 200),
      page.clock.runFor(30_000),
    ]);
    const status = page.locator("[data-autosave-status]");
    await expect.poll(() => status.textContent()).toMatch(/^Đã lưu lúc \d\d:\d\d \(bản lưu tự động, chưa đăng\)\.$/);
    expect(await status.getAttribute("role")).toBe("status");
    expect((await pageProblems(page))).toEqual([]);

    // More typing, then the page is left before the next 30 s: the beacon keeps it.
    await page.locator(".ql-editor p", { hasText: "Đoạn hai." }).click();
    await page.keyboard.press("End");
    await page.keyboard.type(" Câu gõ trước khi rời trang.");
    await page.goto(`${base}/admin`);
    const kept = () => t.prisma.articleRevision.findFirst({ where: { articleId: article.id, kind: "autosave" } });
    await expect.poll(async () => (await kept())?.body, { timeout: 10_000 }).toContain("Câu gõ trước khi rời trang.");
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    expect([stored.title, stored.version, stored.status]).toEqual([`Bài tự động lưu ${width}`, 1, "draft"]);

    await page.goto(`${base}/admin/articles/${article.id}/edit`);
    const offer = page.getByRole("link", { name: /^Khôi phục bản lưu tự động lúc \d\d:\d\d$/ });
    expect(await offer.count()).toBe(1);
    expect((await pageProblems(page))).toEqual([]);
    await offer.click();
    await page.waitForURL(/khoi-phuc=ban-luu-tu-dong/);
    await editorReady(page);
    expect(await page.getByLabel("Tiêu đề").inputValue()).toBe(`Tiêu đề đang gõ ${width}`);
    expect(await page.locator(".ql-editor").textContent()).toContain("Câu gõ trước khi rời trang.");
    expect((await pageProblems(page))).toEqual([]);
    // Still not saved until the person saves.
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).version).toBe(1);
    await save(page);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).title).toBe(`Tiêu đề đang gõ ${width}`);
    expect(problems).toEqual([]);
    await page.context().close();
  }, LONG);
});
