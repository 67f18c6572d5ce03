import { z } from "zod";

const page = z.coerce.number().int().min(1).max(100_000).default(1);

export const RatingsQuery = z.object({
  theo: z.enum(["tuan", "thang"]).default("tuan"),
  trang: page,
});

export const CommentsQuery = z.object({
  trang: page,
  "duong-dan": z.string().max(300).regex(/^\/[a-z0-9/-]*$/).optional(),
});
