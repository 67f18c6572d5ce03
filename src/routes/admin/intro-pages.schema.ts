import { z } from "zod";
import { INTRO_STATUSES } from "../../services/intro-pages.js";
import { optionalId, optionalText, requiredText } from "./common.schema.js";
import { checkboxOnByDefault, htmlField } from "./organisation-units.schema.js";

/**
 * The body and its English twin share the panel's request limit (200 kB once percent-encoded, about
 * 20,000 Vietnamese characters in all): each is bounded so a long page is told why, not cut.
 */
export const INTRO_BODY_MAX = 60_000;

export const IntroPageBody = z.object({
  parentId: optionalId("Trang cấp trên đã chọn không hợp lệ."),
  title: requiredText("tiêu đề", 200),
  slug: optionalText("đường dẫn", 120),
  body: htmlField("nội dung", INTRO_BODY_MAX),
  titleEn: optionalText("tiêu đề tiếng Anh", 200),
  slugEn: optionalText("đường dẫn tiếng Anh", 120),
  bodyEn: htmlField("nội dung tiếng Anh", INTRO_BODY_MAX),
  inMenu: checkboxOnByDefault,
  status: z.enum(INTRO_STATUSES, { error: "Trạng thái phải là nháp (draft) hoặc đăng (published)." }).default("published"),
});

export type IntroPageBody = z.infer<typeof IntroPageBody>;
