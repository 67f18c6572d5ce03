import { z } from "zod";
import type { TaxonomyKind } from "../../services/taxonomy.js";
import { optionalId, optionalText, requiredText } from "./common.schema.js";

const base = {
  name: requiredText("tên", 150),
  slug: optionalText("đường dẫn", 120),
};

/** One form per kind: the shared name and slug plus the kind's own field. */
export const TAXONOMY_BODIES = {
  category: z.object({ ...base, description: optionalText("mô tả", 500) }),
  department: z.object({ ...base, organization: optionalText("cơ quan chủ quản", 200) }),
  author: z.object({ ...base, departmentId: optionalId("Đơn vị đã chọn không hợp lệ.") }),
  documentType: z.object(base),
  documentIssuer: z.object(base),
  sector: z.object(base),
} satisfies Record<TaxonomyKind, z.ZodType>;

export const MoveBody = z.object({
  direction: z.enum(["up", "down"], { error: "Hướng di chuyển phải là lên (up) hoặc xuống (down)." }),
});
