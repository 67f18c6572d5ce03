import type { Response, Router } from "express";
import type { AppContext } from "../../app.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import {
  createUnit,
  deleteUnit,
  describeUnitUsage,
  getUnit,
  listUnitsForAdmin,
  moveUnit,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  unitParentChoices,
  unitUsage,
  updateUnit,
} from "../../services/organisation-units.js";
import { IdParams } from "./common.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { mountMoveAndDelete, useEditor, sectionRouter } from "./organisation-form.js";
import { checkboxOnByDefault, UnitBody } from "./organisation-units.schema.js";

const BASE = "/admin/departments";
const KIND_OPTIONS = UNIT_KINDS.map((value) => ({ value, label: UNIT_KIND_LABELS[value] }));

/** The form shows a refused body as typed; the "listed" box arrives as "0", "on" or both. */
const shownValues = (body: Record<string, unknown>) => ({ ...body, listed: checkboxOnByDefault.safeParse(body["listed"]).data ?? true });

/**
 * The organisation's units at /admin/departments (editors and administrators): the departments that
 * articles name, now in a tree with duties, contacts and English texts. Every write clears the
 * kept public pages (chart, directory, navigation).
 */
export function unitsRouter({ prisma, chrome }: AppContext): Router {
  const router = sectionRouter("/departments", "admin", "editor");
  const saved = (id: number) => ({ id, url: `${BASE}/${id}/edit` });
  const afterWrite = async <T>(value: T): Promise<T> => {
    await chrome.invalidate();
    return value;
  };

  const renderList = async (res: Response, errors: FieldErrors = {}) =>
    res.render("admin/units/index", { pageTitle: "Đơn vị", units: await listUnitsForAdmin(prisma), errors });

  const renderForm = async (res: Response, id: number | null, values: object, errors: FieldErrors) => {
    useEditor(res);
    res.render("admin/units/form", {
      pageTitle: id ? "Sửa đơn vị" : "Thêm đơn vị",
      id,
      values,
      errors,
      parents: await unitParentChoices(prisma, id),
      kinds: KIND_OPTIONS,
    });
  };

  const renderDelete = async (res: Response, id: number, errors: FieldErrors) =>
    res.render("admin/units/delete", {
      pageTitle: "Xoá đơn vị",
      unit: await getUnit(prisma, id),
      usedBy: describeUnitUsage(await unitUsage(prisma, id)),
      errors,
    });

  // GET /admin/departments
  router.get("/departments", (_req, res) => renderList(res));

  // GET /admin/departments/new
  router.get("/departments/new", (_req, res) => renderForm(res, null, { kind: "division", listed: true }, {}));

  // POST /admin/departments
  router.post("/departments", (req, res) =>
    handleForm(req, res, { status: 201, flash: "Đã thêm đơn vị.", redirect: BASE, refused: (errors) => renderForm(res, null, shownValues(req.body ?? {}), errors) }, async () => {
      const unit = await createUnit(prisma, actorOf(req, res), parseForm(UnitBody, req.body ?? {}));
      return afterWrite(saved(unit.id));
    }),
  );

  // GET /admin/departments/:id/edit
  router.get("/departments/:id/edit", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    const unit = await getUnit(prisma, id);
    await renderForm(res, id, { ...unit, parentId: unit.parentId ?? "" }, {});
  });

  // POST /admin/departments/:id
  router.post("/departments/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await handleForm(req, res, { flash: "Đã lưu thay đổi.", redirect: BASE, refused: (errors) => renderForm(res, id, shownValues(req.body ?? {}), errors) }, async () => {
      await updateUnit(prisma, actorOf(req, res), id, parseForm(UnitBody, req.body ?? {}));
      return afterWrite(saved(id));
    });
  });

  mountMoveAndDelete(router, {
    base: BASE,
    deleted: "Đã xoá đơn vị.",
    renderList,
    renderDelete,
    move: async (actor, id, direction) => (await moveUnit(prisma, actor, id, direction)).name,
    remove: (actor, id) => deleteUnit(prisma, actor, id),
    changed: () => chrome.invalidate(),
  });
  return router;
}
