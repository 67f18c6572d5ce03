import { Router, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseForm } from "../../middleware/validate.js";
import { getSettings, listBannerChoices, updateSettings } from "../../services/settings.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { SettingsBody } from "./settings.schema.js";

const PAGE = "/admin/settings";

/** Site settings: every field of the header and footer, the banner and the counter baseline (administrators). */
export function settingsRouter({ prisma, chrome }: AppContext): Router {
  const router = Router();
  router.use("/settings", requireRole("admin"));

  const render = async (res: Response, values: Record<string, unknown> | null, errors: FieldErrors) => {
    const settings = await getSettings(prisma);
    const shown = values ?? { ...settings, bannerPhotoId: settings.bannerPhotoId ?? "" };
    res.render("admin/settings/edit", {
      pageTitle: "Cấu hình trang",
      values: shown,
      errors,
      banners: await listBannerChoices(prisma, settings.bannerPhotoId),
    });
  };

  // GET /admin/settings
  router.get("/settings", (_req, res) => render(res, null, {}));

  // POST /admin/settings
  router.post("/settings", (req, res) => {
    let changed: string[] = [];
    const flash = () => (changed.length ? "Đã lưu cấu hình. Đầu trang và chân trang đã được cập nhật." : "Không có thay đổi nào để lưu.");
    return handleForm(req, res, { flash, refused: (errors) => render(res, req.body ?? {}, errors) }, async () => {
      const input = parseForm(SettingsBody, req.body ?? {});
      changed = await updateSettings(prisma, actorOf(req, res), input);
      // The header and footer are cached in memory: show the change on the very next page.
      if (changed.length) chrome.invalidate();
      return { id: 1, url: PAGE };
    });
  });
  return router;
}
