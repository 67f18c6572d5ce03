import type { PrismaClient } from "../db.js";
import { conflict, notFound } from "../errors.js";
import { toNfc } from "../lib/fold.js";
import { hashPassword } from "./passwords.js";

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

export async function createUser(prisma: PrismaClient, input: NewUser, bcryptCost: number) {
  const email = input.email.trim().toLowerCase();
  if (await prisma.user.findUnique({ where: { email } })) {
    throw conflict("Thư điện tử này đã được dùng cho một tài khoản khác.");
  }
  return prisma.user.create({
    data: { email, name: toNfc(input.name.trim()), role: input.role, passwordHash: await hashPassword(input.password, bcryptCost) },
  });
}

/** The signed-in user, or null when the account is gone or disabled. */
export async function findActiveUser(prisma: PrismaClient, id: number): Promise<CurrentUser | null> {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user || user.disabled || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function getUser(prisma: PrismaClient, id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw notFound("Không tìm thấy tài khoản.");
  return user;
}
