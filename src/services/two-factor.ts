import QRCode from "qrcode";
import { Secret, TOTP } from "otpauth";
import type { PrismaClient } from "../db.js";
import { conflict, invalid } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { recordAudit, type Actor } from "./audit.js";
import { replaceRecoveryCodes } from "./recovery-codes.js";
import { getUser, type Role } from "./users.js";

// RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 seconds; one step either side
// forgives a phone clock a little off.
const TOTP_OPTIONS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
const WINDOW = 1;

/** Roles that must sign in with a second factor when the administrator requires it. */
export function isSecondFactorRole(role: string): role is Exclude<Role, "author"> {
  return role === "admin" || role === "editor";
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The time step a 6-digit code belongs to (within one step of now), or null when it is wrong. */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const timestamp = now.getTime();
  const delta = TOTP.validate({ ...TOTP_OPTIONS, token: code, secret: Secret.fromBase32(secret), timestamp, window: WINDOW });
  return delta === null ? null : TOTP.counter({ period: TOTP_OPTIONS.period, timestamp }) + delta;
}

/** What the enrolment page shows: the QR code (an SVG data: URL, allowed by the CSP) and the secret in groups of four. */
export async function enrolmentDetails(secret: string, email: string, issuer: string) {
  // The issuer once (not again in the label) and low error correction: a Vietnamese name is long once
  // percent-encoded, and fewer, larger modules scan better from a screen.
  const uri = new TOTP({ ...TOTP_OPTIONS, issuer, issuerInLabel: false, label: email, secret: Secret.fromBase32(secret) }).toString();
  const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "L" });
  return { uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, secretGroups: secret.match(/.{1,4}/g)!.join(" ") };
}

/**
 * Accepts a code once: the step is stored as the last used, in one conditional update, so the same
 * code (or an older one) never works again, even sent twice at the same moment.
 */
export async function claimTotpStep(prisma: PrismaClient, userId: number, step: number): Promise<boolean> {
  const { count } = await prisma.user.updateMany({
    where: { id: userId, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}

/**
 * Switches two-factor sign-in on once the person proves their app has the secret (a correct code),
 * and makes ten recovery codes. Returns the codes, to be shown once. A wrong code stores nothing.
 */
export async function enableTwoFactor(prisma: PrismaClient, clock: Clock, actor: Actor & { userId: number }, secret: string, code: string) {
  const now = clock();
  const step = matchTotpStep(secret, code.replace(/\s/g, ""), now);
  if (step === null) {
    throw invalid({ code: "Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực (mã đổi sau mỗi 30 giây)." });
  }
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: actor.userId, totpEnabledAt: null },
      // The enrolment code is used up too: it cannot sign in a moment later.
      data: { totpSecret: secret, totpEnabledAt: now, totpLastStep: step },
    });
    if (count === 0) throw conflict("Xác thực hai lớp đã được bật cho tài khoản này.");
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    await recordAudit(tx, { ...actor, action: "account.2fa_enable", target: (await tx.user.findUniqueOrThrow({ where: { id: actor.userId } })).email });
    return codes;
  });
}

/** New recovery codes for someone whose second factor is on (the old ones stop working). */
export async function renewRecoveryCodes(prisma: PrismaClient, actor: Actor & { userId: number }) {
  const user = await getUser(prisma, actor.userId);
  if (!user.totpEnabledAt) throw conflict("Xác thực hai lớp chưa được bật cho tài khoản này.");
  return prisma.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, { ...actor, action: "account.recovery_codes", target: user.email });
    return codes;
  });
}

async function clearSecondFactor(prisma: PrismaClient, actor: Actor, userId: number, action: string, email: string) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await recordAudit(tx, { ...actor, action, target: email });
  });
}

/** Someone switches their own second factor off (the caller has checked their password). */
export async function disableOwnTwoFactor(prisma: PrismaClient, actor: Actor & { userId: number }) {
  const user = await getUser(prisma, actor.userId);
  if (!user.totpEnabledAt) throw conflict("Xác thực hai lớp chưa được bật cho tài khoản này.");
  if (isSecondFactorRole(user.role) && (await isTwoFactorRequired(prisma))) {
    throw conflict("Quản trị viên đã bắt buộc xác thực hai lớp cho vai trò của bạn, nên bạn không thể tắt nó.");
  }
  await clearSecondFactor(prisma, actor, user.id, "account.2fa_disable", user.email);
}

/** An administrator removes a colleague's second factor (a lost phone). The caller ends their sessions. */
export async function resetTwoFactor(prisma: PrismaClient, actor: Actor, userId: number) {
  const user = await getUser(prisma, userId);
  if (actor.userId === userId) throw conflict("Hãy quản lý xác thực hai lớp của chính bạn ở trang Xác thực hai lớp.");
  if (!user.totpEnabledAt) throw conflict("Tài khoản này chưa bật xác thực hai lớp.");
  await clearSecondFactor(prisma, actor, user.id, "user.2fa_reset", user.email);
  return user;
}

export async function isTwoFactorRequired(prisma: PrismaClient): Promise<boolean> {
  const row = await prisma.siteSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactor: true } });
  return row?.requireTwoFactor ?? false;
}

/** True when this role must enrol before signing in (the requirement is on and they have no second factor). */
export async function mustEnrol(prisma: PrismaClient, account: { role: string; twoFactor: boolean }): Promise<boolean> {
  return !account.twoFactor && isSecondFactorRole(account.role) && (await isTwoFactorRequired(prisma));
}

/**
 * The administrator's switch. Turning it on needs their own second factor first, or the next page
 * they open would send them to enrolment. Returns whether anything changed.
 */
export async function setTwoFactorRequired(prisma: PrismaClient, actor: Actor & { userId: number }, required: boolean): Promise<boolean> {
  if (required === (await isTwoFactorRequired(prisma))) return false;
  if (required && !(await getUser(prisma, actor.userId)).totpEnabledAt) {
    throw conflict("Hãy bật xác thực hai lớp cho tài khoản của chính bạn trước (trang Xác thực hai lớp), rồi mới bắt buộc cho mọi người.");
  }
  await prisma.$transaction(async (tx) => {
    await tx.siteSettings.update({ where: { id: 1 }, data: { requireTwoFactor: required } });
    await recordAudit(tx, { ...actor, action: "settings.update", target: "Cấu hình trang", detail: `requireTwoFactor: ${required ? "bật" : "tắt"}` });
  });
  return true;
}
