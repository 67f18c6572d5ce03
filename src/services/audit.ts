import type { PrismaClient } from "../db.js";
import { paginate } from "../lib/pagination.js";

/** Who acts: a signed-in user, or null for the command line; and from which address. */
export interface Actor {
  userId: number | null;
  ip: string;
}

export interface AuditEntry {
  userId: number | null;
  action: string;
  target?: string;
  detail?: string;
  ip?: string;
}

/** Who did what and when: logins, publishes, deletes, settings and account changes. */
export async function recordAudit(prisma: PrismaClient, entry: AuditEntry): Promise<void> {
  await prisma.auditLog.create({
    data: { userId: entry.userId, action: entry.action, target: entry.target ?? "", detail: entry.detail ?? "", ip: entry.ip ?? "" },
  });
}

export async function listAudit(prisma: PrismaClient, pageNumber: number) {
  const total = await prisma.auditLog.count();
  const page = paginate(pageNumber, 50, total);
  const entries = await prisma.auditLog.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: page.pageSize,
    include: { user: { select: { name: true, email: true } } },
  });
  return { entries, page };
}
