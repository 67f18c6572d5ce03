import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { csrfFrom } from "../../helpers/login.js";
import { testClock } from "../../helpers/clock.js";
import { createApp } from "../../../src/app.js";
import { createLogger } from "../../../src/logger.js";

const valid = {
  name: "Nguyễn Văn An",
  email: "an.nguyen@example.com",
  phone: "0931 015 119",
  subject: "Hỏi về thủ tục một cửa",
  message: "Xin hỏi thời gian trả kết quả hồ sơ đăng ký kinh doanh là bao lâu?",
};

async function contactAgent(app: Parameters<typeof request.agent>[0]) {
  const agent = request.agent(app);
  const token = await csrfFrom(agent, "/lien-he");
  return { agent, token };
}

describe("contact page", () => {
  it("shows the hotline, address, phones and e-mails as tel: and mailto: links", async () => {
    const { app } = await createTestApp();
    const html = (await request(app).get("/lien-he").set("User-Agent", BROWSER_UA).expect(200)).text;
    expect(html).toMatch(/<h1[^>]*>Liên hệ<\/h1>/);
    expect(html).toContain('href="tel:+84931015119"');
    expect(html).toContain('href="tel:07103820715"');
    expect(html).toContain('href="mailto:caicachhanhchinh@cantho.gov.vn"');
    expect(html).toMatch(/<label for="message">Nội dung/);
  });

  it("stores a valid message in NFC and thanks the sender", async () => {
    const { app, prisma } = await createTestApp();
    const { agent, token } = await contactAgent(app);
    const res = await agent
      .post("/lien-he")
      .type("form")
      .send({ ...valid, name: valid.name.normalize("NFD"), _csrf: token })
      .expect(303);
    expect(res.headers.location).toBe("/lien-he?da-gui=1");
    const stored = await prisma.feedbackMessage.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: "Nguyễn Văn An", email: valid.email, subject: valid.subject, status: "new" });
    expect(stored[0]!.name).toBe(stored[0]!.name.normalize("NFC"));
    expect((await agent.get(res.headers.location!).expect(200)).text).toContain("Cảm ơn bạn đã gửi góp ý");
  });

  it("re-shows the form with 422, an error summary, messages beside fields and what was typed; stores nothing", async () => {
    const { app, prisma } = await createTestApp();
    const { agent, token } = await contactAgent(app);
    const res = await agent
      .post("/lien-he")
      .type("form")
      .send({ name: "A", email: "khong-phai-email", phone: "abc", subject: "", message: "ngắn", _csrf: token })
      .expect(422);
    expect(res.text).toContain("Có 5 lỗi cần sửa");
    expect(res.text).toContain('href="#email"');
    expect(res.text).toContain("Họ và tên cần ít nhất 2 ký tự.");
    expect(res.text).toContain("Thư điện tử không đúng định dạng");
    expect(res.text).toContain("Số điện thoại chỉ gồm chữ số");
    expect(res.text).toContain("Vui lòng nhập tiêu đề.");
    expect(res.text).toContain("Nội dung cần ít nhất 10 ký tự.");
    expect(res.text).toContain('value="khong-phai-email"');
    expect(await prisma.feedbackMessage.count()).toBe(0);
  });

  it("refuses an overlong message", async () => {
    const { app, prisma } = await createTestApp();
    const { agent, token } = await contactAgent(app);
    const res = await agent.post("/lien-he").type("form").send({ ...valid, message: "x".repeat(5001), _csrf: token }).expect(422);
    expect(res.text).toContain("Nội dung không được quá 5000 ký tự.");
    expect(await prisma.feedbackMessage.count()).toBe(0);
  });

  it("refuses a post without a valid CSRF token", async () => {
    const { app, prisma } = await createTestApp();
    await request(app).post("/lien-he").type("form").send(valid).expect(403);
    const { agent } = await contactAgent(app);
    const res = await agent.post("/lien-he").type("form").send({ ...valid, _csrf: "gia-mao" }).expect(403);
    expect(res.text).toContain("Vui lòng tải lại trang");
    expect(await prisma.feedbackMessage.count()).toBe(0);
  });

  it("answers a filled honeypot as if stored, but keeps nothing", async () => {
    const { app, prisma } = await createTestApp();
    const { agent, token } = await contactAgent(app);
    await agent.post("/lien-he").type("form").send({ ...valid, website: "http://spam.example", _csrf: token }).expect(303);
    expect(await prisma.feedbackMessage.count()).toBe(0);
  });

  it("limits each address to five messages in 15 minutes, answering 429 in Vietnamese", async () => {
    const { app, prisma } = await createTestApp();
    const { agent, token } = await contactAgent(app);
    for (let i = 0; i < 5; i++) {
      await agent.post("/lien-he").type("form").send({ ...valid, subject: `Góp ý số ${i + 1}`, _csrf: token }).expect(303);
    }
    const res = await agent.post("/lien-he").type("form").send({ ...valid, _csrf: token }).expect(429);
    expect(res.text).toContain("Bạn đã gửi quá nhiều góp ý. Vui lòng thử lại sau 15 phút.");
    expect(await prisma.feedbackMessage.count()).toBe(5);
  });

  it("shares the limit between instances on one database, and lifts it after the 15 minutes", async () => {
    const clock = testClock("2026-11-27T02:00:00Z");
    const t = await createTestApp({ clock });
    // A second instance of the app on the same database, as behind a load balancer.
    const other = createApp({ config: t.config, prisma: t.prisma, logger: createLogger(t.config), clock });
    const first = await contactAgent(t.app);
    const second = await contactAgent(other);
    const send = (c: { agent: ReturnType<typeof request.agent>; token: string }, i: number) =>
      c.agent.post("/lien-he").type("form").send({ ...valid, subject: `Góp ý số ${i}`, _csrf: c.token });
    for (let i = 1; i <= 3; i++) await send(first, i).expect(303);
    for (let i = 4; i <= 5; i++) await send(second, i).expect(303);
    await send(first, 6).expect(429);
    await send(second, 7).expect(429);
    expect(await t.prisma.feedbackMessage.count()).toBe(5);

    clock.advance(15 * 60_000);
    await send(second, 8).expect(303);
    expect(await t.prisma.feedbackMessage.count()).toBe(6);
  });
});
