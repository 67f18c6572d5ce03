import { Router, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import {
  createEntry,
  deleteEntry,
  describeUsage,
  entryPublicUrl,
  entryUsage,
  getEntry,
  isArticleKind,
  listEntries,
  listEntriesForAdmin,
  moveEntry,
  TAXONOMY_ADMIN_PATHS,
  TAXONOMY_KINDS,
  TAXONOMY_LABELS,
  updateEntry,
  USAGE_COLUMN,
  type TaxonomyKind,
} from "../../services/taxonomy.js";
import { IdParams } from "./common.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { MoveBody, TAXONOMY_BODIES } from "./taxonomy.schema.js";

/**
 * Categories, departments and authors, and the document types, issuing bodies and fields of the
 * state-portal sections: one router and one set of views for every kind (editors and
 * administrators). Every write clears the cached pages.
 */
export function taxonomyRouter({ prisma, chrome }: AppContext): Router {
  const router = Router();
  // Departments are the organisation's units, managed with their tree and contacts in organisation-units.ts.
  for (const kind of TAXONOMY_KINDS) if (kind !== "department") mountKind(router, kind);
  return router;

  function mountKind(router: Router, kind: TaxonomyKind): void {
    const basePath = TAXONOMY_ADMIN_PATHS[kind];
    const base = basePath.slice("/admin".length);
    const label = TAXONOMY_LABELS[kind];
    // Where the slug shows: the end of /chuyen-muc/… for article kinds, a filter value of /van-ban?… for the others.
    const slugHint = isArticleKind(kind) ? `Phần cuối của địa chỉ ${entryPublicUrl(kind, "")}…` : `Giá trị bộ lọc trên trang văn bản: ${entryPublicUrl(kind, "")}…`;
    const common = { kind, label, noun: label.toLowerCase(), basePath, slugHint, usageLabel: USAGE_COLUMN[kind].label, articleKind: isArticleKind(kind) };
    const saved = (id: number) => ({ id, url: `${basePath}/${id}/edit` });
    router.use(base, requireRole("admin", "editor"));

    const renderList = async (res: Response, errors: FieldErrors = {}) =>
      res.render("admin/taxonomy/index", {
        ...common,
        pageTitle: label,
        entries: (await listEntriesForAdmin(prisma, kind)).map((e) => ({ ...e, used: USAGE_COLUMN[kind].count(e.usage) })),
        errors,
      });

    const renderForm = async (res: Response, id: number | null, values: object, errors: FieldErrors) =>
      res.render("admin/taxonomy/form", {
        ...common,
        pageTitle: id ? `Sửa ${common.noun}` : `Thêm ${common.noun}`,
        id,
        values,
        errors,
        departments: kind === "author" ? (await listEntries(prisma, "department")).map((d) => ({ value: d.id, label: d.name })) : [],
      });

    const renderDelete = async (res: Response, id: number, errors: FieldErrors) =>
      res.render("admin/taxonomy/delete", {
        ...common,
        pageTitle: `Xoá ${common.noun}`,
        entry: await getEntry(prisma, kind, id),
        usedBy: describeUsage(await entryUsage(prisma, kind, id)),
        errors,
      });

    const afterWrite = async <T>(value: T): Promise<T> => {
      await chrome.invalidate();
      return value;
    };

    // GET /admin/categories, /admin/departments, /admin/authors, /admin/document-types, /admin/document-issuers, /admin/sectors
    router.get(base, (_req, res) => renderList(res));

    // GET /admin/categories/new (and the other kinds)
    router.get(`${base}/new`, (_req, res) => renderForm(res, null, {}, {}));

    // POST /admin/categories (and the other kinds)
    router.post(base, (req, res) =>
      handleForm(req, res, { status: 201, flash: `Đã thêm ${common.noun}.`, redirect: basePath, refused: (errors) => renderForm(res, null, req.body ?? {}, errors) }, async () => {
        const input = parseForm(TAXONOMY_BODIES[kind], req.body ?? {});
        const entry = await createEntry(prisma, actorOf(req, res), kind, input);
        return afterWrite(saved(entry.id));
      }),
    );

    // GET /admin/categories/:id/edit (and the other kinds)
    router.get(`${base}/:id/edit`, async (req, res) => {
      const { id } = parseQuery(IdParams, req.params);
      const entry = await getEntry(prisma, kind, id);
      await renderForm(res, id, { ...entry, departmentId: entry.departmentId ?? "" }, {});
    });

    // POST /admin/categories/:id (and the other kinds)
    router.post(`${base}/:id`, async (req, res) => {
      const { id } = parseQuery(IdParams, req.params);
      await handleForm(req, res, { flash: "Đã lưu thay đổi.", redirect: basePath, refused: (errors) => renderForm(res, id, req.body ?? {}, errors) }, async () => {
        const input = parseForm(TAXONOMY_BODIES[kind], req.body ?? {});
        await updateEntry(prisma, actorOf(req, res), kind, id, input);
        return afterWrite(saved(id));
      });
    });

    // POST /admin/categories/:id/move (and the other kinds): direction=up|down, a plain form button
    router.post(`${base}/:id/move`, async (req, res) => {
      const { id } = parseQuery(IdParams, req.params);
      let flash = "";
      await handleForm(req, res, { flash: () => flash, field: "direction", redirect: `${basePath}#muc-${id}`, refused: (errors) => renderList(res, errors) }, async () => {
        const { direction } = parseForm(MoveBody, req.body ?? {});
        const moved = await moveEntry(prisma, actorOf(req, res), kind, id, direction);
        flash = `Đã chuyển “${moved.name}” ${direction === "up" ? "lên" : "xuống"}.`;
        return afterWrite(saved(id));
      });
    });

    // GET /admin/categories/:id/delete (and the other kinds): asks first, or says why it cannot be deleted
    router.get(`${base}/:id/delete`, async (req, res) => {
      const { id } = parseQuery(IdParams, req.params);
      await renderDelete(res, id, {});
    });

    // POST /admin/categories/:id/delete (and the other kinds)
    router.post(`${base}/:id/delete`, async (req, res) => {
      const { id } = parseQuery(IdParams, req.params);
      await handleForm(req, res, { flash: `Đã xoá ${common.noun}.`, redirect: basePath, field: "confirm", refused: (errors) => renderDelete(res, id, errors) }, async () => {
        await deleteEntry(prisma, actorOf(req, res), kind, id);
        return afterWrite({ id, url: basePath });
      });
    });
  }
}
