import { z } from "zod";
import { BULK_ACTIONS, BULK_MAX } from "../../services/articles-bulk.js";

// Ids are 32-bit integers in the database; anything larger is simply not an id we have.
const INT_MAX = 2_147_483_647;
const ID_MESSAGE = "Danh sách bài đã chọn có mã bài viết không hợp lệ; hãy chọn lại trong danh sách.";
const CATEGORY_MESSAGE = "Vui lòng chọn chuyên mục cần chuyển bài đến.";

// A form sends one `ids` as a string and several as an array; a JSON client sends an array.
const asList = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);
const id = (message: string) => z.coerce.number<string | number>({ error: message }).int({ error: message }).positive({ error: message }).max(INT_MAX, { error: message });

/** POST /admin/articles/bulk: one action for up to BULK_MAX articles. */
export const BulkBody = z
  .object({
    action: z.enum(BULK_ACTIONS, { error: "Vui lòng chọn thao tác: xuất bản, chuyển về nháp, chuyển vào thùng rác hoặc chuyển chuyên mục." }),
    ids: z.preprocess(
      asList,
      z
        .array(z.union([z.string(), z.number()]).pipe(id(ID_MESSAGE)), { error: ID_MESSAGE })
        .min(1, "Vui lòng chọn ít nhất một bài viết.")
        .max(BULK_MAX, `Mỗi lần chỉ xử lý được tối đa ${BULK_MAX} bài viết; hãy chọn ít bài hơn.`)
        .transform((ids) => [...new Set(ids)]),
    ),
    categoryId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.union([z.string(), z.number()], { error: CATEGORY_MESSAGE }).pipe(id(CATEGORY_MESSAGE)).optional()),
  })
  .superRefine((body, ctx) => {
    if (body.action === "category" && body.categoryId === undefined) ctx.addIssue({ code: "custom", path: ["categoryId"], message: CATEGORY_MESSAGE });
  });
