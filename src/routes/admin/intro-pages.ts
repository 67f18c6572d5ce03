import type { Response, Router } from "express";
import type { AppContext } from "../../app.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import {
  countIntroChildren,
  createIntroPage,
  deleteIntroPage,
  getIntroPage,
  introParentChoices,
  introUrl,
  listIntroPagesForAdmin,
  moveIntroPage,
  ORGANISATION_SLUG,
  updateIntroPage,
} from "../../services/intro-pages.js";
import { IdParams } from "./common.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { IntroPageBody } from "./intro-pages.schema.js";
import { mountMoveAndDelete, useEditor, sectionRouter } from "./organisation-form.js";
import { checkboxOnByDefault } from "./organisation-units.schema.js";

const BASE = "/admin/intro-pages";
const STATUS_OPTIONS = [
  { value: "published", label: "Đăng trên trang" },
  { value: "draft", label: "Lưu nháp (chưa hiện với bạn đọc)" },
];

const shownValues = (body: Record<string, unknown>) => ({ ...body, inMenu: checkboxOnByDefault.safeParse(body["inMenu"]).data ?? true });

/**
 * Introduction pages at /admin/intro-pages (editors and administrators; authors are refused): a
 * tree ordered by up and down buttons, each page written in the article editor beside its English
 * twin. Every write clears the kept public pages.
 */
export function introPagesRouter({ prisma, chrome }: AppContext): Router {
  const router = sectionRouter("/intro-pages", "admin", "editor");
  const saved = (page: { id: number; slug: string; status: string }) => ({
    id: page.id,
    url: `${BASE}/${page.id}/edit`,
    ...(page.status === "published" ? { publicUrl: introUrl(page.slug) } : {}),
  });
  const afterWrite = async <T>(value: T): Promise<T> => {
    await chrome.invalidate();
    return value;
  };

  const renderList = async (res: Response, errors: FieldErrors = {}) =>
    res.render("admin/intro-pages/index", { pageTitle: "Trang giới thiệu", pages: await listIntroPagesForAdmin(prisma), organisationSlug: ORGANISATION_SLUG, errors });

  const renderForm = async (res: Response, id: number | null, values: object, errors: FieldErrors) => {
    useEditor(res);
    res.render("admin/intro-pages/form", {
      pageTitle: id ? "Sửa trang giới thiệu" : "Thêm trang giới thiệu",
      id,
      values,
      errors,
      parents: await introParentChoices(prisma, id),
      statuses: STATUS_OPTIONS,
      organisationSlug: ORGANISATION_SLUG,
    });
  };

  // GET /admin/intro-pages
  router.get("/intro-pages", (_req, res) => renderList(res));

  // GET /admin/intro-pages/new
  router.get("/intro-pages/new", (_req, res) => renderForm(res, null, { inMenu: true, status: "published" }, {}));

  // POST /admin/intro-pages
  router.post("/intro-pages", (req, res) =>
    handleForm(req, res, { status: 201, flash: "Đã thêm trang giới thiệu.", redirect: BASE, refused: (errors) => renderForm(res, null, shownValues(req.body ?? {}), errors) }, async () => {
      const page = await createIntroPage(prisma, actorOf(req, res), parseForm(IntroPageBody, req.body ?? {}));
      return afterWrite(saved(page));
    }),
  );

  // GET /admin/intro-pages/:id/edit
  router.get("/intro-pages/:id/edit", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    const page = await getIntroPage(prisma, id);
    await renderForm(res, id, { ...page, parentId: page.parentId ?? "", slugEn: page.slugEn ?? "" }, {});
  });

  // POST /admin/intro-pages/:id
  router.post("/intro-pages/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await handleForm(req, res, { flash: "Đã lưu trang giới thiệu.", redirect: BASE, refused: (errors) => renderForm(res, id, shownValues(req.body ?? {}), errors) }, async () => {
      const page = await updateIntroPage(prisma, actorOf(req, res), id, parseForm(IntroPageBody, req.body ?? {}));
      return afterWrite(saved(page));
    });
  });

  const renderDelete = async (res: Response, id: number, errors: FieldErrors) => {
    const page = await getIntroPage(prisma, id);
    const children = await countIntroChildren(prisma, id);
    res.render("admin/intro-pages/delete", { pageTitle: "Xoá trang giới thiệu", page, children, errors });
  };

  mountMoveAndDelete(router, {
    base: BASE,
    deleted: "Đã xoá trang giới thiệu.",
    renderList,
    renderDelete,
    move: async (actor, id, direction) => (await moveIntroPage(prisma, actor, id, direction)).title,
    remove: (actor, id) => deleteIntroPage(prisma, actor, id),
    changed: () => chrome.invalidate(),
  });
  return router;
}
