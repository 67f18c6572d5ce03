import { z } from "zod";

const text = (min: number, max: number, label: string) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, `Vui lòng nhập ${label}.`)
        .min(min, `${label[0]!.toUpperCase()}${label.slice(1)} cần ít nhất ${min} ký tự.`)
        .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} không được quá ${max} ký tự.`),
    );

export const FeedbackBody = z.object({
  name: text(2, 100, "họ và tên"),
  email: z
    .string({ error: "Vui lòng nhập thư điện tử." })
    .trim()
    .min(1, "Vui lòng nhập thư điện tử.")
    .max(200, "Thư điện tử quá dài.")
    .pipe(z.email("Thư điện tử không đúng định dạng, ví dụ: ten@example.com.")),
  phone: z
    .string()
    .trim()
    .max(20, "Số điện thoại quá dài.")
    .regex(/^$|^[0-9 .()+-]{8,20}$/, "Số điện thoại chỉ gồm chữ số, ví dụ: 0931 015 119.")
    .default(""),
  subject: text(3, 200, "tiêu đề"),
  message: text(10, 5000, "nội dung"),
  // Honeypot: hidden from people, filled in by spam robots.
  website: z.string().max(500).default(""),
});

export type FeedbackBody = z.infer<typeof FeedbackBody>;
