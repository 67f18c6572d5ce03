import type { Db, PrismaClient } from "../db.js";
import { notFound } from "../errors.js";
import { addAttachmentRows, attachmentOwners, listAttachments, removeAttachmentRows, type AttachmentView, type CheckedAttachment } from "./attachments.js";
import { recordAudit } from "./audit.js";
import type { FileStore } from "./file-store.js";
import { findProcedure, type ProcedureActor } from "./procedures-admin.js";
import { assertCanEditProcedure, assertProcedureNotTrashed, publicProcedureWhere } from "./procedures.js";

// The forms a procedure offers for download (biểu mẫu, tờ khai) are attachments owned by it
// (services/attachments.ts): checked by their bytes, stored under random names, listed in order.

/** The forms of a public procedure may be downloaded by anyone; a draft's or a trashed one's only by staff. */
export function registerProcedureForms(): void {
  attachmentOwners.register("procedure", async (prisma, id) => (await prisma.procedure.count({ where: { ...publicProcedureWhere, id } })) > 0);
}

export async function procedureForms(db: Db | PrismaClient, procedureId: number): Promise<AttachmentView[]> {
  return (await listAttachments(db as Db, "procedure", [procedureId])).get(procedureId) ?? [];
}

/** For createProcedure / updateProcedure: the rows of the files already stored, in the save's transaction. */
export const addProcedureForms = (files: readonly CheckedAttachment[], uploadedById: number) => async (tx: Db, id: number) => {
  await addAttachmentRows(tx, { type: "procedure", id }, files, uploadedById);
};

/** One form taken off a procedure: its row and the audit entry together, then its file from the store. */
export async function removeProcedureForm(prisma: PrismaClient, store: FileStore, actor: ProcedureActor, procedureId: number, fileId: number) {
  const keys = await prisma.$transaction(async (tx) => {
    const procedure = await findProcedure(tx, procedureId);
    assertCanEditProcedure(actor.user, procedure);
    assertProcedureNotTrashed(procedure);
    const file = await tx.attachment.findFirst({ where: { id: fileId, ownerType: "procedure", ownerId: procedureId }, select: { originalName: true } });
    if (!file) throw notFound("Không tìm thấy biểu mẫu này trong thủ tục.");
    const removed = await removeAttachmentRows(tx, { ids: [fileId] });
    await recordAudit(tx, {
      userId: actor.user.id,
      action: "procedure.form_delete",
      target: `thủ tục #${procedureId}`,
      detail: `${procedure.name}: ${file.originalName}`,
      ip: actor.ip,
    });
    return removed;
  });
  await store.delete(...keys);
}
