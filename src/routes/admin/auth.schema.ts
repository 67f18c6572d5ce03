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
