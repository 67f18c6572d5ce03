import { z } from "zod";
import { ROLES } from "../../services/users.js";
import { emailField, passwordField, requiredText } from "./common.schema.js";

const roleField = z.enum(ROLES, { error: "Vui lòng chọn một vai trò." });

export const NewUserBody = z.object({
  email: emailField(),
  name: requiredText("họ và tên", 100, 2),
  role: roleField,
  password: passwordField(),
});

export const RoleBody = z.object({ role: roleField });

export const PasswordResetBody = z.object({ password: passwordField("mật khẩu mới") });

export type NewUserBody = z.infer<typeof NewUserBody>;
