import type { PrismaClient } from "../db.js";
import { tooManyRequests } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures of one account from one address: that address is refused for that account. */
export const MAX_FAILURES_PER_PAIR = 5;
/** Failures from one address, whatever the accounts: that address is refused. */
export const MAX_FAILURES_PER_ADDRESS = 20;
/** Failures of one account from all addresses: new addresses are slowed down, never refused. */
export const SLOWDOWN_AFTER_FAILURES = 5;

/** Whose secret is checked, from where; userId (when the account exists) finds its known addresses. */
export interface AttemptKey {
  email: string;
  ip: string;
  userId: number | null;
}

/*
 * Why this shape (security review findings 2 and 3):
 * - The attempt is written BEFORE the slow check (bcrypt), and each attempt counts only the rows
 *   written before its own (smaller ids). Thirty wrong passwords sent at once therefore see 0, 1, 2, …
 *   earlier rows: exactly the first five are checked, the rest refused. Counting after the check let
 *   them all through. (SQLite commits writes one at a time, so the count is exact. On PostgreSQL an
 *   insert whose id came first may commit a moment after a later one counts; only attempts racing in
 *   that instant can slip past, a handful at most, not the thirty.)
 * - Limits are per (account, address) pair and per address, never per account alone: an attacker who
 *   guesses at the administrator's account locks out only their own address. Against guessing from many
 *   addresses, an account with recent failures makes addresses that never signed in to it wait
 *   LOGIN_SLOWDOWN_MS before each check; the owner's usual addresses are never slowed or refused.
 * - A refused attempt is removed (it checked nothing), so "thử lại sau N phút" stays true; a success
 *   removes its own row, and the caller clears the pair's failures once the whole sign-in is done.
 */
export async function countedAttempt<T>(
  prisma: PrismaClient,
  clock: Clock,
  key: AttemptKey,
  slowdownMs: number,
  check: () => Promise<T | null>,
): Promise<T | null> {
  const now = clock();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const { id } = await prisma.loginAttempt.create({ data: { email: key.email, ip: key.ip, createdAt: now }, select: { id: true } });
  const earlier = { id: { lt: id }, createdAt: { gt: since } };
  try {
    await refuseOver(prisma, now, { ...earlier, email: key.email, ip: key.ip }, MAX_FAILURES_PER_PAIR, "Đăng nhập sai quá nhiều lần");
    await refuseOver(prisma, now, { ...earlier, ip: key.ip }, MAX_FAILURES_PER_ADDRESS, "Có quá nhiều lần đăng nhập sai từ địa chỉ của bạn");
  } catch (refusal) {
    await prisma.loginAttempt.deleteMany({ where: { id } });
    throw refusal;
  }
  if (slowdownMs > 0 && (await underAttack(prisma, { ...earlier, email: key.email })) && !(await isKnownAddress(prisma, key))) {
    await new Promise((resolve) => setTimeout(resolve, slowdownMs));
  }
  const result = await check();
  if (result === null) {
    // Failures older than the window no longer count: drop them so the table stays small.
    await prisma.loginAttempt.deleteMany({ where: { createdAt: { lte: since } } });
  } else {
    // deleteMany: a sign-in of the same account and address that finished meanwhile has already
    // forgiven (deleted) this attempt along with the others.
    await prisma.loginAttempt.deleteMany({ where: { id } });
  }
  return result;
}

type AttemptWhere = NonNullable<Parameters<PrismaClient["loginAttempt"]["findMany"]>[0]>["where"];

async function refuseOver(prisma: PrismaClient, now: Date, where: AttemptWhere, max: number, reason: string): Promise<void> {
  const rows = await prisma.loginAttempt.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: max, select: { createdAt: true } });
  if (rows.length < max) return;
  // Allowed again once the oldest of the last `max` attempts leaves the window.
  const wait = Math.max(1, Math.ceil((rows[max - 1]!.createdAt.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 60_000));
  throw tooManyRequests(`${reason}. Vui lòng thử lại sau ${wait} phút.`);
}

async function underAttack(prisma: PrismaClient, where: AttemptWhere): Promise<boolean> {
  const rows = await prisma.loginAttempt.findMany({ where, take: SLOWDOWN_AFTER_FAILURES, select: { id: true } });
  return rows.length >= SLOWDOWN_AFTER_FAILURES;
}

async function isKnownAddress(prisma: PrismaClient, key: AttemptKey): Promise<boolean> {
  if (key.userId === null) return false;
  return (await prisma.knownLoginAddress.count({ where: { userId: key.userId, ip: key.ip } })) > 0;
}

/** After a completed sign-in: this address's failures for the account are forgiven, and the address is known. */
export async function forgiveAndRemember(prisma: PrismaClient, clock: Clock, key: AttemptKey & { userId: number }): Promise<void> {
  const now = clock();
  await prisma.$transaction([
    prisma.loginAttempt.deleteMany({ where: { email: key.email, ip: key.ip } }),
    prisma.knownLoginAddress.upsert({
      where: { userId_ip: { userId: key.userId, ip: key.ip } },
      create: { userId: key.userId, ip: key.ip, lastSeenAt: now },
      update: { lastSeenAt: now },
    }),
  ]);
}
