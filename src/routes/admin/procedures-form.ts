import type { Request, Response } from "express";
import type { AppContext } from "../../app.js";
import { isEditor } from "../../services/article-access.js";
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES_TEXT, sizeLabel, type AttachmentView } from "../../services/attachments.js";
import { procedureFormChoices, type ProcedureFormValues } from "../../services/procedures-admin-list.js";
import type { ProcedureActor } from "../../services/procedures-admin.js";
import { LEVEL_LABELS, ONLINE_LONG_LABELS, PROCEDURE_LEVELS, ONLINE_LEVELS } from "../../services/procedures.js";
import type { CurrentUser } from "../../services/users.js";
import { CODE_MAX, MAX_FORMS, NAME_MAX, orderLegalBasisIds } from "./procedures.schema.js";

export const currentUser = (res: Response) => res.locals["user"] as CurrentUser;
export const actorOf = (req: Request, res: Response): ProcedureActor => ({ user: currentUser(res), ip: req.ip ?? "" });

export const EMPTY_VALUES: ProcedureFormValues = {
  code: "",
  name: "",
  fieldId: "",
  level: "tinh",
  processingTime: "",
  fee: "",
  place: "",
  requirements: "",
  steps: "",
  legalBasisIds: [],
  onlineUrl: "",
  onlineLevel: "none",
  status: "draft",
};

const TEXT_FIELDS = ["code", "name", "fieldId", "level", "processingTime", "fee", "place", "requirements", "steps", "onlineUrl", "onlineLevel", "status"] as const;
const asText = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");

/** What the person typed, to show the form again after a refusal. */
export function valuesFromBody(body: Record<string, unknown>): ProcedureFormValues {
  const ordered = orderLegalBasisIds(body)["legalBasisIds"];
  const legalBasisIds = (Array.isArray(ordered) ? ordered : ordered === undefined || ordered === "" ? [] : [ordered])
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const text = Object.fromEntries(TEXT_FIELDS.map((k) => [k, asText(body[k])])) as Omit<ProcedureFormValues, "legalBasisIds">;
  return { ...text, legalBasisIds };
}

export interface ProcedureFormView {
  /** The procedure being edited; absent for a new one. */
  procedure?: { id: number; statusLabel: string; status: string; publicUrl: string | null };
  values: ProcedureFormValues;
  errors: Record<string, string>;
  /** Its forms already stored. */
  forms?: AttachmentView[];
  /** After a refusal of a form that carried files: they were not kept and must be chosen again. */
  filesDropped?: boolean;
}

export async function renderProcedureForm(ctx: AppContext, res: Response, view: ProcedureFormView): Promise<void> {
  const user = currentUser(res);
  const choices = await procedureFormChoices(ctx.prisma, view.values.legalBasisIds);
  // An author saves drafts; publishing is the editors' choice.
  const statuses = (isEditor(user) ? (["draft", "published"] as const) : (["draft"] as const)).map((value) => ({
    value,
    label: value === "published" ? "Công bố trên trang" : "Lưu nháp",
  }));
  res.locals["adminStyles"] = ["/assets/css/procedures.css"];
  res.render("admin/procedures/form", {
    pageTitle: view.procedure ? "Sửa thủ tục hành chính" : "Thêm thủ tục hành chính",
    statuses,
    levels: PROCEDURE_LEVELS.map((value) => ({ value, label: LEVEL_LABELS[value] })),
    onlineLevels: ONLINE_LEVELS.map((value) => ({ value, label: ONLINE_LONG_LABELS[value] })),
    codeMax: CODE_MAX,
    nameMax: NAME_MAX,
    fileLimits: { accept: ATTACHMENT_ACCEPT, types: ATTACHMENT_TYPES_TEXT, size: sizeLabel(ctx.config.attachmentMaxBytes), count: MAX_FORMS },
    forms: [],
    filesDropped: false,
    ...choices,
    ...view,
  });
}
