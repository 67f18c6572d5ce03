import { z } from "zod";
import { passwordField } from "./common.schema.js";

export const PasswordChangeBody = z
  .object({
    currentPassword: passwordField("mật khẩu hiện tại"),
    newPassword: passwordField("mật khẩu mới"),
    confirmPassword: z.string().default(""),
  })
  .refine((b) => b.confirmPassword === b.newPassword, {
    path: ["confirmPassword"],
    message: "Mật khẩu nhập lại không khớp với mật khẩu mới.",
  });

/** Switching the second factor off or renewing recovery codes: the password, proved again. */
export const PasswordConfirmBody = z.object({ password: passwordField("mật khẩu") });
