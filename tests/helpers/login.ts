import request from "supertest";
import type { PrismaClient } from "../../src/db.js";
import { createUser, type Role } from "../../src/services/users.js";
import type { TestApp } from "./app.js";

let counter = 0;
export const TEST_PASSWORD = "Mat-khau-thu-nghiem-2026";

/** A staff user with a unique e-mail; the password is TEST_PASSWORD unless given. */
export async function buildUser(prisma: PrismaClient, data: { role?: Role; name?: string; email?: string; password?: string } = {}) {
  counter += 1;
  const email = data.email ?? `nguoi-dung-${process.pid}-${counter}@cantho.gov.vn`;
  const user = await createUser(
    prisma,
    { email, name: data.name ?? `Cán bộ ${counter}`, role: data.role ?? "editor", password: data.password ?? TEST_PASSWORD },
    4,
  );
  return user;
}

/** The CSRF token of a page's first form, read as a browser would. */
export async function csrfFrom(agent: ReturnType<typeof request.agent>, path: string): Promise<string> {
  const res = await agent.get(path);
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match) throw new Error(`no CSRF token on ${path} (status ${res.status})`);
  return match[1]!;
}

/** Signs an agent in through the real login form; returns the CSRF token valid for the session. */
export async function loginAs(testApp: TestApp, user: { email: string }, password = TEST_PASSWORD) {
  const agent = request.agent(testApp.app);
  const token = await csrfFrom(agent, "/admin/login");
  const res = await agent.post("/admin/login").type("form").send({ email: user.email, password, _csrf: token });
  if (res.status !== 303) throw new Error(`login failed with ${res.status}`);
  const csrf = await csrfFrom(agent, "/admin");
  return { agent, csrf };
}
