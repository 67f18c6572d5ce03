import { Router, type ErrorRequestHandler, type RequestHandler, type Response } from "express";
import type { AppContext } from "../../app.js";
import { HttpError } from "../../errors.js";
import { requireRole } from "../../middleware/auth.js";
import { wantsJson } from "../../middleware/errors.js";
import { parseForm } from "../../middleware/validate.js";
import { uploadPhotos } from "../../services/media-library.js";
import { getSettings, listBannerChoices, setBannerPhoto, updateSettings } from "../../services/settings.js";
import type { CurrentUser } from "../../services/users.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { SettingsBody } from "./settings.schema.js";
import { setTwoFactorRequired } from "../../services/two-factor.js";
import { RequireTwoFactorBody } from "./auth.schema.js";

const PAGE = "/admin/settings";

/** Site settings: every field of the header and footer, the banner and the counter baseline (administrators). */
export function settingsRouter({ prisma, chrome, config, csrf, photoUpload, files: store }: AppContext): Router {
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
      requireTwoFactor: settings.requireTwoFactor,
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
      if (changed.length) await chrome.invalidate();
      return { id: 1, url: PAGE };
    });
  });

  // POST /admin/settings/two-factor (requireTwoFactor): its own form, so saving the header never touches it
  router.post("/settings/two-factor", (req, res) => {
    const flash = (required: boolean) => (required ? "Đã bắt buộc xác thực hai lớp cho quản trị viên và biên tập viên." : "Đã bỏ bắt buộc xác thực hai lớp.");
    let required = false;
    return handleForm(req, res, { flash: () => flash(required), field: "requireTwoFactor", refused: (errors) => render(res, null, errors) }, async () => {
      ({ requireTwoFactor: required } = parseForm(RequireTwoFactorBody, req.body ?? {}));
      await setTwoFactorRequired(prisma, actorOf(req, res), required);
      return { id: 1, url: PAGE };
    });
  });

  // Multer refuses too large or too many files before the route runs: show the page again with the reason.
  const uploadRefused: ErrorRequestHandler = async (error, req, res, next) => {
    if (!(error instanceof HttpError) || ![400, 413, 422].includes(error.status) || wantsJson(req)) return next(error);
    res.status(error.status);
    await render(res, null, { file: error.message });
  };

  const uploadBanner: RequestHandler = async (req, res) => {
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    const flash = "Đã tải ảnh lên thư viện và dùng làm ảnh biểu ngữ.";
    await handleForm(req, res, { status: 201, flash, redirect: PAGE, field: "file", refused: (errors) => render(res, null, errors) }, async () => {
      if (files.length > 1) throw new HttpError(422, "Chỉ chọn một ảnh làm biểu ngữ.", { file: "Chỉ chọn một ảnh làm biểu ngữ." });
      const options = { store, maxBytes: config.uploadMaxBytes, maxPixels: config.uploadMaxPixels };
      const uploads = files.map((f) => ({ path: f.path, originalName: f.originalname }));
      const [photo] = await uploadPhotos(prisma, uploads, [{ caption: "Ảnh biểu ngữ", alt: "", credit: "" }], options, res.locals.user as CurrentUser);
      await setBannerPhoto(prisma, actorOf(req, res), photo!.id);
      await chrome.invalidate();
      return { id: photo!.id, url: PAGE };
    });
  };

  // POST /admin/settings/banner (multipart: file): a new photo, checked and re-encoded, becomes the banner
  router.post("/settings/banner", ...csrf.multipart("/admin/settings/banner", photoUpload), uploadBanner, uploadRefused);
  return router;
}
