import { z } from "zod";

// Ids are 32-bit integers in the database; anything larger is simply not an id we have.
const id = z.coerce.number().int().positive().max(2_147_483_647);

export const RevisionParams = z.object({ id, revId: id });

/** GET …/revisions/compare?from=A&to=B: two revision ids of the article. */
export const CompareQuery = z.object({ from: id, to: id });

/** POST …/revisions/:revId/restore: the version the page was opened at, as for the edit form. */
export const RestoreBody = z.object({
  version: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ error: "Phiên bản bài viết không hợp lệ." }).int({ error: "Phiên bản bài viết không hợp lệ." }).positive({ error: "Phiên bản bài viết không hợp lệ." }).max(2_147_483_647, { error: "Phiên bản bài viết không hợp lệ." }).optional(),
  ),
});
