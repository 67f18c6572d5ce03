import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import type { PrismaClient } from "../../db.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { HttpError } from "../../errors.js";
import { checkForm, parseQuery } from "../../middleware/validate.js";
import { autosaveArticle, discardAutosave, findAutosaveOffer } from "../../services/article-autosave.js";
import type { ArticleFormValues } from "../../services/articles-admin.js";
import { currentUser, type FormView } from "./articles-form.js";
import { AutosaveBody, EditQuery } from "./articles-autosave.schema.js";
import { IdParams } from "./common.schema.js";

const editUrl = (id: number) => `/admin/articles/${id}/edit`;

/**
 * The edit form's autosave part: the offer of this person's unsaved typing, or (when asked, by the
 * offer's link) that typing put into the form with the version it was typed over, so a save over
 * someone's newer version still meets the 409 and its diff. Nothing is saved until the form is.
 */
export async function autosaveFormState(
  prisma: PrismaClient,
  req: Request,
  res: Response,
  id: number,
  values: ArticleFormValues,
): Promise<Pick<FormView, "values" | "version" | "autosave">> {
  const query = parseQuery(EditQuery, req.query, "Địa chỉ trang sửa bài không hợp lệ.");
  const offer = await findAutosaveOffer(prisma, currentUser(res), id);
  if (!offer) return { values };
  const restored = query["khoi-phuc"] === "ban-luu-tu-dong";
  const autosave = { time: offer.time, stamp: offer.stamp, restored };
  if (!restored) return { values, autosave };
  return { values: { ...values, title: offer.title, summary: offer.summary, body: offer.body }, version: String(offer.version), autosave };
}

/** Autosave of the edit form (src/services/article-autosave.ts; public/js/article-autosave.js). */
export function articleAutosaveRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();

  // POST /admin/articles/:id/autosave: CSRF token in x-csrf-token or _csrf (sendBeacon sends a form).
  router.post("/articles/:id/autosave", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã bài viết không hợp lệ.");
    const checked = checkForm(AutosaveBody, req.body ?? {});
    // A script reads the message itself, not "see the fields below".
    if (!checked.ok) throw new HttpError(422, Object.values(checked.errors).join(" "), checked.errors);
    const text = checked.data;
    res.json(await autosaveArticle(prisma, clock, currentUser(res), id, text));
  });

  // POST /admin/articles/:id/autosave/discard
  router.post("/articles/:id/autosave/discard", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã bài viết không hợp lệ.");
    await discardAutosave(prisma, currentUser(res), id);
    if (wantsJson(req)) return void res.json({ id, url: editUrl(id) });
    setFlash(req, "Đã bỏ bản lưu tự động. Biểu mẫu hiện nội dung đã lưu của bài.");
    res.redirect(303, editUrl(id));
  });

  return router;
}
