import type { PrismaClient } from "../db.js";

export type AttachmentOwnerType = "document" | "procedure" | "question" | "answer";

/** Whether the public may download the files of this owner (published, not in the trash…). */
export type OwnerIsPublic = (prisma: PrismaClient, ownerId: number) => Promise<boolean>;

const checks = new Map<AttachmentOwnerType, OwnerIsPublic>();

/**
 * Each section says once when its owners' files are public; the download route asks it for every
 * public request. An owner type nobody registered is never public (staff still download).
 */
export const attachmentOwners = {
  register(type: AttachmentOwnerType, isPublic: OwnerIsPublic): void {
    checks.set(type, isPublic);
  },
  async isPublic(prisma: PrismaClient, type: string, ownerId: number): Promise<boolean> {
    const check = checks.get(type as AttachmentOwnerType);
    return check ? check(prisma, ownerId) : false;
  },
};
