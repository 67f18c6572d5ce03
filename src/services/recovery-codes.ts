import crypto from "node:crypto";
import type { PrismaClient } from "../db.js";

export const RECOVERY_CODE_COUNT = 10;
// 32 letters and digits without the look-alikes I, O, 0 and 1: 16 of them carry 80 random bits, too many
// to try offline, so a plain SHA-256 of each code is enough (bcrypt would make every check ten times slow).
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const LENGTH = 16;

/** "ABCD-EFGH-JKLM-NPQR" as shown; typed with or without dashes, spaces or capitals. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

const hashOf = (code: string) => crypto.createHash("sha256").update(code).digest("hex");

function newCode(): string {
  const bytes = crypto.randomBytes(LENGTH);
  // 256 is a multiple of 32, so every letter is equally likely.
  const code = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return code.match(/.{4}/g)!.join("-");
}

/** Replaces a user's recovery codes with ten new ones; returns them to be shown once (only hashes are kept). */
export async function replaceRecoveryCodes(db: Pick<PrismaClient, "recoveryCode">, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashOf(normalizeRecoveryCode(code)!) })) });
  return codes;
}

/** Uses up one code: true only for the one request that marks it used, however many arrive at once. */
export async function useRecoveryCode(prisma: PrismaClient, userId: number, code: string, now: Date): Promise<boolean> {
  const { count } = await prisma.recoveryCode.updateMany({ where: { userId, codeHash: hashOf(code), usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

export async function countUnusedRecoveryCodes(prisma: PrismaClient, userId: number): Promise<number> {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}
