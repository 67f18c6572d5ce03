import type { PrismaClient } from "../db.js";
import { invalid } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { recordAudit, type Actor } from "./audit.js";
import { confirmPassword } from "./login.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { checkPasswordPolicy } from "./password-policy.js";
import { getUser } from "./users.js";

/**
 * Everyone changes their own password, proving they know the current one. A wrong current
 * password counts as a failed login, so a borrowed session cannot be used to guess it.
 * The caller ends the user's other sessions.
 */
export async function changeOwnPassword(
  prisma: PrismaClient,
  clock: Clock,
  actor: Actor & { userId: number },
  input: { currentPassword: string; newPassword: string },
  bcryptCost: number,
) {
  const user = await getUser(prisma, actor.userId);
  if (!(await confirmPassword(prisma, clock, user, input.currentPassword, actor.ip))) {
    throw invalid({ currentPassword: "Mật khẩu hiện tại không đúng." });
  }
  const problem = checkPasswordPolicy(input.newPassword, user.email);
  if (problem) throw invalid({ newPassword: problem });
  if (await verifyPassword(input.newPassword, user.passwordHash)) {
    throw invalid({ newPassword: "Mật khẩu mới phải khác mật khẩu hiện tại." });
  }
  // Hashed before the transaction: bcrypt takes long, and the database waits for no one.
  const passwordHash = await hashPassword(input.newPassword, bcryptCost);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await recordAudit(tx, { ...actor, action: "account.password", target: user.email });
  });
  return user;
}
