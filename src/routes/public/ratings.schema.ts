import { z } from "zod";
import { RATING_COMMENT_MAX } from "../../services/ratings.js";

const PATH_MESSAGE = "Trang được đánh giá không hợp lệ.";
const SCORE_MESSAGE = "Vui lòng chọn một mức từ 1 đến 5.";

/** The page rated: a site path (no host, query or fragment), as the rating form carries it. */
export const RatedPath = z
  .string({ error: PATH_MESSAGE })
  .trim()
  .max(300, PATH_MESSAGE)
  .regex(/^\/[a-z0-9/-]*$/, PATH_MESSAGE);

export const RatingQuery = z.object({
  path: RatedPath,
  // The form alone, for the page's script to put in place (no layout).
  khung: z.literal("1").optional(),
});

export const RatingBody = z.object({
  path: RatedPath,
  // A form sends "4"; a script may send 4.
  score: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : v),
    z.string({ error: SCORE_MESSAGE }).trim().regex(/^[1-5]$/, SCORE_MESSAGE).transform(Number),
  ),
  comment: z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(RATING_COMMENT_MAX, `Ý kiến không được quá ${RATING_COMMENT_MAX} ký tự.`)),
});

export type RatingBody = z.infer<typeof RatingBody>;
