import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import type { AppContext } from "../../app.js";
import { HttpError } from "../../errors.js";
import { attachmentUpload, uploadedAttachments } from "../../middleware/attachment-upload.js";
import { wantsJson } from "../../middleware/errors.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { checkAttachments, withStoredFiles } from "../../services/attachments.js";
import { getProcedureForEdit } from "../../services/procedures-admin-list.js";
import { createProcedure, updateProcedure, type SavedProcedure } from "../../services/procedures-admin.js";
import { addProcedureForms, procedureForms } from "../../services/procedures-forms.js";
import { procedureUrl } from "../../services/procedures.js";
import { IdParams } from "./common.schema.js";
import { handleForm } from "./form.js";
import { actorOf, currentUser, EMPTY_VALUES, renderProcedureForm, valuesFromBody } from "./procedures-form.js";
import { renderProcedureList } from "./procedures-list.js";
import { procedureTrashRouter } from "./procedures-trash.js";
import { MAX_FORMS, orderLegalBasisIds, ProcedureBody, ProcedureListQuery } from "./procedures.schema.js";

const editUrl = (id: number) => `/admin/procedures/${id}/edit`;
const ID_MESSAGE = "Mã thủ tục không hợp lệ.";

type Write = (input: ProcedureBody, also: ReturnType<typeof addProcedureForms>) => Promise<SavedProcedure>;

export function proceduresRouter(ctx: AppContext): Router {
  const { prisma, clock, config } = ctx;
  const router = Router();
  const upload = attachmentUpload(config, { field: "files", maxCount: MAX_FORMS });

  // The form again with what was typed; files are never kept after a refusal, so it says so.
  const showAgain = async (req: Request, res: Response, errors: Record<string, string>, id?: number) => {
    const edit = id ? await getProcedureForEdit(prisma, currentUser(res), id) : undefined;
    const forms = id ? await procedureForms(prisma, id) : [];
    const filesDropped = uploadedAttachments(req).length > 0 && !errors["files"];
    await renderProcedureForm(ctx, res, { procedure: edit?.procedure, values: valuesFromBody(req.body ?? {}), errors, forms, filesDropped });
  };

  // One contract for create and update: {id, url, publicUrl?} for scripts, a flash and the edit page
  // for people. Fields, then every file's bytes, are checked before anything is written; the files
  // are stored before the transaction and removed again if it fails.
  const save = (req: Request, res: Response, status: 200 | 201, write: Write, id?: number) => {
    let saved: SavedProcedure | undefined;
    return handleForm(
      req,
      res,
      {
        status,
        flash: () => (saved!.status === "published" ? "Đã lưu và công bố thủ tục hành chính." : "Đã lưu bản nháp thủ tục hành chính."),
        refused: (errors) => showAgain(req, res, errors, id),
      },
      async () => {
        const input = parseForm(ProcedureBody, orderLegalBasisIds(req.body ?? {}));
        const files = await checkAttachments(uploadedAttachments(req), { maxBytes: config.attachmentMaxBytes, field: "files" });
        saved = await withStoredFiles(ctx.files, files, () => write(input, addProcedureForms(files, currentUser(res).id)));
        await ctx.chrome.invalidate();
        return { id: saved.id, url: editUrl(saved.id), ...(saved.status === "published" ? { publicUrl: procedureUrl(saved.slug) } : {}) };
      },
    );
  };

  // Refusals by the upload parser (too many or too large files) happen before the route runs: people
  // see the form again with the reason, scripts get {error}; the CSRF refusal (403) stays an error page.
  const uploadRefused: ErrorRequestHandler = async (error, req, res, next) => {
    if (!(error instanceof HttpError) || ![400, 413, 422].includes(error.status) || wantsJson(req)) return next(error);
    const id = req.params["id"] ? parseQuery(IdParams, req.params, ID_MESSAGE).id : undefined;
    res.status(error.status);
    await showAgain(req, res, { files: error.message }, id);
  };

  // GET /admin/procedures
  router.get("/procedures", async (req, res) => {
    await renderProcedureList(ctx, res, parseQuery(ProcedureListQuery, req.query, "Bộ lọc không hợp lệ."));
  });

  // GET /admin/procedures/new
  router.get("/procedures/new", async (_req, res) => {
    await renderProcedureForm(ctx, res, { values: EMPTY_VALUES, errors: {} });
  });

  // POST /admin/procedures
  const create: RequestHandler = (req, res) => save(req, res, 201, (input, also) => createProcedure(prisma, clock, actorOf(req, res), input, also));
  router.post("/procedures", ...ctx.csrf.multipart("/admin/procedures", upload), create, uploadRefused);

  // GET /admin/procedures/:id/edit
  router.get("/procedures/:id/edit", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, ID_MESSAGE);
    const { procedure, values } = await getProcedureForEdit(prisma, currentUser(res), id);
    await renderProcedureForm(ctx, res, { procedure, values, errors: {}, forms: await procedureForms(prisma, id) });
  });

  // POST /admin/procedures/:id
  const update: RequestHandler = (req, res) => {
    const { id } = parseQuery(IdParams, req.params, ID_MESSAGE);
    return save(req, res, 200, (input, also) => updateProcedure(prisma, clock, actorOf(req, res), id, input, also), id);
  };
  router.post("/procedures/:id", ...ctx.csrf.multipart("/admin/procedures/:id", upload), update, uploadRefused);

  router.use(procedureTrashRouter(ctx));
  return router;
}
