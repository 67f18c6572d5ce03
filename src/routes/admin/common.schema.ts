import { z } from "zod";

const capitalize = (label: string) => `${label[0]!.toUpperCase()}${label.slice(1)}`;

/** A required text field: NFC, trimmed, with Vietnamese messages naming the field. */
export const requiredText = (label: string, max: number, min = 1) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, `Vui lòng nhập ${label}.`)
        .min(min, `${capitalize(label)} cần ít nhất ${min} ký tự.`)
        .max(max, `${capitalize(label)} không được quá ${max} ký tự.`),
    );

/** An optional text field: absent or blank becomes "". */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max, `${capitalize(label)} không được quá ${max} ký tự.`));

export const emailField = (label = "thư điện tử") =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .toLowerCase()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(200, `${capitalize(label)} quá dài.`)
    .pipe(z.email(`${capitalize(label)} không đúng định dạng, ví dụ: ten@cantho.gov.vn.`));

/** Phone numbers as people write them: digits with spaces, dots, dashes, brackets or a leading +. */
export const phoneField = (label: string) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(30, `${capitalize(label)} không được quá 30 ký tự.`)
    .regex(/^\+?[0-9 .()-]+$/, `${capitalize(label)} chỉ gồm chữ số, dấu cách, dấu chấm, gạch nối hoặc ngoặc, ví dụ: 0931.015.119.`)
    .refine((s) => s.replace(/\D/g, "").length >= 6, `${capitalize(label)} cần ít nhất 6 chữ số.`);

/** A password as typed: kept exactly (no trimming); the policy is checked by the service. */
export const passwordField = (label = "mật khẩu") =>
  z.string({ error: `Vui lòng nhập ${label}.` }).min(1, `Vui lòng nhập ${label}.`).max(200, `${capitalize(label)} không được quá 200 ký tự.`);

/** A select's value: blank means none; a JSON client may send a number. */
export const optionalId = (message: string) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return null;
      const id = Number(value);
      if (Number.isInteger(id) && id > 0) return id;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    });

export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const PageQuery = z.object({ trang: z.coerce.number().int().min(1).max(100_000).default(1) });
