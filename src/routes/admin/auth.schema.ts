import { z } from "zod";

export const LoginBody = z.object({
  email: z.string().trim().min(1, "Vui lòng nhập thư điện tử.").max(200, "Thư điện tử quá dài."),
  password: z.string().min(1, "Vui lòng nhập mật khẩu.").max(200, "Mật khẩu quá dài."),
  next: z.string().optional(),
});

/** Only a path inside the admin panel, never another site. */
export function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[^/\\]|$|\?)/.test(next) && !next.startsWith("//") ? next : "/admin";
}

/** The second step: a 6-digit code from the app, or a recovery code (letters, digits and dashes). */
export const CodeBody = z.object({
  code: z.string({ error: "Vui lòng nhập mã xác thực." }).trim().min(1, "Vui lòng nhập mã xác thực.").max(40, "Mã xác thực quá dài."),
});

/** The administrator's switch: an HTML checkbox ("on" when ticked, absent otherwise) or a JSON boolean. */
export const RequireTwoFactorBody = z.object({
  requireTwoFactor: z
    .union([z.boolean(), z.literal("on"), z.literal("1")], { error: "Giá trị không hợp lệ." })
    .optional()
    .transform((value) => value !== undefined && value !== false),
});
