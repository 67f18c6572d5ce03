import { Secret, TOTP } from "otpauth";
import request from "supertest";
import type { TestApp } from "./app.js";
import type { TestClock } from "./clock.js";
import { buildUser, csrfFrom, loginAs, TEST_PASSWORD } from "./login.js";

type Agent = ReturnType<typeof request.agent>;

/** The code an authenticator app shows for this secret at this moment (SHA-1, 6 digits, 30 s). */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: at.getTime() });
}

/** The secret printed on an enrolment page, as a person would type it into their app. */
export function secretOn(html: string): string {
  const match = /id="khoa-bi-mat">([A-Z2-7 ]+)</.exec(html);
  if (!match) throw new Error("no secret on the enrolment page");
  return match[1]!.replace(/ /g, "");
}

/** Switches the signed-in agent's second factor on through the real enrolment page. */
export async function enrolThroughPage(agent: Agent, csrf: string, clock: TestClock) {
  const secret = secretOn((await agent.get("/admin/tai-khoan/hai-lop")).text);
  const res = await agent.post("/admin/tai-khoan/hai-lop").set("accept", "application/json").send({ _csrf: csrf, code: totpCode(secret, clock()) });
  if (res.status !== 200) throw new Error(`enrolment failed with ${res.status}: ${res.text}`);
  return { secret, recoveryCodes: res.body.recoveryCodes as string[] };
}

/** A staff user with two-factor sign-in on (enrolled through the page, then signed out). */
export async function buildTwoFactorUser(t: TestApp, clock: TestClock, data: Parameters<typeof buildUser>[1] = {}) {
  const user = await buildUser(t.prisma, data);
  const { agent, csrf } = await loginAs(t, user);
  const enrolled = await enrolThroughPage(agent, csrf, clock);
  await agent.post("/admin/logout").type("form").send({ _csrf: csrf });
  return { user, ...enrolled };
}

/** The login form sent with the user's (right) password by a fresh browser; the answer and that browser. */
export async function submitPassword(t: TestApp, user: { email: string }, options: { json?: boolean } = {}) {
  const agent = request.agent(t.app);
  const token = await csrfFrom(agent, "/admin/login");
  const post = agent.post("/admin/login");
  const res = await (options.json ? post.set("accept", "application/json") : post.type("form")).send({ email: user.email, password: TEST_PASSWORD, _csrf: token });
  return { agent, res };
}

/** The password step of a two-factor user: the agent is half-way, on the code form. */
export async function passwordStep(t: TestApp, user: { email: string }) {
  const { agent, res } = await submitPassword(t, user);
  if (res.status !== 303 || res.headers.location !== "/admin/login/ma") throw new Error(`password step answered ${res.status} ${res.headers.location}`);
  return { agent, codeCsrf: await csrfFrom(agent, "/admin/login/ma") };
}

/**
 * Signs a two-factor user in through both steps. The clock first moves to the next 30-second step,
 * since a code already used (at enrolment, or an earlier sign-in) is refused.
 */
export async function loginWithCode(t: TestApp, clock: TestClock, user: { email: string }, secret: string) {
  clock.advance(30_000);
  const { agent, codeCsrf } = await passwordStep(t, user);
  const res = await agent.post("/admin/login/ma").type("form").send({ code: totpCode(secret, clock()), _csrf: codeCsrf });
  if (res.status !== 303) throw new Error(`code step answered ${res.status}`);
  return { agent, csrf: await csrfFrom(agent, "/admin") };
}
