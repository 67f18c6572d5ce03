import { z } from "zod";
import { QUESTION_STATUSES } from "../../services/questions.js";
import { optionalText } from "./common.schema.js";

export const ANSWER_MAX = 100_000;

// HTML checkboxes send "on" when ticked and nothing otherwise; JSON clients send booleans.
const checkbox = z
  .union([z.boolean(), z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.length > 0 : v === true || v === "on" || v === "1" || v === "true"));

/** GET /admin/questions?status=…&trang=N ("trash": the trash). */
export const StaffQuestionQuery = z.object({
  status: z
    .union([z.enum([...QUESTION_STATUSES, "trash"]), z.literal("")])
    .optional()
    .transform((s) => s || undefined),
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** POST /admin/questions/:id (product.md); the answer's `file` travels beside these. */
export const AnswerBody = z.object({
  answer: z.string().max(ANSWER_MAX, `Câu trả lời không được quá ${ANSWER_MAX.toLocaleString("vi-VN")} ký tự.`).default(""),
  answeredBy: optionalText("người (đơn vị) trả lời", 200),
  status: z.enum(QUESTION_STATUSES, { error: "Trạng thái phải là Đã tiếp nhận, Đang xử lý, Đã trả lời hoặc Không thuộc thẩm quyền." }),
  forwardNote: optionalText("ghi chú chuyển", 2000),
  published: checkbox,
  // Not in product.md's list: lets staff take a wrong file off without sending another.
  removeFile: checkbox,
});

export type AnswerBody = z.infer<typeof AnswerBody>;
