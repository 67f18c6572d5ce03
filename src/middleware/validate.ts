import type { z } from "zod";
import { HttpError, invalid } from "../errors.js";

/** Query strings and route params: a bad value is the client's mistake, a 400 page. */
export function parseQuery<S extends z.ZodType>(schema: S, value: unknown, message = "Tham số không hợp lệ."): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, message);
  return result.data;
}

export type FormCheck<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** A form body checked: the data, or the first message for each field that has a problem. */
export function checkForm<S extends z.ZodType>(schema: S, value: unknown): FormCheck<z.infer<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "_")] ??= issue.message;
  return { ok: false, errors };
}

/** Form bodies: every problem becomes a message beside its field (422, the form shown again). */
export function parseForm<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const checked = checkForm(schema, value);
  if (!checked.ok) throw invalid(checked.errors);
  return checked.data;
}
