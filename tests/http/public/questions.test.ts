import fs from "node:fs";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { fixture, leftovers } from "../../helpers/attachments.js";
import { htmlChecker } from "../../helpers/html.js";
import { askAgent, sendQuestion, VALID_QUESTION } from "../../helpers/questions.js";
import { askQuestion } from "../../../src/services/questions-ask.js";
import { CODE_PATTERN } from "../../../src/services/questions-code.js";

const expectValid = htmlChecker();
const codeOf = (html: string) => /id="ma-tra-cuu">(HD-[A-Z0-9]{8})</.exec(html)?.[1];

describe("asking a question (POST /hoi-dap)", () => {
  it("shows a form with every field, its token and the honeypot", async () => {
    const { app } = await createTestApp();
    const html = (await request(app).get("/hoi-dap/gui-cau-hoi").set("User-Agent", BROWSER_UA).expect(200)).text;
    for (const name of ["name", "email", "phone", "address", "title", "question", "file", "website", "_csrf"]) {
      expect(html, name).toContain(`name="${name}"`);
    }
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/<label for="address">Địa chỉ <span class="optional">/);
    await expectValid(html, "ask form");
  });

  it("stores the question in NFC and shows its tracking code (201)", async () => {
    const t = await createTestApp();
    const before = await t.prisma.question.count();
    const { agent, token } = await askAgent(t.app);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, name: VALID_QUESTION.name.normalize("NFD"), _csrf: token }).expect(201);
    const code = codeOf(res.text);
    expect(code).toMatch(CODE_PATTERN);
    expect(res.text).toContain(`href="/hoi-dap/tra-cuu?ma=${code}"`);
    await expectValid(res.text, "sent");
    expect(await t.prisma.question.count()).toBe(before + 1);
    const stored = await t.prisma.question.findUniqueOrThrow({ where: { code: code! } });
    expect(stored).toMatchObject({
      name: "Nguyễn Văn An",
      email: VALID_QUESTION.email,
      phone: VALID_QUESTION.phone,
      address: VALID_QUESTION.address,
      title: VALID_QUESTION.title,
      question: VALID_QUESTION.question,
      status: "received",
      published: false,
      slug: null,
      origin: "public",
    });
    expect(stored.searchText).toContain("thoi han tra ket qua");
    // The page with the code is for this visitor only: never kept or cached by a proxy.
    expect(res.headers["cache-control"]).not.toMatch(/public|max-age=[1-9]/);
  });

  it("answers a script with 201 {code}", async () => {
    const t = await createTestApp();
    const { agent, token } = await askAgent(t.app);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, _csrf: token }).set("Accept", "application/json").expect(201);
    expect(Object.keys(res.body)).toEqual(["code"]);
    expect(res.body.code).toMatch(CODE_PATTERN);
    expect(await t.prisma.question.count({ where: { code: res.body.code } })).toBe(1);
  });

  it("gives codes that are random and not sequential", async () => {
    const t = await createTestApp();
    const { agent, token } = await askAgent(t.app);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await sendQuestion(agent, { ...VALID_QUESTION, title: `Câu hỏi liên tiếp số ${i + 1}`, _csrf: token })
        .set("Accept", "application/json")
        .expect(201);
      codes.push(res.body.code);
    }
    expect(new Set(codes).size).toBe(3);
    for (const code of codes) expect(code).toMatch(/^HD-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
    // Consecutive questions share no more of their code than chance would give (32 symbols a place).
    const same = (a: string, b: string) => [...a.slice(3)].filter((c, i) => c === b[3 + i]).length;
    expect(same(codes[0]!, codes[1]!) + same(codes[1]!, codes[2]!)).toBeLessThan(6);
  });

  it("draws another code when the first one is taken", async () => {
    const t = await createTestApp();
    const input = { ...VALID_QUESTION };
    const first = await askQuestion(t.prisma, input, "127.0.0.1");
    const codes = [first.code, "HD-ABCDEFGH"];
    const second = await askQuestion(t.prisma, input, "127.0.0.1", { newCode: () => codes.shift()! });
    expect(second.code).toBe("HD-ABCDEFGH");
    expect(await t.prisma.question.count({ where: { code: { in: [first.code, second.code] } } })).toBe(2);
  });

  it("refuses a post without a valid CSRF token (403), storing nothing", async () => {
    const t = await createTestApp();
    const before = await t.prisma.question.count();
    await sendQuestion(request.agent(t.app), VALID_QUESTION).expect(403);
    const { agent } = await askAgent(t.app);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, _csrf: "gia-mao" }).expect(403);
    expect(res.text).toContain("Vui lòng tải lại trang");
    await agent.post("/hoi-dap").type("form").send({ ...VALID_QUESTION, _csrf: "gia-mao" }).expect(403);
    expect(await t.prisma.question.count()).toBe(before);
  });

  it("answers a filled honeypot as if stored, with a code that leads nowhere", async () => {
    const t = await createTestApp();
    const before = await t.prisma.question.count();
    const { agent, token } = await askAgent(t.app);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, website: "http://spam.example", _csrf: token }).expect(201);
    const code = codeOf(res.text);
    expect(code).toMatch(CODE_PATTERN);
    expect(await t.prisma.question.count()).toBe(before);
    await request(t.app).get(`/hoi-dap/tra-cuu?ma=${code}`).expect(404);
  });

  it("re-shows the form with 422, every message and what was typed; stores nothing", async () => {
    const t = await createTestApp();
    const before = await t.prisma.question.count();
    const { agent, token } = await askAgent(t.app);
    const res = await sendQuestion(agent, { name: "A", email: "khong-phai-email", phone: "abc", title: "", question: "ngắn quá", _csrf: token }).expect(422);
    expect(res.text).toContain("Có 5 lỗi cần sửa");
    expect(res.text).toContain("Họ và tên cần ít nhất 2 ký tự.");
    expect(res.text).toContain("Thư điện tử không đúng định dạng");
    expect(res.text).toContain("Số điện thoại chỉ gồm chữ số");
    expect(res.text).toContain("Vui lòng nhập tiêu đề câu hỏi.");
    expect(res.text).toContain("Nội dung câu hỏi cần ít nhất 20 ký tự.");
    expect(res.text).toContain('value="khong-phai-email"');
    expect(res.text).toContain("ngắn quá</textarea>");
    expect(res.text).toMatch(/name="_csrf" value="[^"]+"/);
    await expectValid(res.text, "refused form");
    expect(await t.prisma.question.count()).toBe(before);
  });

  it.each([
    ["name", { name: "" }, "Vui lòng nhập họ và tên."],
    ["email", { email: "an@" }, "Thư điện tử không đúng định dạng"],
    ["phone", { phone: "" }, "Vui lòng nhập số điện thoại."],
    ["phone", { phone: "12-3" }, "Số điện thoại cần ít nhất 6 chữ số."],
    ["address", { address: "x".repeat(301) }, "Địa chỉ không được quá 300 ký tự."],
    ["title", { title: "Hỏi" }, "Tiêu đề câu hỏi cần ít nhất 5 ký tự."],
    ["title", { title: "x".repeat(201) }, "Tiêu đề câu hỏi không được quá 200 ký tự."],
    ["question", { question: "x".repeat(5001) }, "Nội dung câu hỏi không được quá 5000 ký tự."],
  ])("refuses a bad %s (422 {error}), storing nothing", async (field, change, message) => {
    const t = await createTestApp();
    const before = await t.prisma.question.count();
    const { agent, token } = await askAgent(t.app);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, ...change, _csrf: token }).set("Accept", "application/json").expect(422);
    expect(res.body.error).toContain(message);
    expect(Object.keys(res.body.fields)).toEqual([field]);
    expect(await t.prisma.question.count()).toBe(before);
  });

  it("keeps the asker's PDF with the question, private to staff", async () => {
    const t = await createTestApp();
    const { agent, token } = await askAgent(t.app);
    const pdf = { buffer: fs.readFileSync(fixture("van-ban.pdf")), name: "Giấy tờ kèm theo.pdf" };
    const res = await sendQuestion(agent, { ...VALID_QUESTION, _csrf: token }, pdf).set("Accept", "application/json").expect(201);
    const question = await t.prisma.question.findUniqueOrThrow({ where: { code: res.body.code } });
    const files = await t.prisma.attachment.findMany({ where: { ownerType: "question", ownerId: question.id } });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ originalName: "Giấy tờ kèm theo.pdf", extension: "pdf" });
    expect(leftovers(t).stored).toContain(files[0]!.fileKey);
    // The asker's file is never public.
    await request(t.app).get(`/tep/${files[0]!.id}/giay-to.pdf`).expect(404);
  });

  it.each([
    ["a program named .pdf", "chuong-trinh.exe", "ho-so.pdf"],
    ["an HTML page", "trang.html", "trang.html"],
    ["an empty PDF", "rong.pdf", "rong.pdf"],
  ])("refuses %s with 422 beside the file field, storing nothing", async (_label, source, name) => {
    const t = await createTestApp();
    const before = { questions: await t.prisma.question.count(), files: await t.prisma.attachment.count(), stored: leftovers(t).stored.length };
    const { agent, token } = await askAgent(t.app);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, _csrf: token }, { buffer: fs.readFileSync(fixture(source)), name }).expect(422);
    expect(res.text).toContain('id="file-error"');
    expect(res.text).toContain(`value="${VALID_QUESTION.email}"`);
    expect(await t.prisma.question.count()).toBe(before.questions);
    expect(await t.prisma.attachment.count()).toBe(before.files);
    expect(leftovers(t).stored).toHaveLength(before.stored);
  });

  it("refuses a file over the size limit with 413, the form shown again, storing nothing", async () => {
    const t = await createTestApp({ env: { ATTACHMENT_MAX_MB: "0.0005" } });
    const before = await t.prisma.question.count();
    const { agent, token } = await askAgent(t.app);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, _csrf: token }, { buffer: fs.readFileSync(fixture("van-ban.pdf")), name: "lon.pdf" }).expect(413);
    expect(res.text).toContain('id="file-error"');
    expect(await t.prisma.question.count()).toBe(before);
  });

  it("limits each address to five questions in 15 minutes (429 in Vietnamese)", async () => {
    const t = await createTestApp();
    const before = await t.prisma.question.count();
    const { agent, token } = await askAgent(t.app);
    for (let i = 0; i < 5; i++) await sendQuestion(agent, { ...VALID_QUESTION, title: `Câu hỏi thứ ${i + 1} về một cửa`, _csrf: token }).expect(201);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, _csrf: token }).expect(429);
    expect(res.text).toContain("Bạn đã gửi quá nhiều câu hỏi. Vui lòng thử lại sau 15 phút.");
    expect(await t.prisma.question.count()).toBe(before + 5);
  });
});
