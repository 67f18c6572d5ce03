import type { Request, Response } from "express";
import type { PrismaClient } from "../../db.js";
import { isEditor } from "../../services/article-access.js";
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES_TEXT, type AttachmentView } from "../../services/attachments.js";
import { LINK_FIELDS } from "../../services/document-links.js";
import { VALIDITIES, VALIDITY_LABELS } from "../../services/document-validity.js";
import type { DocumentActor } from "../../services/documents-admin.js";
import { documentFormChoices, type DocumentFormValues } from "../../services/documents-admin-list.js";
import { megabytes } from "../../services/media.js";
import type { CurrentUser } from "../../services/users.js";
import { NUMBER_MAX, TITLE_MAX } from "./documents.schema.js";

// The body is edited with the same editor as articles; its files come from our own origin.
const EDITOR_STYLES = ["/assets/vendor/quill/quill.snow.css"];
const EDITOR_SCRIPTS = ["/assets/vendor/quill/quill.js", "/assets/js/editor.js"];
/** Files one save may carry. */
export const MAX_DOCUMENT_FILES = 10;

export const currentUser = (res: Response) => res.locals["user"] as CurrentUser;
export const documentActor = (req: Request, res: Response): DocumentActor => ({ user: currentUser(res), ip: req.ip ?? "" });

export const EMPTY_VALUES: DocumentFormValues = {
  number: "",
  title: "",
  typeId: "",
  issuerId: "",
  fieldId: "",
  signer: "",
  issuedOn: "",
  effectiveOn: "",
  expiresOn: "",
  validity: "",
  body: "",
  status: "draft",
  relatedIds: [],
  replacesIds: [],
  amendsIds: [],
};

const asText = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");
const asIds = (value: unknown) =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(Number).filter((n) => Number.isInteger(n) && n > 0);

/** What the person typed, to show the form again after a refusal. */
export function valuesFromBody(body: Record<string, unknown>): DocumentFormValues {
  const text = Object.fromEntries(
    (["number", "title", "typeId", "issuerId", "fieldId", "signer", "issuedOn", "effectiveOn", "expiresOn", "validity", "body", "status"] as const).map(
      (k) => [k, asText(body[k])],
    ),
  ) as Omit<DocumentFormValues, "relatedIds" | "replacesIds" | "amendsIds">;
  return { ...text, relatedIds: asIds(body["relatedIds"]), replacesIds: asIds(body["replacesIds"]), amendsIds: asIds(body["amendsIds"]) };
}

export interface DocumentFormView {
  /** The document being edited; absent for a new one. */
  doc?: { id: number; statusLabel: string; validityLabel: string; publicUrl: string | null; attachments: AttachmentView[] };
  values: DocumentFormValues;
  errors: Record<string, string>;
}

export async function renderDocumentForm(res: Response, prisma: PrismaClient, maxBytes: number, view: DocumentFormView): Promise<void> {
  const user = currentUser(res);
  const choices = await documentFormChoices(prisma, view.doc?.id ?? null);
  // An author saves drafts; publishing is the editors' choice.
  const statuses = (isEditor(user) ? (["draft", "published"] as const) : (["draft"] as const)).map((s) => ({
    value: s,
    label: s === "published" ? "Đăng lên trang" : "Lưu nháp",
  }));
  res.locals["adminStyles"] = EDITOR_STYLES;
  res.locals["adminScripts"] = EDITOR_SCRIPTS;
  res.render("admin/documents/form", {
    pageTitle: view.doc ? "Sửa văn bản" : "Thêm văn bản",
    numberMax: NUMBER_MAX,
    titleMax: TITLE_MAX,
    statuses,
    validities: VALIDITIES.map((v) => ({ value: v, label: VALIDITY_LABELS[v] })),
    linkFields: LINK_FIELDS,
    accept: ATTACHMENT_ACCEPT,
    fileLimits: { types: ATTACHMENT_TYPES_TEXT, size: megabytes(maxBytes), count: MAX_DOCUMENT_FILES },
    ...choices,
    ...view,
  });
}
