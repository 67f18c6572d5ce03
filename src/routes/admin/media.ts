import { Router, type ErrorRequestHandler, type RequestHandler, type Response } from "express";
import type { AppContext } from "../../app.js";
import { HttpError } from "../../errors.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { MAX_FILES_PER_UPLOAD } from "../../middleware/upload.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { megabytes } from "../../services/media.js";
import { createPhotoSearch } from "../../services/media-search.js";
import { deletePhoto, getPhotoDetails, listPhotos, updatePhotoText, uploadPhotos } from "../../services/media-library.js";
import type { CurrentUser } from "../../services/users.js";
import { IdParams } from "./common.schema.js";
import { handleForm, type FieldErrors } from "./form.js";
import { LibraryQuery, PhotoTextBody, textsFor, UploadBody } from "./media.schema.js";

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

  // Kept by this router's process: the library's folded texts, for search and deep pages.
  const search = createPhotoSearch();

  const renderLibrary = async (res: Response, pageNumber: number, errors: FieldErrors = {}, values: object = {}, q = "") => {
    const library = await listPhotos(prisma, search, q, pageNumber);
    const basePath = q ? `/admin/media?q=${encodeURIComponent(q)}` : "/admin/media";
    res.render("admin/media/index", { pageTitle: "Thư viện ảnh", ...library, limits, errors, values, q, basePath });
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

  // GET /admin/media?q=&trang=N: the library page; scripts and the editor's picker get
  // {items: [{id, fileUrl, caption, alt, credit, width, height}], total} (product.md).
  router.get("/media", async (req, res) => {
    const { q, trang } = parseQuery(LibraryQuery, req.query, "Từ khoá hoặc số trang không hợp lệ.");
    if (!wantsJson(req)) return renderLibrary(res, trang, {}, {}, q);
    const { items, page } = await listPhotos(prisma, search, q, trang);
    res.json({ items, total: page.total });
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
        // The editor's picker shows (and may place) the new photos at once: their items come along.
        const first = saved[0]!;
        return { id: first.id, url: photoPage(first.id), fileUrl: first.fileUrl, ids: saved.map((s) => s.id), items: saved };
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
        search.forget();
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
