import { z } from "zod";

/** GET /tep/:id/:name: only the id counts; the name is for people reading the address. */
export const AttachmentParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});
