import crypto from "node:crypto";

// A question's tracking code is the only key to its status page, so it must not be guessable from
// another one (no sequence, no time) and must survive being read over the phone and typed again:
// "HD-" and eight characters from 32 that cannot be mistaken for each other (no 0/O, 1/I).
// 32⁸ ≈ 1.1 × 10¹² codes: against a few thousand questions a guess succeeds about once in 10⁸-10⁹
// tries, and lookups are rate limited.

export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const CODE_PREFIX = "HD-";
export const CODE_LENGTH = 8;
export const CODE_PATTERN = /^HD-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;

/** A new random code, e.g. "HD-7KQ2M9XW", drawn with crypto.randomInt (uniform, unpredictable). */
export function newQuestionCode(randomInt: (max: number) => number = crypto.randomInt): string {
  let code = CODE_PREFIX;
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * The code as a person typed it, in its stored form: case and spaces ignored, the prefix and
 * dashes optional ("hd-7kq2 m9xw", "7KQ2M9XW"). Null when it cannot be a code.
 */
export function normalizeQuestionCode(raw: string): string | null {
  const compact = raw.normalize("NFC").toUpperCase().replace(/[\s-]+/g, "");
  const body = compact.length === CODE_LENGTH + 2 && compact.startsWith("HD") ? compact.slice(2) : compact;
  const code = CODE_PREFIX + body;
  return CODE_PATTERN.test(code) ? code : null;
}
