import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildUser, loginAs } from "../../helpers/login.js";

// The same rules as the public pages' check (tests/http/public/valid-html.test.ts).
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: { "no-trailing-whitespace": "off", "tel-non-breaking": ["error", { ignoreClasses: ["tel-nowrap"] }] },
});

let t: TestApp;
let admin: Awaited<ReturnType<typeof loginAs>>;
let ids: { user: number; category: number; message: number };
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t, await buildUser(t.prisma, { role: "admin" }));
  const other = await buildUser(t.prisma, { role: "editor" });
  const message = await t.prisma.feedbackMessage.create({ data: { name: "Dân", email: "dan@example.com", phone: "0901 234 567", subject: "Hỏi", message: "Xin hỏi\nvề thủ tục." } });
  const category = await t.prisma.category.findFirstOrThrow();
  ids = { user: other.id, category: category.id, message: message.id };
});

async function expectValid(html: string, label: string) {
  const report = await validator.validateString(html, label);
  const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
  expect(messages, label).toEqual([]);
}

describe("the site-management pages are valid HTML5", () => {
  it.each([
    ["dashboard", () => "/admin"],
    ["accounts", () => "/admin/users"],
    ["new account", () => "/admin/users/new"],
    ["one account", () => `/admin/users/${ids.user}`],
    ["own account", () => "/admin/users/1"],
    ["change password", () => "/admin/tai-khoan/mat-khau"],
    ["settings", () => "/admin/settings"],
    ["categories", () => "/admin/categories"],
    ["new author", () => "/admin/authors/new"],
    ["edit department", () => "/admin/departments/1/edit"],
    ["delete a used category", () => `/admin/categories/${ids.category}/delete`],
    ["feedback inbox", () => "/admin/feedback"],
    ["one feedback message", () => `/admin/feedback/${ids.message}`],
    ["audit log", () => "/admin/audit"],
  ])("%s", async (label, url) => {
    const res = await admin.agent.get(url());
    expect([200, 404]).toContain(res.status);
    await expectValid(res.text, label);
  });

  it.each([
    ["a refused account", "/admin/users", { name: "", email: "x", role: "", password: "ngan" }],
    ["a refused password change", "/admin/tai-khoan/mat-khau", { currentPassword: "", newPassword: "a", confirmPassword: "b" }],
    ["refused settings", "/admin/settings", { siteName: "", email: "x", hotline1: "abc", visitBaseline: "-1" }],
    ["a refused category", "/admin/categories", { name: "", slug: "hoi-dap" }],
  ])("%s, with its error summary", async (label, url, body) => {
    const res = await admin.agent.post(url).type("form").send({ ...body, _csrf: admin.csrf }).expect(422);
    expect(res.text).toContain('class="error-summary"');
    await expectValid(res.text, label);
  });
});
