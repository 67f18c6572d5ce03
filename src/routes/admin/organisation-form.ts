import { Router as ExpressRouter, type Response, type Router } from "express";
import { requireRole } from "../../middleware/auth.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import type { Actor } from "../../services/audit.js";
import type { Role } from "../../services/users.js";
import { IdParams } from "./common.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { MoveBody } from "./taxonomy.schema.js";

// What the organisation's admin screens (introduction pages, units, people, English texts, links)
// share: the editor's files and the small menu that joins the screens.

// The same Quill files as the article form (src/routes/admin/articles-form.ts), from our own origin.
const EDITOR_STYLES = ["/assets/vendor/quill/quill.snow.css"];
const EDITOR_SCRIPTS = ["/assets/vendor/quill/quill.js", "/assets/js/editor.js"];

/** Loads the rich-text editor on this page (only forms with an HTML field). */
export function useEditor(res: Response): void {
  res.locals["adminStyles"] = EDITOR_STYLES;
  res.locals["adminScripts"] = EDITOR_SCRIPTS;
}

/** The screens of the "who we are" part of the panel, as far as the signed-in role may use them. */
export function sectionLinks(role: Role): { href: string; label: string }[] {
  const all = [
    { href: "/admin/intro-pages", label: "Trang giới thiệu", roles: ["admin", "editor"] },
    { href: "/admin/departments", label: "Đơn vị (cơ cấu tổ chức)", roles: ["admin", "editor"] },
    { href: "/admin/people", label: "Lãnh đạo, cán bộ", roles: ["admin", "editor"] },
    { href: "/admin/settings/english", label: "Tên, địa chỉ tiếng Anh", roles: ["admin"] },
    { href: "/admin/settings/links", label: "Liên kết website", roles: ["admin"] },
  ];
  return all.filter((l) => l.roles.includes(role)).map(({ href, label }) => ({ href, label }));
}

/** A router whose pages under `path` are for `roles` only and show the section's menu. */
export function sectionRouter(path: string, ...roles: Role[]): Router {
  const router = ExpressRouter();
  router.use(path, requireRole(...roles), (_req, res, next) => {
    const user = res.locals["user"] as { role: Role };
    res.locals["sectionLinks"] = sectionLinks(user.role);
    next();
  });
  return router;
}

/** An ordered list of the section: how its move and delete routes render, act and clear caches. */
export interface OrderedListRoutes {
  /** Where the list lives, e.g. "/admin/people". */
  base: string;
  /** The flash after a delete, e.g. "Đã xoá cán bộ.". */
  deleted: string;
  renderList(res: Response, errors: FieldErrors): Promise<void>;
  /** The confirmation page (with the reason it cannot be deleted, if any). */
  renderDelete(res: Response, id: number, errors: FieldErrors): Promise<void>;
  /** Moves a row up or down; returns the name the message shows. */
  move(actor: Actor, id: number, direction: "up" | "down"): Promise<string>;
  remove(actor: Actor, id: number): Promise<unknown>;
  /** After every write: the kept public pages are dropped. */
  changed(): Promise<void>;
}

/** POST :id/move (up/down buttons without JavaScript), GET :id/delete (asks first), POST :id/delete. */
export function mountMoveAndDelete(router: Router, list: OrderedListRoutes): void {
  const path = list.base.slice("/admin".length);

  // POST /admin/<list>/:id/move: direction=up|down
  router.post(`${path}/:id/move`, async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    let flash = "";
    await handleForm(req, res, { flash: () => flash, field: "direction", redirect: `${list.base}#muc-${id}`, refused: (errors) => list.renderList(res, errors) }, async () => {
      const { direction } = parseForm(MoveBody, req.body ?? {});
      const name = await list.move(actorOf(req, res), id, direction);
      flash = `Đã chuyển “${name}” ${direction === "up" ? "lên" : "xuống"}.`;
      await list.changed();
      return { id, url: `${list.base}/${id}/edit` };
    });
  });

  // GET /admin/<list>/:id/delete: asks first, or says why it cannot be deleted
  router.get(`${path}/:id/delete`, async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await list.renderDelete(res, id, {});
  });

  // POST /admin/<list>/:id/delete
  router.post(`${path}/:id/delete`, async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await handleForm(req, res, { flash: list.deleted, redirect: list.base, field: "confirm", refused: (errors) => list.renderDelete(res, id, errors) }, async () => {
      await list.remove(actorOf(req, res), id);
      await list.changed();
      return { id, url: list.base };
    });
  });
}
