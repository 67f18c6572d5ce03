import { z } from "zod";

/** /danh-ba?q=…&trang=N: a long or odd query is cut by the search, never refused. */
export const DirectoryQuery = z.object({
  q: z.string().max(1000).default(""),
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
});
