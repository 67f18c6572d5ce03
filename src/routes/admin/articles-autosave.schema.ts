import { z } from "zod";
import { ARTICLE_BODY_MAX } from "./articles.schema.js";

const VERSION_MESSAGE = "Phiên bản bài viết không hợp lệ; hãy tải lại trang sửa bài.";

/**
 * POST /admin/articles/:id/autosave: the form's text as typed (an empty or overlong title is kept
 * too: it is unsaved work, checked when the article is really saved), and the version the form was
 * opened at.
 */
export const AutosaveBody = z.object({
  title: z.string().max(2000, "Tiêu đề quá dài để lưu tự động.").default("").transform((s) => s.normalize("NFC").trim()),
  summary: z.string().max(10_000, "Tóm tắt quá dài để lưu tự động.").default("").transform((s) => s.normalize("NFC").trim()),
  body: z.string().max(ARTICLE_BODY_MAX, "Nội dung quá dài để lưu tự động; hãy chia thành nhiều bài.").default("").transform((s) => s.normalize("NFC")),
  version: z.coerce.number({ error: VERSION_MESSAGE }).int({ error: VERSION_MESSAGE }).positive({ error: VERSION_MESSAGE }).max(2_147_483_647, { error: VERSION_MESSAGE }),
});

/** GET /admin/articles/:id/edit?khoi-phuc=ban-luu-tu-dong puts this person's autosave into the form. */
export const EditQuery = z.object({ "khoi-phuc": z.enum(["ban-luu-tu-dong"]).optional() });
