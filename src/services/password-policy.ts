export const MIN_PASSWORD_LENGTH = 10;

/** A Vietnamese message when the password is too weak, else null. The account helper extends the list. */
export function checkPasswordPolicy(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (password.length > 200) return "Mật khẩu không được quá 200 ký tự.";
  const lower = password.toLowerCase();
  const mail = email.trim().toLowerCase();
  if (lower === mail || lower === mail.split("@")[0]) return "Mật khẩu không được trùng với thư điện tử.";
  return null;
}
