import { z } from "zod";
import { parseLocalInput } from "../../lib/vi-time.js";
import { ARTICLE_STATUSES } from "../../services/article-access.js";

/** The list's status filter: the three statuses, plus published-in-the-future and the trash. */
const LIST_VIEWS = [...ARTICLE_STATUSES, "scheduled", "trash"] as const;

export const TITLE_MAX = 250;
/** Characters of HTML an article body may hold. */
export const ARTICLE_BODY_MAX = 150_000;
const MAX_PHOTOS = 30;
const PHOTO_NUMBERS = /^[\d\s,;]*$/;
const PHOTO_NUMBERS_MESSAGE = "Số ảnh chỉ gồm chữ số, cách nhau bằng dấu phẩy hoặc dấu cách, ví dụ: 12, 7.";

// Ids are 32-bit integers in the database; anything larger is simply not an id we have.
const INT_MAX = 2_147_483_647;
const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const optionalId = (message: string) =>
  z.preprocess(emptyToUndefined, z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(INT_MAX, { error: message }).optional());

// HTML checkboxes send "on" when ticked and nothing otherwise; JSON clients send booleans.
const checkbox = z
  .union([z.boolean(), z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.length > 0 : v === true || v === "on" || v === "1" || v === "true"));

const text = (max: number, message: string) => z.string().trim().normalize("NFC").max(max, message).default("");

export const ArticleBody = z.object({
  title: z
    .string({ error: "Vui lòng nhập tiêu đề." })
    .trim()
    .normalize("NFC")
    .min(1, "Vui lòng nhập tiêu đề.")
    .max(TITLE_MAX, `Tiêu đề dài tối đa ${TITLE_MAX} ký tự.`),
  slug: z.preprocess(emptyToUndefined, z.string().trim().normalize("NFC").max(200, "Đường dẫn quá dài.").optional()),
  summary: text(1000, "Tóm tắt dài tối đa 1000 ký tự."),
  body: z.string().normalize("NFC").max(ARTICLE_BODY_MAX, `Nội dung dài tối đa ${ARTICLE_BODY_MAX.toLocaleString("vi-VN")} ký tự (kể cả mã HTML); hãy chia thành nhiều bài.`).default(""),
  categoryId: z.coerce
    .number({ error: "Vui lòng chọn chuyên mục." })
    .int({ error: "Vui lòng chọn chuyên mục." })
    .positive({ error: "Vui lòng chọn chuyên mục." })
    .max(INT_MAX, { error: "Chuyên mục đã chọn không tồn tại." }),
  departmentId: optionalId("Đơn vị không hợp lệ."),
  authorId: optionalId("Tác giả không hợp lệ."),
  status: z.enum(ARTICLE_STATUSES, { error: "Trạng thái phải là nháp, chờ duyệt hoặc đã đăng." }).default("draft"),
  publishedAt: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: "Thời điểm đăng không hợp lệ." })
      .transform((value, ctx) => {
        const date = parseLocalInput(value.trim());
        if (!date) {
          ctx.addIssue({ code: "custom", message: "Thời điểm đăng phải có dạng ngày giờ hợp lệ (năm-tháng-ngàyTgiờ:phút)." });
          return z.NEVER;
        }
        return date;
      })
      .optional(),
  ),
  featured: checkbox,
  ticker: checkbox,
  // On updates, the version the form was opened at (product.md); the service requires it there.
  version: optionalId("Phiên bản bài viết không hợp lệ; hãy tải lại trang sửa bài."),
  photoIds: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.coerce.number({ error: "Ảnh không hợp lệ." }).int({ error: "Ảnh không hợp lệ." }).positive({ error: "Ảnh không hợp lệ." }).max(INT_MAX, { error: "Ảnh không hợp lệ." }))
      .max(MAX_PHOTOS, `Mỗi bài tối đa ${MAX_PHOTOS} ảnh.`)
      .transform((ids) => [...new Set(ids)]),
  ),
  // Without JavaScript, photos found on /admin/media are added by their numbers (orderPhotoIds).
  photoNumbers: z.string({ error: PHOTO_NUMBERS_MESSAGE }).regex(PHOTO_NUMBERS, PHOTO_NUMBERS_MESSAGE).optional(),
});

/**
 * Without JavaScript the form cannot reorder checkboxes, so each photo has a "position" box
 * (`photoPosition-<id>`); ticked photos are sorted by it, unnumbered ones keep their order after.
 * Photos typed by number (`photoNumbers`, "12, 7") come after the ticked ones, in that order.
 * JSON clients simply send photoIds in order.
 */
export function orderPhotoIds(body: Record<string, unknown>): Record<string, unknown> {
  const raw = body["photoIds"];
  const typed = typeof body["photoNumbers"] === "string" && PHOTO_NUMBERS.test(body["photoNumbers"]) ? (body["photoNumbers"].match(/\d+/g) ?? []) : [];
  if (raw === undefined && !typed.length) return body;
  const ticked = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map(String);
  const ids = [...ticked, ...typed.filter((id) => !ticked.includes(id))];
  const position = (id: string) => {
    const value = Number(body[`photoPosition-${id}`]);
    return Number.isFinite(value) && String(body[`photoPosition-${id}`] ?? "").trim() !== "" ? value : Infinity;
  };
  const ordered = ids.map((id, index) => ({ id, index, pos: position(id) })).sort((a, b) => a.pos - b.pos || a.index - b.index);
  return { ...body, photoIds: ordered.map((o) => o.id) };
}


export const ListQuery = z.object({
  status: z.preprocess(emptyToUndefined, z.enum(LIST_VIEWS).optional()),
  categoryId: optionalId("Chuyên mục không hợp lệ."),
  authorId: optionalId("Tác giả không hợp lệ."),
  q: z.preprocess(emptyToUndefined, z.string().trim().normalize("NFC").max(200).optional()),
  trang: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
});
