import { Router, type ErrorRequestHandler, type RequestHandler, type Response } from "express";
import type { AppContext } from "../../app.js";
import { HttpError } from "../../errors.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { MAX_FILES_PER_UPLOAD } from "../../middleware/upload.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { megabytes } from "../../services/media.js";
import { deletePhoto, getPhotoDetails, listPhotos, updatePhotoText, uploadPhotos } from "../../services/media-library.js";
import type { CurrentUser } from "../../services/users.js";
import { IdParams, PageQuery } from "./common.schema.js";
import { handleForm, type FieldErrors } from "./form.js";
import { PhotoTextBody, textsFor, UploadBody } from "./media.schema.js";

const photoPage = (id: number) => `/admin/media/${id}`;
const currentUser = (res: Response) => res.locals["user"] as CurrentUser;

export function mediaRouter(ctx: AppContext): Router {
  const { prisma, config } = ctx;
  const router = Router();
  const options = { store: ctx.files, maxBytes: config.uploadMaxBytes, maxPixels: config.uploadMaxPixels };
  const limits = {
    size: megabytes(config.uploadMaxBytes),
    megapixels: Math.round(config.uploadMaxPixels / 1e6),
    files: MAX_FILES_PER_UPLOAD,
  };

  const renderLibrary = async (res: Response, pageNumber: number, errors: FieldErrors = {}, values: object = {}) => {
    const library = await listPhotos(prisma, pageNumber);
    res.render("admin/media/index", { pageTitle: "Thư viện ảnh", ...library, limits, errors, values, basePath: "/admin/media" });
  };

  const renderPhoto = async (res: Response, id: number, errors: FieldErrors = {}, values?: object) => {
    const details = await getPhotoDetails(prisma, currentUser(res), id, ctx.clock());
    res.render("admin/media/show", { pageTitle: "Sửa thông tin ảnh", ...details, values: values ?? details.values, errors });
  };

  // A refusal by multer (too large, too many files) happens before the route runs: people see the
  // library again with the reason, scripts get {error}; the CSRF refusal (403) stays an error page.
  const uploadRefused: ErrorRequestHandler = async (error, req, res, next) => {
    if (!(error instanceof HttpError) || ![400, 413, 422].includes(error.status) || wantsJson(req)) return next(error);
    res.status(error.status);
    await renderLibrary(res, 1, { file: error.message });
  };

  // GET /admin/media
  router.get("/media", async (req, res) => {
    const { trang } = parseQuery(PageQuery, req.query, "Số trang không hợp lệ.");
    await renderLibrary(res, trang);
  });

  const upload: RequestHandler = async (req, res) => {
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    await handleForm(
      req,
      res,
      {
        status: 201,
        flash: `Đã tải lên ${files.length} ảnh. Ảnh đã được kiểm tra, bỏ thông tin ẩn (EXIF, GPS) và tạo các cỡ cho điện thoại, máy tính.`,
        redirect: "/admin/media",
        field: "file",
        refused: (errors) => renderLibrary(res, 1, errors, req.body ?? {}),
      },
      async () => {
        const texts = textsFor(parseForm(UploadBody, req.body ?? {}), files.length);
        const uploads = files.map((f) => ({ path: f.path, originalName: f.originalname }));
        const saved = await uploadPhotos(prisma, uploads, texts, options, currentUser(res));
        const reply = { id: saved[0]!.id, url: photoPage(saved[0]!.id), ids: saved.map((s) => s.id) };
        return reply;
      },
    );
  };

  // POST /admin/media
  router.post("/media", ...ctx.csrf.multipart("/admin/media", ctx.photoUpload), upload, uploadRefused);

  // GET /admin/media/:id
  router.get("/media/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã ảnh không hợp lệ.");
    await renderPhoto(res, id);
  });

  // POST /admin/media/:id
  router.post("/media/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã ảnh không hợp lệ.");
    await handleForm(
      req,
      res,
      { flash: "Đã lưu thông tin ảnh.", refused: (errors) => renderPhoto(res, id, errors, req.body ?? {}) },
      async () => {
        await updatePhotoText(prisma, currentUser(res), id, parseForm(PhotoTextBody, req.body ?? {}));
        // A caption may be on the home page, which is cached.
        await ctx.chrome.invalidate();
        return { id, url: photoPage(id) };
      },
    );
  });

  // POST /admin/media/:id/delete
  router.post("/media/:id/delete", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã ảnh không hợp lệ.");
    await handleForm(
      req,
      res,
      { flash: "Đã xoá ảnh khỏi thư viện.", redirect: "/admin/media", field: "delete", refused: (errors) => renderPhoto(res, id, errors) },
      async () => {
        await deletePhoto(prisma, currentUser(res), id, ctx.files, req.ip ?? "", ctx.clock());
        return { id, url: "/admin/media" };
      },
    );
  });
  return router;
}
