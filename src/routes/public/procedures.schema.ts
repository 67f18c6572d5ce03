import { z } from "zod";

// A list page never fails on its query string: anything odd falls back to a default, and an unknown
// field or level is said beside its filter on a normal page.
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = z.preprocess(first, z.string()).catch("");

export const ProcedureQuery = z.object({
  q: text,
  "linh-vuc": text,
  cap: text,
  trang: z.preprocess(first, z.coerce.number().int().min(1).max(10_000)).catch(1),
});
export type ProcedureQuery = z.infer<typeof ProcedureQuery>;
