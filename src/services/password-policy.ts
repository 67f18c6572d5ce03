import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
export const COMMON_PASSWORD_COUNT = 1000;

// zxcvbn's list is ranked by frequency in real leaks; the first 1000 are the ones guessed first.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  dictionary.passwords.slice(0, COMMON_PASSWORD_COUNT).map((p) => p.toLowerCase()),
);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** A Vietnamese message when the password is too weak, else null (NIST 800-63B: length and a blocklist, no composition rules). */
export function checkPasswordPolicy(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Mật khẩu không được quá ${MAX_PASSWORD_LENGTH} ký tự.`;
  const lower = password.toLowerCase();
  const mail = email.trim().toLowerCase();
  if (lower === mail || lower === mail.split("@")[0]) return "Mật khẩu không được trùng với thư điện tử.";
  if (isCommonPassword(password)) return "Mật khẩu này quá phổ biến, dễ bị đoán ra. Hãy chọn một mật khẩu khác.";
  return null;
}
