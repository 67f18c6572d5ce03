import type { PrismaClient } from "../db.js";
import { conflict, HttpError, invalid, notFound } from "../errors.js";
import { toNfc } from "../lib/fold.js";
import { recordAudit, type Actor } from "./audit.js";
import { hashPassword } from "./passwords.js";
import { checkPasswordPolicy } from "./password-policy.js";

export const ROLES = ["admin", "editor", "author"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: "Quản trị viên",
  editor: "Biên tập viên",
  author: "Phóng viên",
};

export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** The password field's refusal when the policy says no. */
function assertPolicy(password: string, email: string): void {
  const problem = checkPasswordPolicy(password, email);
  if (problem) throw invalid({ password: problem });
}

/** Creates a staff account; the password policy applies to every way in (panel, command line). */
export async function createUser(prisma: PrismaClient, input: NewUser, bcryptCost: number, actor?: Actor) {
  const email = input.email.trim().toLowerCase();
  assertPolicy(input.password, email);
  if (await prisma.user.findUnique({ where: { email } })) {
    const message = "Thư điện tử này đã được dùng cho một tài khoản khác.";
    throw new HttpError(409, message, { email: message });
  }
  const user = await prisma.user.create({
    data: { email, name: toNfc(input.name.trim()), role: input.role, passwordHash: await hashPassword(input.password, bcryptCost) },
  });
  if (actor) await recordAudit(prisma, { ...actor, action: "user.create", target: user.email, detail: `vai trò: ${user.role}` });
  return user;
}

/** A user who may sign in, and whether their account has a second factor. */
export interface ActiveAccount {
  user: CurrentUser;
  twoFactor: boolean;
}

/** The account behind a session or a login, or null when it is gone or disabled. */
export async function findActiveAccount(prisma: PrismaClient, id: number): Promise<ActiveAccount | null> {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user || user.disabled || !isRole(user.role)) return null;
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, twoFactor: user.totpEnabledAt !== null };
}

export async function getUser(prisma: PrismaClient, id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw notFound("Không tìm thấy tài khoản.");
  return user;
}

export async function getUserByEmail(prisma: PrismaClient, email: string) {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) throw notFound(`Không có tài khoản nào với thư điện tử ${email}.`);
  return user;
}

/** Every account, active ones first, then by name. */
export async function listUsers(prisma: PrismaClient) {
  return prisma.user.findMany({
    orderBy: [{ disabled: "asc" }, { name: "asc" }, { id: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, createdAt: true, totpEnabledAt: true },
  });
}

// The panel must always keep one administrator who can sign in, or nobody could manage accounts.
async function assertNotLastAdmin(prisma: PrismaClient, user: { id: number; role: string; disabled: boolean }, message: string) {
  if (user.role !== "admin" || user.disabled) return;
  const others = await prisma.user.count({ where: { role: "admin", disabled: false, id: { not: user.id } } });
  if (others === 0) throw conflict(message);
}

function assertNotSelf(actor: Actor, userId: number, message: string): void {
  if (actor.userId === userId) throw conflict(message);
}

/** Disables or re-enables an account. The caller ends a disabled user's sessions. */
export async function setUserDisabled(prisma: PrismaClient, actor: Actor, id: number, disabled: boolean) {
  const user = await getUser(prisma, id);
  if (disabled) {
    assertNotSelf(actor, id, "Bạn không thể tự khoá tài khoản của mình.");
    await assertNotLastAdmin(prisma, user, "Không thể khoá quản trị viên cuối cùng còn hoạt động.");
  }
  if (user.disabled === disabled) return user;
  const updated = await prisma.user.update({ where: { id }, data: { disabled } });
  await recordAudit(prisma, { ...actor, action: disabled ? "user.disable" : "user.enable", target: user.email });
  return updated;
}

export async function changeUserRole(prisma: PrismaClient, actor: Actor, id: number, role: Role) {
  const user = await getUser(prisma, id);
  if (user.role === role) return user;
  assertNotSelf(actor, id, "Bạn không thể tự đổi vai trò của mình; hãy nhờ một quản trị viên khác.");
  await assertNotLastAdmin(prisma, user, "Không thể đổi vai trò của quản trị viên cuối cùng còn hoạt động.");
  const updated = await prisma.user.update({ where: { id }, data: { role } });
  await recordAudit(prisma, { ...actor, action: "user.role", target: user.email, detail: `${user.role} → ${role}` });
  return updated;
}

/** An administrator sets a new password for someone else. The caller ends that user's sessions. */
export async function resetUserPassword(prisma: PrismaClient, actor: Actor, id: number, password: string, bcryptCost: number) {
  const user = await getUser(prisma, id);
  assertNotSelf(actor, id, "Hãy đổi mật khẩu của chính bạn ở trang Đổi mật khẩu.");
  assertPolicy(password, user.email);
  await prisma.user.update({ where: { id }, data: { passwordHash: await hashPassword(password, bcryptCost) } });
  await recordAudit(prisma, { ...actor, action: "user.password_reset", target: user.email });
  return user;
}
