import crypto from "node:crypto";
import bcrypt from "bcrypt";

/*
 * bcrypt reads only the first 72 bytes of its input, so two passwords that differ after that compare
 * equal; a Vietnamese letter with its marks takes 2 or 3 bytes in UTF-8, so 72 bytes can be as few as
 * 24 letters, short for the passphrases we ask people to choose. Refusing longer passwords would turn away exactly those
 * passphrases (and lock out people who already have one), so instead every new hash is of a fixed-size
 * digest of the whole password: HMAC-SHA256 (keyed with a constant, so the digest matches no plain
 * SHA-256 leaked elsewhere), base64-encoded (44 bytes, and never a NUL byte, where bcrypt would also
 * stop). The prefix marks these hashes; older plain bcrypt hashes still verify and are replaced at the
 * owner's next successful sign-in (see needsRehash).
 */
const PREHASHED = "$hmac-sha256$";
const PREHASH_KEY = "cchc-portal/password/v2";

/** The whole password, NFC-normalised (a Mac may type the same letters as NFD), in 44 bcrypt-safe bytes. */
function prehash(password: string): string {
  return crypto.createHmac("sha256", PREHASH_KEY).update(password.normalize("NFC"), "utf8").digest("base64");
}

export async function hashPassword(password: string, cost: number): Promise<string> {
  return PREHASHED + (await bcrypt.hash(prehash(password), cost));
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (hash.startsWith(PREHASHED)) return bcrypt.compare(prehash(password), hash.slice(PREHASHED.length));
  // A hash from before the pre-hash: only its first 72 bytes count until it is replaced.
  return bcrypt.compare(password, hash);
}

/** The bcrypt work factor a hash was made with. */
export function costOf(hash: string): number {
  const match = /\$2[aby]\$(\d{2})\$/.exec(hash);
  return match ? Number(match[1]) : 0;
}

/** True when a hash should be made again from the password just verified: old format or another cost. */
export function needsRehash(hash: string, cost: number): boolean {
  return !hash.startsWith(PREHASHED) || costOf(hash) !== cost;
}

const dummyHashes = new Map<number, Promise<string>>();

/**
 * Compared against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password:
 * made once per process, lazily, at the configured cost (a fixed cost-12 hash would answer faster or
 * slower than real accounts whenever BCRYPT_COST is not 12, telling which e-mails exist).
 */
export function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = hashPassword(crypto.randomBytes(16).toString("hex"), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}
