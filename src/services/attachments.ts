/**
 * Attachments (tệp đính kèm): PDF, DOC, DOCX, XLS, XLSX, ODT and ODS files of legal documents,
 * procedures, questions and answers. One pipeline beside photos, in front of the one file store.
 *
 * How a section uses it (POST /admin/documents as the example):
 *
 *   // the route: multipart parsed to temporary files, CSRF checked after parsing
 *   const upload = attachmentUpload(ctx.config, { field: "files", maxCount: 10 }); // middleware/attachment-upload.ts
 *   router.post("/documents", ...ctx.csrf.multipart("/admin/documents", upload), handler);
 *
 *   // the handler / service, before any write: every file checked by its bytes (422 or 413, nothing kept)
 *   const files = await checkAttachments(uploadedAttachments(req), { maxBytes: ctx.config.attachmentMaxBytes, field: "files" });
 *   const fileText = await pdfTextOf(files);                // folded, capped text of the PDFs ("" if none)
 *   const doc = await withStoredFiles(ctx.files, files, () =>  // bytes stored first, removed again if the action throws
 *     prisma.$transaction(async (tx) => {
 *       const row = await tx.legalDocument.create({ data: { ..., fileText } });
 *       await addAttachmentRows(tx, { type: "document", id: row.id }, files, user.id);
 *       await recordAudit(tx, ...);
 *       return row;
 *     }));
 *   // outside a transaction, for an owner that already exists: storeAttachments(prisma, ctx.files, owner, files, user.id)
 *
 *   // reading: views for a page, keyed by owner id, in their order; the partial views/partials/attachments.ejs shows them
 *   const byOwner = await listAttachments(prisma, "document", [doc.id]);  // Map<ownerId, AttachmentView[]>
 *   <%- include("../partials/attachments", { attachments: byOwner.get(doc.id) ?? [] }) %>
 *
 *   // removing: rows in the caller's transaction, the files after it commits
 *   const keys = await removeAttachmentRows(tx, { ids: [3, 4] });   // or { owner: { type: "document", id } }
 *   await ctx.files.delete(...keys);                                // or deleteAttachments(prisma, ctx.files, selector) in one go
 *
 *   // who may download (GET /tep/:id/:name): each section says when its owner is public, once, at start
 *   attachmentOwners.register("document", async (prisma, id) => isPublished(id));
 *   // staff signed in download any attachment (the public URL sends them to /admin/tep/:id/:name).
 *
 * The sequence matters on SQLite: the file store may write through the root client (FILE_STORE=
 * database), which waits for an open transaction, so files are never stored from inside one.
 */
import type { Db, PrismaClient } from "../db.js";
import type { FileStore } from "./file-store.js";
import type { CheckedAttachment } from "./attachments-check.js";
import { attachmentView, type AttachmentView } from "./attachments-view.js";

export {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_TYPES_TEXT,
  checkAttachment,
  checkAttachments,
  cleanAttachmentName,
  type AttachmentExtension,
  type CheckedAttachment,
  type CheckOptions,
  type UploadedAttachment,
} from "./attachments-check.js";
export { attachmentOwners, type AttachmentOwnerType } from "./attachments-owners.js";
export { extractPdfText, pdfTextOf } from "./attachments-pdf-text.js";
export { attachmentUrl, sizeLabel, type AttachmentView } from "./attachments-view.js";

import type { AttachmentOwnerType } from "./attachments-owners.js";

export interface AttachmentOwner {
  type: AttachmentOwnerType;
  id: number;
}

export type AttachmentSelector = { ids: readonly number[] } | { owner: AttachmentOwner } | { ownerType: AttachmentOwnerType; ownerIds: readonly number[] };

/** Puts every file's bytes in the store, runs `action`, and removes the files again if anything throws. */
export async function withStoredFiles<T>(store: FileStore, files: readonly CheckedAttachment[], action: () => Promise<T>): Promise<T> {
  const stored: string[] = [];
  try {
    for (const file of files) {
      await store.put(file.key, file.input, file.contentType);
      stored.push(file.key);
    }
    return await action();
  } catch (error) {
    await store.delete(...stored, ...files.map((f) => f.key));
    throw error;
  }
}

/** The rows of files already stored (withStoredFiles), after the owner's existing ones; in the caller's transaction. */
export async function addAttachmentRows(db: Db, owner: AttachmentOwner, files: readonly CheckedAttachment[], uploadedById: number | null): Promise<number[]> {
  if (files.length === 0) return [];
  const last = await db.attachment.aggregate({ where: { ownerType: owner.type, ownerId: owner.id }, _max: { position: true } });
  const start = (last._max.position ?? -1) + 1;
  const ids: number[] = [];
  for (const [i, file] of files.entries()) {
    const row = await db.attachment.create({
      data: {
        fileKey: file.key,
        originalName: file.originalName,
        contentType: file.contentType,
        extension: file.extension,
        size: file.size,
        ownerType: owner.type,
        ownerId: owner.id,
        position: start + i,
        uploadedById,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

/** Stores the files and their rows for an owner that exists already, all or nothing; the new ids in order. */
export async function storeAttachments(
  prisma: PrismaClient,
  store: FileStore,
  owner: AttachmentOwner,
  files: readonly CheckedAttachment[],
  uploadedById: number | null,
): Promise<number[]> {
  return withStoredFiles(store, files, () => prisma.$transaction((tx) => addAttachmentRows(tx, owner, files, uploadedById)));
}

/** Each owner's attachments in their order, as views for the partial. */
export async function listAttachments(db: Db, ownerType: AttachmentOwnerType, ownerIds: readonly number[]): Promise<Map<number, AttachmentView[]>> {
  const byOwner = new Map<number, AttachmentView[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return byOwner;
  const rows = await db.attachment.findMany({
    where: { ownerType, ownerId: { in: [...ownerIds] } },
    orderBy: [{ ownerId: "asc" }, { position: "asc" }, { id: "asc" }],
  });
  for (const row of rows) byOwner.get(row.ownerId)?.push(attachmentView(row));
  return byOwner;
}

const whereOf = (selector: AttachmentSelector) =>
  "ids" in selector
    ? { id: { in: [...selector.ids] } }
    : "owner" in selector
      ? { ownerType: selector.owner.type, ownerId: selector.owner.id }
      : { ownerType: selector.ownerType, ownerId: { in: [...selector.ownerIds] } };

/** Removes the rows (in the caller's transaction) and returns their file keys, to delete from the store after commit. */
export async function removeAttachmentRows(db: Db, selector: AttachmentSelector): Promise<string[]> {
  const where = whereOf(selector);
  const rows = await db.attachment.findMany({ where, select: { fileKey: true } });
  if (rows.length) await db.attachment.deleteMany({ where });
  return rows.map((r) => r.fileKey);
}

/** Removes the rows, then their files; the number removed. Not for use inside a transaction (see removeAttachmentRows). */
export async function deleteAttachments(prisma: PrismaClient, store: FileStore, selector: AttachmentSelector): Promise<number> {
  const keys = await prisma.$transaction((tx) => removeAttachmentRows(tx, selector));
  await store.delete(...keys);
  return keys.length;
}

/** Puts an owner's attachments in the order of `ids` (ids of other owners are ignored; unnamed ones follow). */
export async function reorderAttachments(db: Db, owner: AttachmentOwner, ids: readonly number[]): Promise<void> {
  const rows = await db.attachment.findMany({
    where: { ownerType: owner.type, ownerId: owner.id },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  const rank = (id: number) => (ids.includes(id) ? ids.indexOf(id) : ids.length);
  const ordered = rows.map((r, i) => ({ id: r.id, i })).sort((a, b) => rank(a.id) - rank(b.id) || a.i - b.i);
  for (const [position, row] of ordered.entries()) {
    await db.attachment.update({ where: { id: row.id }, data: { position } });
  }
}
