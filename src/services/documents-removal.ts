import type { PrismaClient } from "../db.js";
import { conflict, notFound } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { pdfTextOf, removeAttachmentRows } from "./attachments.js";
import { recordAudit } from "./audit.js";
import { findDocument, type DocumentActor } from "./documents-admin.js";
import { assertCanEditDocument, assertDocumentNotTrashed, documentAuditTarget, numberKey } from "./documents.js";
import type { FileStore } from "./file-store.js";

// What takes things away from a document: one attached file, the document itself to the trash (and
// back), or for good. Each is one transaction with its audit entry; stored files go after it commits.

/** The text of the PDFs still attached, folded, as the list search reads it. */
async function pdfTextOfStored(prisma: PrismaClient, store: FileStore, id: number): Promise<string> {
  const rows = await prisma.attachment.findMany({ where: { ownerType: "document", ownerId: id, extension: "pdf" }, orderBy: { position: "asc" } });
  const files: { input: Buffer; extension: "pdf" }[] = [];
  for (const row of rows) {
    const bytes = await store.read(row.fileKey);
    if (bytes) files.push({ input: bytes, extension: "pdf" });
  }
  return pdfTextOf(files);
}

/** Removes one attached file; the search text of the PDFs left is read again. */
export async function removeDocumentAttachment(prisma: PrismaClient, store: FileStore, actor: DocumentActor, id: number, attachmentId: number) {
  const keys = await prisma.$transaction(async (tx) => {
    const doc = await findDocument(tx, id);
    assertCanEditDocument(actor.user, doc);
    assertDocumentNotTrashed(doc);
    const file = await tx.attachment.findFirst({ where: { id: attachmentId, ownerType: "document", ownerId: id } });
    if (!file) throw notFound("Văn bản này không có tệp đính kèm đó.");
    const removed = await removeAttachmentRows(tx, { ids: [attachmentId] });
    await recordAudit(tx, { userId: actor.user.id, action: "document.attachment_delete", target: documentAuditTarget(id), detail: file.originalName, ip: actor.ip });
    return removed;
  });
  await store.delete(...keys);
  const fileText = await pdfTextOfStored(prisma, store, id);
  await prisma.legalDocument.update({ where: { id }, data: { fileText } });
}

/** Out of public view at once (links to it are hidden too), kept until emptied from the trash. */
export async function trashDocument(prisma: PrismaClient, clock: Clock, actor: DocumentActor, id: number) {
  return prisma.$transaction(async (tx) => {
    const doc = await findDocument(tx, id);
    assertCanEditDocument(actor.user, doc);
    if (doc.deletedAt) return doc;
    const saved = await tx.legalDocument.update({ where: { id }, data: { deletedAt: clock() } });
    await recordAudit(tx, { userId: actor.user.id, action: "document.trash", target: documentAuditTarget(id), detail: doc.number, ip: actor.ip });
    return saved;
  });
}

/** Back as it was; refused (409) when another document outside the trash took its number meanwhile. */
export async function restoreDocument(prisma: PrismaClient, actor: DocumentActor, id: number) {
  return prisma.$transaction(async (tx) => {
    const doc = await findDocument(tx, id);
    assertCanEditDocument(actor.user, doc);
    if (!doc.deletedAt) return doc;
    const key = numberKey(doc.number);
    const others = await tx.legalDocument.findMany({ where: { deletedAt: null }, select: { number: true } });
    if (others.some((d) => numberKey(d.number) === key)) {
      throw conflict(`Không khôi phục được: số ký hiệu “${doc.number}” đã có trong một văn bản khác ngoài thùng rác.`);
    }
    const saved = await tx.legalDocument.update({ where: { id }, data: { deletedAt: null } });
    await recordAudit(tx, { userId: actor.user.id, action: "document.restore", target: documentAuditTarget(id), detail: doc.number, ip: actor.ip });
    return saved;
  });
}

/** Permanent, from the trash only, and not while a procedure cites it as its legal basis. */
export async function deleteDocument(prisma: PrismaClient, store: FileStore, actor: DocumentActor, id: number) {
  const keys = await prisma.$transaction(async (tx) => {
    const doc = await findDocument(tx, id);
    if (!doc.deletedAt) throw conflict("Chỉ xoá vĩnh viễn được văn bản đã nằm trong thùng rác.");
    const citing = await tx.procedureLegalBasis.count({ where: { documentId: id } });
    if (citing) throw conflict(`Không thể xoá vĩnh viễn: văn bản đang là căn cứ pháp lý của ${citing} thủ tục hành chính.`);
    const removed = await removeAttachmentRows(tx, { owner: { type: "document", id } });
    await tx.legalDocument.delete({ where: { id } });
    await recordAudit(tx, { userId: actor.user.id, action: "document.delete", target: documentAuditTarget(id), detail: doc.number, ip: actor.ip });
    return removed;
  });
  await store.delete(...keys);
}
