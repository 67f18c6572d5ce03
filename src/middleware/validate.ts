import type { z } from "zod";
import { HttpError, invalid } from "../errors.js";

/** Query strings and route params: a bad value is the client's mistake, a 400 page. */
export function parseQuery<S extends z.ZodType>(schema: S, value: unknown, message = "Tham số không hợp lệ."): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, message);
  return result.data;
}

/** Form bodies: every problem becomes a message beside its field (422, the form shown again). */
export function parseForm<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "_");
      fields[key] ??= issue.message;
    }
    throw invalid(fields);
  }
  return result.data;
}
