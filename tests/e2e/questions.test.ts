import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { consoleErrors, pageProblems } from "../helpers/page-checks.js";
import { buildQuestion, VALID_QUESTION } from "../helpers/questions.js";

// Q&A in Chromium: a citizen asks without JavaScript, sees the code and looks it up; the list, a
// search, a question, its print view, the form (also refused) and the tracking page are axe-clean
// without sideways scrolling on a wide screen and a phone; so is the staff answer page.

let t: TestApp;
let base: string;
let browser: Browser;
let detail: string;
let trackingCode: string;
let questionId: number;
let editor: { email: string };
beforeAll(async () => {
  t = await createTestApp();
  const q = await buildQuestion(t.prisma, {
    name: "Nguyễn Thị Thanh Hương",
    title: "Thời hạn giải quyết thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất khi nộp hồ sơ trực tuyến qua Cổng Dịch vụ công quốc gia",
    question: "Xin hỏi khi nộp hồ sơ trực tuyến thì thời hạn giải quyết tính từ ngày nào?\n\nTôi có phải đến nộp bản giấy không?",
    answer:
      "<p>Thời hạn tính từ ngày hồ sơ được tiếp nhận hợp lệ.</p><ul><li>Không phải nộp lại bản giấy với dịch vụ toàn trình.</li><li>Kết quả trả qua bưu chính nếu bà chọn.</li></ul>",
    answeredBy: "Văn phòng Đăng ký đất đai thành phố Cần Thơ",
  });
  detail = `/hoi-dap/${q.slug}`;
  const open = await buildQuestion(t.prisma, { status: "processing", published: false, title: "Câu hỏi đang xử lý" });
  trackingCode = open.code;
  questionId = open.id;
  editor = await buildUser(t.prisma, { role: "editor" });
  await t.changed();
  base = await serve(t);
  browser = await launchBrowser();
});

async function openPage(width: number, javaScriptEnabled = true): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN", javaScriptEnabled });
  const page = await context.newPage();
  return { page, errors: consoleErrors(page), close: () => context.close() };
}

describe.each([1280, 360])("at %i px", (width) => {
  it.each([
    ["the list", () => "/hoi-dap"],
    ["a search", () => "/hoi-dap?q=ho+so+truc+tuyen"],
    ["a question", () => detail],
    ["its print view", () => `${detail}?in=1`],
    ["the ask form", () => "/hoi-dap/gui-cau-hoi"],
    ["the tracking page", () => `/hoi-dap/tra-cuu?ma=${trackingCode}`],
    ["a code not found", () => "/hoi-dap/tra-cuu?ma=HD-AAAAAAAA"],
  ])("%s is axe-clean without sideways scrolling", async (_label, url) => {
    const { page, errors, close } = await openPage(width);
    const res = await page.goto(base + url());
    expect(res!.status()).toBeLessThan(500);
    expect(await pageProblems(page)).toEqual([]);
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await close();
  });

  it("a citizen asks without JavaScript, sees the code, and looks it up", async () => {
    const { page, close } = await openPage(width, false);
    await page.goto(`${base}/hoi-dap`);
    await Promise.all([page.waitForURL(`${base}/hoi-dap/gui-cau-hoi`), page.getByRole("link", { name: "Gửi câu hỏi mới" }).click()]);
    await page.getByLabel("Họ và tên").fill(VALID_QUESTION.name);
    await page.getByLabel("Thư điện tử").fill(`tren-trinh-duyet-${width}@example.com`);
    await page.getByLabel("Số điện thoại").fill(VALID_QUESTION.phone);
    await page.getByLabel("Tiêu đề câu hỏi").fill(`Hỏi từ trình duyệt ở ${width} px`);
    await page.getByLabel("Nội dung câu hỏi").fill(VALID_QUESTION.question);
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Gửi câu hỏi" }).click()]);
    const code = (await page.locator("#ma-tra-cuu").textContent())!.trim();
    expect(code).toMatch(/^HD-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);

    await page.goto(`${base}/hoi-dap`);
    await page.getByLabel("Mã tra cứu").fill(` ${code.toLowerCase()} `);
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Tra cứu" }).click()]);
    expect(page.url()).toContain("/hoi-dap/tra-cuu?ma=");
    const text = await page.locator("main").textContent();
    expect(text).toContain(`Hỏi từ trình duyệt ở ${width} px`);
    expect(text).toContain("Đã tiếp nhận");
    expect(text).not.toContain(VALID_QUESTION.name);
    expect(text).not.toContain(`tren-trinh-duyet-${width}@example.com`);
    await close();
  }, 60_000);

  // Each address may send five questions in 15 minutes: this file sends four (two here, two above).
  it("the form sent empty comes back with its error summary, axe-clean", async () => {
    const { page, errors, close } = await openPage(width);
    await page.goto(`${base}/hoi-dap/gui-cau-hoi`);
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Gửi câu hỏi" }).click()]);
    expect(await page.locator(".error-summary").textContent()).toContain("lỗi cần sửa");
    expect(await pageProblems(page)).toEqual([]);
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    await close();
  });

  it("the staff list and answer page are axe-clean without sideways scrolling", async () => {
    const { page, errors, close } = await openPage(width);
    await page.goto(`${base}/admin/login`);
    await page.fill("#email", editor.email);
    await page.fill("#password", TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
    for (const url of ["/admin/questions", `/admin/questions/${questionId}`]) {
      await page.goto(base + url);
      expect(await pageProblems(page), url).toEqual([]);
    }
    // The answer is written in the editor (Quill replaces the textarea).
    expect(await page.locator(".ql-editor").count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });
});
