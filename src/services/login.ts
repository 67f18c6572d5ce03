import type { PrismaClient } from "../db.js";
import { tooManyRequests } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { DUMMY_HASH, verifyPassword } from "./passwords.js";
import { findActiveUser, type CurrentUser } from "./users.js";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

function minutesUntil(oldest: Date, now: Date): number {
  return Math.max(1, Math.ceil((oldest.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 60_000));
}

/**
 * Refuses with 429 while an account or an address has too many recent failures; counted in the
 * database so every instance sees the same count.
 */
export async function assertNotThrottled(prisma: PrismaClient, clock: Clock, email: string, ip: string): Promise<void> {
  const now = clock();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (const [where, max] of [
    [{ email, createdAt: { gt: since } }, MAX_FAILURES_PER_ACCOUNT],
    [{ ip, createdAt: { gt: since } }, MAX_FAILURES_PER_ADDRESS],
  ] as const) {
    const failures = await prisma.loginFailure.findMany({ where, orderBy: { createdAt: "desc" }, take: max, select: { createdAt: true } });
    if (failures.length >= max) {
      const wait = minutesUntil(failures[failures.length - 1]!.createdAt, now);
      throw tooManyRequests(`Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait} phút.`);
    }
  }
}

/** One more failed attempt for this account and address (a login, or a wrong current password). */
export async function recordLoginFailure(prisma: PrismaClient, clock: Clock, email: string, ip: string): Promise<void> {
  const now = clock();
  await prisma.$transaction([
    prisma.loginFailure.create({ data: { email, ip, createdAt: now } }),
    // Failures older than the window no longer count: drop them so the table stays small.
    prisma.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_WINDOW_MS) } } }),
  ]);
}

/** Checks the credentials; a failure is recorded for throttling and returns null. */
export async function attemptLogin(
  prisma: PrismaClient,
  clock: Clock,
  email: string,
  password: string,
  ip: string,
): Promise<CurrentUser | null> {
  const normalized = email.trim().toLowerCase();
  await assertNotThrottled(prisma, clock, normalized, ip);
  const row = await prisma.user.findUnique({ where: { email: normalized } });
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  const user = ok && row ? await findActiveUser(prisma, row.id) : null;
  if (!user) {
    await recordLoginFailure(prisma, clock, normalized, ip);
    return null;
  }
  await prisma.$transaction([
    prisma.loginFailure.deleteMany({ where: { email: normalized } }),
    prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: clock() } }),
  ]);
  return user;
}
