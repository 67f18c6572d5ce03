import { z } from "zod";

export const SlugParams = z.object({
  slug: z.string().min(1).max(200).regex(/^[a-z0-9-]+$/),
});

export const PageQuery = z.object({
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
});

export type PageQuery = z.infer<typeof PageQuery>;

export const SitemapParams = z.object({
  n: z.string().regex(/^[1-9][0-9]{0,5}$/).transform(Number),
});
