import type { Response, Router } from "express";
import type { AppContext } from "../../app.js";
import { parseForm } from "../../middleware/validate.js";
import { updateEnglishSite } from "../../services/english.js";
import { getSettings } from "../../services/settings.js";
import { EnglishSiteBody } from "./english.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { sectionRouter } from "./organisation-form.js";

const PAGE = "/admin/settings/english";

/** The site's English name, managing unit and address at /admin/settings/english (administrators). */
export function englishSettingsRouter({ prisma, chrome }: AppContext): Router {
  const router = sectionRouter("/settings/english", "admin");

  const render = async (res: Response, values: Record<string, unknown> | null, errors: FieldErrors) =>
    res.render("admin/english/edit", { pageTitle: "Tên, địa chỉ tiếng Anh", values: values ?? (await getSettings(prisma)), errors });

  // GET /admin/settings/english
  router.get("/settings/english", (_req, res) => render(res, null, {}));

  // POST /admin/settings/english
  router.post("/settings/english", (req, res) => {
    let changed: string[] = [];
    const flash = () => (changed.length ? "Đã lưu các thông tin tiếng Anh." : "Không có thay đổi nào để lưu.");
    return handleForm(req, res, { flash, refused: (errors) => render(res, req.body ?? {}, errors) }, async () => {
      changed = await updateEnglishSite(prisma, actorOf(req, res), parseForm(EnglishSiteBody, req.body ?? {}));
      if (changed.length) await chrome.invalidate();
      return { id: 1, url: PAGE };
    });
  });
  return router;
}
