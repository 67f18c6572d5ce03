import { z } from "zod";
import { VALIDITIES } from "../../services/document-validity.js";
import { ADMIN_VIEWS } from "../../services/documents-admin-list.js";
import { DOCUMENT_STATUSES } from "../../services/documents.js";
import { parseDay } from "../public/search.schema.js";
import { optionalId, optionalText, requiredText } from "./common.schema.js";

export const NUMBER_MAX = 100;
export const TITLE_MAX = 1000;
/** Characters of HTML a document's body may hold (the multipart field limit is 1 MB). */
export const DOCUMENT_BODY_MAX = 500_000;
const MAX_LINKS = 50;
const INT_MAX = 2_147_483_647;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** A select that must be chosen: an id (a JSON client may send a number). */
const requiredId = (message: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(INT_MAX, { error: message }));

/** A calendar day: "yyyy-MM-dd" (the contract, what <input type=date> sends), or "dd/MM/yyyy" typed by hand. */
const day = (label: string) =>
  z.string({ error: `Vui lòng nhập ${label}.` }).transform((value, ctx) => {
    const key = parseDay(value);
    if (key) return key;
    ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} phải là một ngày có thật, dạng năm-tháng-ngày, ví dụ 2024-05-12.` });
    return z.NEVER;
  });
const requiredDay = (label: string) => z.preprocess(blankToUndefined, day(label));
const optionalDay = (label: string) => z.preprocess(blankToUndefined, day(label).optional()).transform((v) => v ?? null);

/** Repeatable ids (`relatedIds=3&relatedIds=5`, or a JSON array), distinct, in the order given. */
const idList = (label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
    z
      .array(z.coerce.number({ error: `${label}: mã văn bản không hợp lệ.` }).int({ error: `${label}: mã văn bản không hợp lệ.` }).positive({ error: `${label}: mã văn bản không hợp lệ.` }).max(INT_MAX, { error: `${label}: mã văn bản không hợp lệ.` }))
      .max(MAX_LINKS, `${label}: tối đa ${MAX_LINKS} văn bản.`)
      .transform((ids) => [...new Set(ids)]),
  );

/** POST /admin/documents and /admin/documents/:id, the fields of product.md (plus replacesIds, amendsIds). */
export const DocumentBody = z.object({
  number: requiredText("số ký hiệu", NUMBER_MAX),
  title: requiredText("trích yếu", TITLE_MAX),
  typeId: requiredId("Vui lòng chọn loại văn bản."),
  issuerId: requiredId("Vui lòng chọn cơ quan ban hành."),
  fieldId: optionalId("Lĩnh vực đã chọn không hợp lệ."),
  signer: optionalText("người ký", 200),
  issuedOn: requiredDay("ngày ban hành"),
  effectiveOn: optionalDay("ngày có hiệu lực"),
  expiresOn: optionalDay("ngày hết hiệu lực"),
  validity: z.preprocess(
    blankToUndefined,
    z.enum(VALIDITIES, { error: "Tình trạng hiệu lực chỉ có thể để trống (tự tính) hoặc là con, het, chua." }).optional(),
  ).transform((v) => v ?? null),
  body: z
    .string({ error: "Nội dung không hợp lệ." })
    .normalize("NFC")
    .max(DOCUMENT_BODY_MAX, `Nội dung dài tối đa ${DOCUMENT_BODY_MAX.toLocaleString("vi-VN")} ký tự (kể cả mã HTML).`)
    .default(""),
  status: z.preprocess(blankToUndefined, z.enum(DOCUMENT_STATUSES, { error: "Trạng thái chỉ có thể là nháp (draft) hoặc đã đăng (published)." }).default("draft")),
  relatedIds: idList("Văn bản liên quan"),
  replacesIds: idList("Văn bản bị thay thế"),
  amendsIds: idList("Văn bản được sửa đổi, bổ sung"),
});

export const DocumentListQuery = z.object({
  status: z.preprocess(blankToUndefined, z.enum(ADMIN_VIEWS).optional()),
  typeId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(INT_MAX).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().normalize("NFC").max(200).optional()),
  trang: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
});

export const AttachmentParams = z.object({
  id: z.coerce.number().int().positive().max(INT_MAX),
  attachmentId: z.coerce.number().int().positive().max(INT_MAX),
});
