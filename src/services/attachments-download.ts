import type { PrismaClient } from "../db.js";
import { attachmentOwners } from "./attachments-owners.js";
import type { FileStore, OpenedFile } from "./file-store.js";

export interface AttachmentDownload {
  file: OpenedFile;
  name: string;
  contentType: string;
}

export type DownloadAudience = "public" | "staff";

/**
 * The stored file of attachment `id` for this audience: "hidden" when it exists but its owner is
 * not public (a draft, an unpublished answer, a trashed document…), null when there is none.
 */
export async function findAttachmentDownload(
  prisma: PrismaClient,
  store: FileStore,
  id: number,
  audience: DownloadAudience,
): Promise<AttachmentDownload | "hidden" | null> {
  const row = await prisma.attachment.findUnique({ where: { id } });
  if (!row) return null;
  if (audience === "public" && !(await attachmentOwners.isPublic(prisma, row.ownerType, row.ownerId))) return "hidden";
  const file = await store.open(row.fileKey);
  return file ? { file, name: row.originalName, contentType: row.contentType } : null;
}
