import { z } from "zod";
import { parseLocalInput } from "../../lib/vi-time.js";
import { NOTICE_LEVELS } from "../../services/notices.js";

const moment = (label: string) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .transform((value, ctx) => {
      const date = parseLocalInput(value);
      if (date) return date;
      ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} không hợp lệ: nhập ngày giờ theo giờ Việt Nam, dạng 2026-12-20T22:00.` });
      return z.NEVER;
    });

const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "1" || v === "true");

export const NoticeBody = z.object({
  text: z
    .string({ error: "Vui lòng nhập nội dung thông báo." })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(1, "Vui lòng nhập nội dung thông báo.").max(500, "Nội dung thông báo không được quá 500 ký tự.")),
  level: z.enum(NOTICE_LEVELS, { error: "Mức độ phải là Thông báo, Lưu ý hoặc Khẩn." }),
  outage: checkbox,
  startsAt: moment("thời điểm bắt đầu"),
  endsAt: moment("thời điểm kết thúc"),
  acknowledgeShortNotice: checkbox,
});
