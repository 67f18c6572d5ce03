import { z } from "zod";
import { ONLINE_LEVELS, PROCEDURE_LEVELS, PROCEDURE_STATUSES } from "../../services/procedures.js";
import { optionalId, optionalText, requiredText } from "./common.schema.js";

export const CODE_MAX = 60;
export const NAME_MAX = 500;
/** Characters of HTML the papers or the steps may hold. */
export const PROCEDURE_HTML_MAX = 60_000;
export const MAX_LEGAL_BASIS = 40;
/** Forms (biểu mẫu) one save may upload. */
export const MAX_FORMS = 10;
const INT_MAX = 2_147_483_647;

// Codes of the national procedure database: "1.001234.000.00.00.H12", "2.002156", "BNV-123".
// Loose, but no spaces, no Vietnamese letters and no separator at either end or twice in a row.
const CODE_FORMAT = /^[A-Z0-9]+(?:[.-][A-Z0-9]+)*$/;
const CODE_MESSAGE = "Mã thủ tục chỉ gồm chữ cái không dấu, chữ số, dấu chấm và gạch nối, ví dụ: 1.001234.000.00.00.H12.";

const ONLINE_URL_MESSAGE =
  "Địa chỉ dịch vụ công trực tuyến phải là một địa chỉ https:// đầy đủ, ví dụ: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001234.";

/** An https address of a real host, without credentials: what a button on a state site may open. */
export function isHttpsUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

const html = (label: string) =>
  z
    .string({ error: `${label} không hợp lệ.` })
    .default("")
    .transform((s) => s.normalize("NFC"))
    .pipe(z.string().max(PROCEDURE_HTML_MAX, `${label} dài tối đa ${PROCEDURE_HTML_MAX.toLocaleString("vi-VN")} ký tự (kể cả mã HTML).`));

const idList = (message: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(INT_MAX, { error: message }))
      .max(MAX_LEGAL_BASIS, `Mỗi thủ tục tối đa ${MAX_LEGAL_BASIS} văn bản căn cứ pháp lý.`)
      .transform((ids) => [...new Set(ids)]),
  );

export const ProcedureBody = z
  .object({
    code: z
      .string({ error: "Vui lòng nhập mã thủ tục." })
      .transform((s) => s.normalize("NFC").trim().toUpperCase())
      .pipe(z.string().min(1, "Vui lòng nhập mã thủ tục.").max(CODE_MAX, `Mã thủ tục dài tối đa ${CODE_MAX} ký tự.`).regex(CODE_FORMAT, CODE_MESSAGE)),
    name: requiredText("tên thủ tục", NAME_MAX),
    fieldId: optionalId("Lĩnh vực không hợp lệ; hãy chọn trong danh sách."),
    level: z.enum(PROCEDURE_LEVELS, { error: "Vui lòng chọn cấp thực hiện: cấp trung ương, cấp tỉnh hoặc cấp xã." }),
    processingTime: optionalText("thời hạn giải quyết", 500),
    fee: optionalText("phí, lệ phí", 500),
    place: optionalText("nơi tiếp nhận", 1000),
    requirements: html("Thành phần hồ sơ"),
    steps: html("Trình tự thực hiện"),
    legalBasisIds: idList("Văn bản căn cứ pháp lý không hợp lệ; hãy chọn trong danh sách."),
    onlineUrl: optionalText("địa chỉ dịch vụ công trực tuyến", 500),
    onlineLevel: z.enum(ONLINE_LEVELS, { error: "Mức dịch vụ công trực tuyến phải là toàn trình, một phần hoặc không có." }).default("none"),
    status: z.enum(PROCEDURE_STATUSES, { error: "Trạng thái phải là nháp hoặc công bố." }).default("draft"),
  })
  .superRefine((body, ctx) => {
    if (body.onlineUrl === "" && body.onlineLevel !== "none") {
      ctx.addIssue({
        code: "custom",
        path: ["onlineUrl"],
        message: "Vui lòng nhập địa chỉ dịch vụ công trực tuyến (https://…) khi thủ tục có dịch vụ công trực tuyến toàn trình hoặc một phần.",
      });
    } else if (body.onlineUrl !== "" && !isHttpsUrl(body.onlineUrl)) {
      ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: ONLINE_URL_MESSAGE });
    }
  });
export type ProcedureBody = z.infer<typeof ProcedureBody>;

/**
 * Without JavaScript a checkbox list cannot be reordered, so each document has a "position" box
 * (`legalBasisPosition-<id>`); ticked documents are sorted by it, unnumbered ones keep their order
 * after. JSON clients simply send legalBasisIds in order.
 */
export function orderLegalBasisIds(body: Record<string, unknown>): Record<string, unknown> {
  const raw = body["legalBasisIds"];
  if (raw === undefined || raw === "") return body;
  const ids = (Array.isArray(raw) ? raw : [raw]).map(String);
  const position = (id: string) => {
    const typed = String(body[`legalBasisPosition-${id}`] ?? "").trim();
    const value = Number(typed);
    return typed !== "" && Number.isFinite(value) ? value : Infinity;
  };
  const ordered = ids.map((id, index) => ({ id, index, pos: position(id) })).sort((a, b) => a.pos - b.pos || a.index - b.index);
  return { ...body, legalBasisIds: ordered.map((o) => o.id) };
}

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const filterId = z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(INT_MAX).optional());

export const ProcedureListQuery = z.object({
  status: z.preprocess(emptyToUndefined, z.enum([...PROCEDURE_STATUSES, "trash"]).optional()),
  fieldId: filterId,
  level: z.preprocess(emptyToUndefined, z.enum(PROCEDURE_LEVELS).optional()),
  q: z.preprocess(emptyToUndefined, z.string().trim().normalize("NFC").max(200).optional()),
  trang: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
});
export type ProcedureListQuery = z.infer<typeof ProcedureListQuery>;

export const FileParams = z.object({
  id: z.coerce.number().int().positive().max(INT_MAX),
  fileId: z.coerce.number().int().positive().max(INT_MAX),
});
