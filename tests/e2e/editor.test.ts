import { describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { jpegWithGps } from "../helpers/images.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";

const TITLE = "Cần Thơ trao giải cuộc thi sáng kiến cải cách hành chính";
const CAPTION = "Lãnh đạo thành phố trao giải cho các tập thể đạt giải";

describe("writing an article in the browser", () => {
  it("logs in, uploads a photo, writes in the editor, attaches the photo, publishes, and sees it on the home page", async () => {
    const t = await createTestApp();
    const editor = await buildUser(t.prisma, { role: "editor", name: "Biên tập viên Thử" });
    const base = await serve(t);
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The editor must work under the site's CSP (script-src 'self', style-src 'self'): any
    // violation or script error is a failure.
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });

    // Log in through the form.
    await page.goto(`${base}/admin/login`);
    await page.getByLabel("Thư điện tử").fill(editor.email);
    await page.getByLabel("Mật khẩu").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(`${base}/admin`);

    // Upload a photo with its caption in the library.
    await page.goto(`${base}/admin/media`);
    await page.getByLabel("Tệp ảnh").setInputFiles({ name: "trao-giai.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps(1200, 800) });
    await page.getByLabel("Chú thích").fill(CAPTION);
    await page.getByLabel("Nguồn ảnh").fill("Trung Hậu");
    await page.getByRole("button", { name: "Tải ảnh lên" }).click();
    await page.waitForURL(`${base}/admin/media`);
    await expect.poll(() => page.locator(".notice-success").textContent()).toContain("Đã tải lên 1 ảnh.");

    // Write the article: Quill replaces the textarea.
    await page.goto(`${base}/admin/articles/new`);
    await page.getByLabel("Tiêu đề").fill(TITLE);
    const body = page.locator(".editor .ql-editor");
    await expect.poll(() => body.count()).toBe(1);
    expect(await page.locator("textarea#body").isHidden()).toBe(true);
    await body.click();
    await page.keyboard.type("Sáng nay, ");
    await page.locator(".ql-toolbar button.ql-bold").click();
    await page.keyboard.type("Ủy ban nhân dân thành phố");
    await page.locator(".ql-toolbar button.ql-bold").click();
    await page.keyboard.type(" tổ chức lễ trao giải.");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Có 25 sáng kiến được công nhận.");
    await page.locator("#categoryId").selectOption({ label: "Tin tức cải cách hành chính" });
    // The photo is chosen in the picker (the form no longer lists the library).
    await page.getByRole("button", { name: "Chọn ảnh từ thư viện" }).click();
    const picker = page.getByRole("dialog", { name: "Chọn ảnh từ thư viện" });
    await picker.locator(".picker-item", { hasText: CAPTION }).getByRole("button", { name: /Thêm vào bài/ }).click();
    await picker.getByRole("button", { name: "Đóng" }).click();
    expect(await page.getByLabel(new RegExp(CAPTION)).isChecked()).toBe(true);
    await page.getByLabel("Xuất bản", { exact: true }).check();
    await page.getByRole("button", { name: "Lưu bài viết" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+\/edit$/);
    await expect.poll(() => page.locator(".notice-success").textContent()).toContain("Đã xuất bản bài viết.");

    const article = await t.prisma.article.findFirstOrThrow({ where: { title: TITLE }, include: { photos: { include: { photo: true } } } });
    expect(article.body).toBe("<p>Sáng nay, <strong>Ủy ban nhân dân thành phố</strong> tổ chức lễ trao giải.</p><p>Có 25 sáng kiến được công nhận.</p>");
    expect(article.photos.map((p) => p.photo.caption)).toEqual([CAPTION]);

    // The home page lists it with its photo; the article shows the photo with its caption.
    await page.goto(`${base}/`);
    const card = page.locator(".card", { hasText: TITLE }).first();
    await expect.poll(() => card.count()).toBe(1);
    const cover = card.locator("img");
    expect(await cover.getAttribute("srcset")).toContain(`/uploads/${article.photos[0]!.photo.fileKey}-480.jpg 480w`);
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await card.getByRole("link", { name: TITLE }).click();
    await page.waitForURL(`${base}/tin-tuc/${article.slug}`);
    expect(await page.locator("figure figcaption").first().textContent()).toContain(CAPTION);
    expect(await page.locator(".article-body strong").textContent()).toBe("Ủy ban nhân dân thành phố");

    expect(problems).toEqual([]);
    // Upload, picker, publish and home page on a busy machine: more than the default 30 s.
  }, 90_000);
});
