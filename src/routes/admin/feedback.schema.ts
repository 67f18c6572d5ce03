import { z } from "zod";
import { FEEDBACK_STATUSES } from "../../services/feedback.js";

export const FeedbackQuery = z.object({
  status: z.union([z.enum(FEEDBACK_STATUSES), z.literal("")]).optional().transform((s) => s || undefined),
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const FeedbackStatusBody = z.object({
  status: z.enum(FEEDBACK_STATUSES, { error: "Trạng thái phải là Mới, Đã trả lời hoặc Đã đóng." }),
});
