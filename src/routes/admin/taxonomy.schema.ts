import { z } from "zod";
import type { TaxonomyKind } from "../../services/taxonomy.js";
import { optionalText, requiredText } from "./common.schema.js";

/** A select's value: blank means none; a JSON client may send a number. */
const optionalId = (message: string) =>
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

const base = {
  name: requiredText("tên", 150),
  slug: optionalText("đường dẫn", 120),
};

/** One form per kind: the shared name and slug plus the kind's own field. */
export const TAXONOMY_BODIES = {
  category: z.object({ ...base, description: optionalText("mô tả", 500) }),
  department: z.object({ ...base, organization: optionalText("cơ quan chủ quản", 200) }),
  author: z.object({ ...base, departmentId: optionalId("Đơn vị đã chọn không hợp lệ.") }),
} satisfies Record<TaxonomyKind, z.ZodType>;

export const MoveBody = z.object({
  direction: z.enum(["up", "down"], { error: "Hướng di chuyển phải là lên (up) hoặc xuống (down)." }),
});
