import type { Response, Router } from "express";
import type { AppContext } from "../../app.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { unitParentChoices } from "../../services/organisation-units.js";
import { createPerson, deletePerson, getPerson, listPeopleForAdmin, movePerson, updatePerson } from "../../services/people.js";
import { listBannerChoices } from "../../services/settings.js";
import { IdParams } from "./common.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { mountMoveAndDelete, sectionRouter } from "./organisation-form.js";
import { checkbox } from "./organisation-units.schema.js";
import { PersonBody } from "./people.schema.js";

const BASE = "/admin/people";
const RECENT_PHOTOS = 30;

const shownValues = (body: Record<string, unknown>) => ({ ...body, leader: checkbox.safeParse(body["leader"]).data ?? false });

/**
 * Leaders and contact officials at /admin/people (editors and administrators): the organisation
 * page shows the leaders in this order, the directory everybody.
 */
export function peopleRouter({ prisma, chrome }: AppContext): Router {
  const router = sectionRouter("/people", "admin", "editor");
  const saved = (id: number) => ({ id, url: `${BASE}/${id}/edit` });
  const afterWrite = async <T>(value: T): Promise<T> => {
    await chrome.invalidate();
    return value;
  };

  const renderList = async (res: Response, errors: FieldErrors = {}) =>
    res.render("admin/people/index", { pageTitle: "Lãnh đạo, cán bộ", people: await listPeopleForAdmin(prisma), errors });

  const renderForm = async (res: Response, id: number | null, values: Record<string, unknown>, errors: FieldErrors) => {
    const currentPhoto = Number(values["photoId"]) || null;
    const photos = await listBannerChoices(prisma, currentPhoto, RECENT_PHOTOS);
    res.render("admin/people/form", {
      pageTitle: id ? "Sửa thông tin cán bộ" : "Thêm cán bộ",
      id,
      values,
      errors,
      units: await unitParentChoices(prisma, null),
      photos: photos.map((p) => ({ value: p.id, label: `Ảnh số ${p.id}: ${p.caption}` })),
      photo: photos.find((p) => p.id === currentPhoto) ?? null,
    });
  };

  // GET /admin/people
  router.get("/people", (_req, res) => renderList(res));

  // GET /admin/people/new
  router.get("/people/new", (_req, res) => renderForm(res, null, {}, {}));

  // POST /admin/people
  router.post("/people", (req, res) =>
    handleForm(req, res, { status: 201, flash: "Đã thêm cán bộ.", redirect: BASE, refused: (errors) => renderForm(res, null, shownValues(req.body ?? {}), errors) }, async () => {
      const person = await createPerson(prisma, actorOf(req, res), parseForm(PersonBody, req.body ?? {}));
      return afterWrite(saved(person.id));
    }),
  );

  // GET /admin/people/:id/edit
  router.get("/people/:id/edit", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    const person = await getPerson(prisma, id);
    await renderForm(res, id, { ...person, unitId: person.unitId ?? "", photoId: person.photoId ?? "" }, {});
  });

  // POST /admin/people/:id
  router.post("/people/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await handleForm(req, res, { flash: "Đã lưu thay đổi.", redirect: BASE, refused: (errors) => renderForm(res, id, shownValues(req.body ?? {}), errors) }, async () => {
      await updatePerson(prisma, actorOf(req, res), id, parseForm(PersonBody, req.body ?? {}));
      return afterWrite(saved(id));
    });
  });

  mountMoveAndDelete(router, {
    base: BASE,
    deleted: "Đã xoá cán bộ.",
    renderList,
    renderDelete: async (res, id, errors) => res.render("admin/people/delete", { pageTitle: "Xoá cán bộ", person: await getPerson(prisma, id), errors }),
    move: async (actor, id, direction) => (await movePerson(prisma, actor, id, direction)).name,
    remove: (actor, id) => deletePerson(prisma, actor, id),
    changed: () => chrome.invalidate(),
  });
  return router;
}
