import { z } from "zod";
import { emailField, optionalText, phoneField, requiredText } from "../admin/common.schema.js";

export const QUESTION_TITLE_MAX = 200;
export const QUESTION_TEXT_MAX = 5000;

/** POST /hoi-dap (product.md): the file travels beside these in the multipart body. */
export const AskBody = z.object({
  name: requiredText("họ và tên", 100, 2),
  email: emailField(),
  phone: phoneField("số điện thoại"),
  address: optionalText("địa chỉ", 300),
  title: requiredText("tiêu đề câu hỏi", QUESTION_TITLE_MAX, 5),
  question: requiredText("nội dung câu hỏi", QUESTION_TEXT_MAX, 20),
  // Honeypot: hidden from people, filled in by spam robots.
  website: z.string().max(500).default(""),
});

export type AskBody = z.infer<typeof AskBody>;

// A query value as the simple parser gives it: a string, or an array when repeated.
const firstString = (value: unknown) => (typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "");

/**
 * GET /hoi-dap/tra-cuu?ma=CODE. Any value is accepted here (cut to 64 characters): a malformed code
 * must come to the same "not found" as an unknown one, never to a 400 of its own.
 */
export const LookupQuery = z.object({
  ma: z.unknown().transform((v) => firstString(v).slice(0, 64).trim()),
});

/** GET /hoi-dap?q=…&trang=N */
export const QuestionListQuery = z.object({
  q: z.unknown().transform((v) => firstString(v).slice(0, 400)),
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
});
