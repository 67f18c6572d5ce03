import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";
import { recordAudit } from "./audit.js";
import { countedAttempt, forgiveAndRemember } from "./login-throttle.js";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./passwords.js";
import { countUnusedRecoveryCodes, normalizeRecoveryCode, useRecoveryCode } from "./recovery-codes.js";
import { claimTotpStep, matchTotpStep } from "./two-factor.js";
import { findActiveAccount, type ActiveAccount, type CurrentUser } from "./users.js";

export interface LoginOptions {
  bcryptCost: number;
  /** LOGIN_SLOWDOWN_MS: the wait for addresses new to an account under attack. */
  slowdownMs: number;
}

/**
 * The password step: e-mail and password checked as one counted attempt. Null when wrong (or the
 * account is locked); throws 429 while throttled. A correct password from an older hash format or
 * cost is hashed again on the spot.
 */
export async function checkPassword(
  prisma: PrismaClient,
  clock: Clock,
  options: LoginOptions,
  email: string,
  password: string,
  ip: string,
): Promise<ActiveAccount | null> {
  const normalized = email.trim().toLowerCase();
  const row = await prisma.user.findUnique({ where: { email: normalized } });
  return countedAttempt(prisma, clock, { email: normalized, ip, userId: row?.id ?? null }, options.slowdownMs, async () => {
    const ok = await verifyPassword(password, row?.passwordHash ?? (await dummyHash(options.bcryptCost)));
    const account = ok && row ? await findActiveAccount(prisma, row.id) : null;
    if (account && needsRehash(row!.passwordHash, options.bcryptCost)) {
      const passwordHash = await hashPassword(password, options.bcryptCost);
      // Only over the hash just verified: a password changed meanwhile wins.
      await prisma.user.updateMany({ where: { id: row!.id, passwordHash: row!.passwordHash }, data: { passwordHash } });
    }
    return account;
  });
}

/** A signed-in person proves it is them again (password change, 2FA settings): counted like a login. */
export async function confirmPassword(
  prisma: PrismaClient,
  clock: Clock,
  user: { id: number; email: string; passwordHash: string },
  password: string,
  ip: string,
): Promise<boolean> {
  const check = async () => ((await verifyPassword(password, user.passwordHash)) ? true : null);
  return (await countedAttempt(prisma, clock, { email: user.email, ip, userId: user.id }, 0, check)) === true;
}

export type SecondFactorResult =
  | { ok: true; user: CurrentUser; method: "totp" | "recovery"; recoveryLeft: number }
  | { ok: false; message: string };

export const WRONG_CODE = "Mã xác thực không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng, hoặc một mã khôi phục.";
const REUSED_CODE = "Mã này đã được dùng. Hãy chờ ứng dụng hiện mã tiếp theo rồi nhập mã mới.";

/**
 * The code step: a TOTP code (each time step accepted once) or a single-use recovery code, counted
 * by the same throttle as passwords for this account and address.
 */
export async function checkSecondFactor(
  prisma: PrismaClient,
  clock: Clock,
  options: LoginOptions,
  userId: number,
  code: string,
  ip: string,
): Promise<SecondFactorResult | null> {
  const row = await prisma.user.findUnique({ where: { id: userId } });
  const account = row?.totpSecret ? await findActiveAccount(prisma, userId) : null;
  // Locked, or the second factor reset since the password step: start again.
  if (!row?.totpSecret || !account) return null;
  const secret = row.totpSecret;
  let message = WRONG_CODE;
  const method = await countedAttempt(prisma, clock, { email: row.email, ip, userId }, options.slowdownMs, async () => {
    const now = clock();
    const step = matchTotpStep(secret, code.replace(/\s/g, ""), now);
    if (step !== null) {
      if (await claimTotpStep(prisma, userId, step)) return "totp" as const;
      message = REUSED_CODE;
      return null;
    }
    const recovery = normalizeRecoveryCode(code);
    return recovery && (await useRecoveryCode(prisma, userId, recovery, now)) ? ("recovery" as const) : null;
  });
  if (!method) return { ok: false, message };
  const recoveryLeft = method === "recovery" ? await countUnusedRecoveryCodes(prisma, userId) : 0;
  return { ok: true, user: account.user, method, recoveryLeft };
}

/** A completed sign-in: failures from this address forgiven, the address remembered, the time and the audit entry. */
export async function recordSignIn(prisma: PrismaClient, clock: Clock, user: CurrentUser, ip: string, detail = ""): Promise<void> {
  await forgiveAndRemember(prisma, clock, { email: user.email, ip, userId: user.id });
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: clock() } });
  await recordAudit(prisma, { userId: user.id, action: "login", target: user.email, ip, detail });
}
