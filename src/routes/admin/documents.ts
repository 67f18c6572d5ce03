import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import type { AppContext } from "../../app.js";
import { HttpError } from "../../errors.js";
import { attachmentUpload, uploadedAttachments } from "../../middleware/attachment-upload.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { checkAttachments } from "../../services/attachments.js";
import { createDocument, updateDocument, type DocumentInput, type SavedDocument } from "../../services/documents-admin.js";
import { removeDocumentAttachment } from "../../services/documents-removal.js";
import { countDocumentViews, getDocumentForEdit, listAdminDocuments } from "../../services/documents-admin-list.js";
import { DOCUMENT_STATUS_LABELS, documentEditUrl, documentUrl } from "../../services/documents.js";
import { listEntries } from "../../services/taxonomy.js";
import { IdParams } from "./common.schema.js";
import { currentUser, documentActor, EMPTY_VALUES, MAX_DOCUMENT_FILES, renderDocumentForm, valuesFromBody } from "./documents-form.js";
import { documentTrashRouter } from "./documents-trash.js";
import { AttachmentParams, DocumentBody, DocumentListQuery } from "./documents.schema.js";
import { handleForm } from "./form.js";

const LIST = "/admin/documents";

/** The message after a save, in the editor's words. */
const savedNotice = (saved: SavedDocument, files: number) =>
  `${saved.status === "published" ? "Đã lưu và đăng văn bản." : "Đã lưu bản nháp văn bản."}${files ? ` Đã đính kèm ${files} tệp.` : ""}`;

/** /admin/documents: the list, the form (multipart, `files` repeatable), attachments and the trash. */
export function documentsRouter(ctx: AppContext): Router {
  const { prisma, clock, config } = ctx;
  const router = Router();
  const upload = attachmentUpload(config, { field: "files", maxCount: MAX_DOCUMENT_FILES });

  const renderEdit = async (res: Response, id: number, values?: ReturnType<typeof valuesFromBody>, errors: Record<string, string> = {}) => {
    const { values: stored, ...doc } = await getDocumentForEdit(prisma, clock, currentUser(res), id);
    await renderDocumentForm(res, prisma, config.attachmentMaxBytes, { doc, values: values ?? stored, errors });
  };
  const renderNew = (res: Response, values = EMPTY_VALUES, errors: Record<string, string> = {}) =>
    renderDocumentForm(res, prisma, config.attachmentMaxBytes, { values, errors });

  // One contract for create and update: {id, url, publicUrl} for scripts, a flash and the edit page
  // for people; a refusal shows the form again with what was typed, and nothing is stored.
  const save = (status: 200 | 201, id: number | null, write: (input: DocumentInput, req: Request, res: Response) => Promise<SavedDocument>): RequestHandler =>
    async (req, res) => {
      let saved: SavedDocument | undefined;
      let files = 0;
      await handleForm(
        req,
        res,
        {
          status,
          flash: () => savedNotice(saved!, files),
          refused: (errors) => (id ? renderEdit(res, id, valuesFromBody(req.body ?? {}), errors) : renderNew(res, valuesFromBody(req.body ?? {}), errors)),
        },
        async () => {
          const input = parseForm(DocumentBody, req.body ?? {});
          const uploads = uploadedAttachments(req);
          files = uploads.length;
          saved = await write(input, req, res);
          // Lists, the feed and the pages that link this document are kept in memory.
          await ctx.chrome.invalidate();
          return { id: saved.id, url: documentEditUrl(saved.id), ...(saved.status === "published" ? { publicUrl: documentUrl(saved.slug) } : {}) };
        },
      );
    };

  // Every file checked by its bytes before anything is written (422 or 413, nothing kept).
  const checked = (req: Request) => checkAttachments(uploadedAttachments(req), { maxBytes: config.attachmentMaxBytes, field: "files" });

  // A refusal by the upload parser (too large, too many files) comes before the route: people see
  // the form again with the reason, scripts get {error}; the CSRF refusal (403) stays an error page.
  const uploadRefused: ErrorRequestHandler = async (error, req, res, next) => {
    if (!(error instanceof HttpError) || ![400, 413, 422].includes(error.status) || wantsJson(req)) return next(error);
    res.status(error.status);
    const id = Number(req.params["id"]);
    const errors = { files: error.message };
    await (Number.isInteger(id) && id > 0 ? renderEdit(res, id, undefined, errors) : renderNew(res, EMPTY_VALUES, errors));
  };

  // GET /admin/documents
  router.get("/documents", async (req, res) => {
    const filters = parseQuery(DocumentListQuery, req.query, "Bộ lọc không hợp lệ.");
    const user = currentUser(res);
    const [list, counts, types] = await Promise.all([
      listAdminDocuments(prisma, clock, user, filters),
      countDocumentViews(prisma, user),
      listEntries(prisma, "documentType"),
    ]);
    res.locals["adminStyles"] = ["/assets/css/documents.css"];
    const params = new URLSearchParams();
    for (const key of ["status", "typeId", "q"] as const) if (filters[key] !== undefined) params.set(key, String(filters[key]));
    res.render("admin/documents/index", {
      pageTitle: filters.status === "trash" ? "Văn bản trong thùng rác" : "Văn bản",
      ...list,
      counts,
      statusLabels: DOCUMENT_STATUS_LABELS,
      types,
      filters,
      basePath: params.size ? `${LIST}?${params}` : LIST,
    });
  });

  // GET /admin/documents/new
  router.get("/documents/new", (_req, res) => renderNew(res));

  // POST /admin/documents (multipart; urlencoded or JSON without files)
  router.post(
    "/documents",
    ...ctx.csrf.multipart("/admin/documents", upload),
    save(201, null, async (input, req, res) => createDocument(prisma, ctx.files, clock, documentActor(req, res), input, await checked(req))),
    uploadRefused,
  );

  // GET /admin/documents/:id/edit
  router.get("/documents/:id/edit", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã văn bản không hợp lệ.");
    await renderEdit(res, id);
  });

  // POST /admin/documents/:id (multipart; urlencoded or JSON without files)
  const update: RequestHandler = (req, res, next) => {
    const { id } = parseQuery(IdParams, req.params, "Mã văn bản không hợp lệ.");
    const handler = save(200, id, async (input) => updateDocument(prisma, ctx.files, clock, documentActor(req, res), id, input, await checked(req)));
    return handler(req, res, next);
  };
  router.post("/documents/:id", ...ctx.csrf.multipart("/admin/documents/:id", upload), update, uploadRefused);

  // POST /admin/documents/:id/attachments/:attachmentId/delete
  router.post("/documents/:id/attachments/:attachmentId/delete", async (req, res) => {
    const { id, attachmentId } = parseQuery(AttachmentParams, req.params, "Mã tệp không hợp lệ.");
    await removeDocumentAttachment(prisma, ctx.files, documentActor(req, res), id, attachmentId);
    await ctx.chrome.invalidate();
    if (wantsJson(req)) return void res.json({ id, url: documentEditUrl(id) });
    setFlash(req, "Đã xoá tệp đính kèm.");
    res.redirect(303, documentEditUrl(id));
  });

  router.use(documentTrashRouter(ctx));
  return router;
}
