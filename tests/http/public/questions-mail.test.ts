import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { eventually } from "../../helpers/eventually.js";
import { askAgent, sendQuestion, VALID_QUESTION } from "../../helpers/questions.js";

// Where mail is configured (SMTP_URL), the asker also gets the tracking code by e-mail; the code is
// on the page either way, and a mail server that does not answer never fails the question.

const received: { to: string[]; raw: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The text of a received mail, its quoted-printable and base64 parts decoded enough to read. */
const decoded = (raw: string) => {
  const body = raw.split(/\r?\n\r?\n/).slice(1).join("\n");
  return /Content-Transfer-Encoding: base64/i.test(raw)
    ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
    : body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
};

describe("the tracking code by e-mail", () => {
  it("sends the code and the lookup address to the asker when SMTP_URL is set", async () => {
    const t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "CCHC <no-reply@cchc.example>" } });
    const { agent, token } = await askAgent(t.app);
    const res = await sendQuestion(agent, { ...VALID_QUESTION, email: "nguoi.hoi@example.com", _csrf: token, website: "" }).set("accept", "application/json").expect(201);
    const code = res.body.code as string;
    const mail = await eventually(async () => received.find((m) => m.to.includes("nguoi.hoi@example.com")), Boolean, 10_000);
    const text = Buffer.from(decoded(mail!.raw), "latin1").toString("utf8");
    expect(text).toContain(`Mã tra cứu: ${code}`);
    expect(text).toContain(`/hoi-dap/tra-cuu?ma=${code}`);
    expect(mail!.raw).toMatch(/From: CCHC <no-reply@cchc\.example>/);
  });

  it("a robot's form (honeypot filled) gets no mail, and a mail server that does not answer never fails the question", async () => {
    const before = received.length;
    const t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    const { agent, token } = await askAgent(t.app);
    await sendQuestion(agent, { ...VALID_QUESTION, email: "robot@example.com", _csrf: token, website: "http://spam.example" }).expect(201);
    const down = await createTestApp({ env: { SMTP_URL: "smtp://127.0.0.1:1" } });
    const other = await askAgent(down.app);
    const res = await sendQuestion(other.agent, { ...VALID_QUESTION, _csrf: other.token, website: "" }).set("accept", "application/json").expect(201);
    expect(res.body.code).toMatch(/^HD-/);
    expect(await down.prisma.question.count({ where: { code: res.body.code } })).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(received.slice(before).some((m) => m.to.includes("robot@example.com"))).toBe(false);
  });

  it("refuses a malformed SMTP_URL at start, naming the setting", async () => {
    await expect(createTestApp({ env: { SMTP_URL: "mail.example.com" } })).rejects.toThrow(/SMTP_URL/);
  });
});
