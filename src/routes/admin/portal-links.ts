import type { Response, Router } from "express";
import type { AppContext } from "../../app.js";
import { parseForm } from "../../middleware/validate.js";
import { getSettings } from "../../services/settings.js";
import { MAX_PORTAL_LINKS, parsePortalLinks, updatePortalLinks } from "../../services/portal-links.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { sectionRouter } from "./organisation-form.js";
import { PortalLinksBody, rowsOf, type LinkRow } from "./portal-links.schema.js";

const PAGE = "/admin/settings/links";
const BLANK_ROWS = 3;

/** The rows the form shows: the links, then a few blank rows to add more (never past the limit). */
function withBlankRows(rows: LinkRow[]): LinkRow[] {
  const blanks = Math.max(0, Math.min(BLANK_ROWS, MAX_PORTAL_LINKS - rows.length));
  return [...rows, ...Array.from({ length: blanks }, () => ({ title: "", url: "", remove: false }))];
}

/** The links block of the sidebar at /admin/settings/links (administrators, like the other settings). */
export function portalLinksRouter({ prisma, chrome }: AppContext): Router {
  const router = sectionRouter("/settings/links", "admin");

  const render = async (res: Response, rows: LinkRow[] | null, errors: FieldErrors) => {
    const stored = parsePortalLinks((await getSettings(prisma)).links).map((l) => ({ ...l, remove: false }));
    res.render("admin/portal-links/edit", { pageTitle: "Liên kết website", rows: rows ?? withBlankRows(stored), max: MAX_PORTAL_LINKS, errors });
  };

  // GET /admin/settings/links
  router.get("/settings/links", (_req, res) => render(res, null, {}));

  // POST /admin/settings/links: title and url once per row, remove = numbers of rows to drop
  router.post("/settings/links", (req, res) => {
    let changed = false;
    const flash = () => (changed ? "Đã lưu các liên kết. Cột bên của mọi trang đã được cập nhật." : "Không có thay đổi nào để lưu.");
    return handleForm(req, res, { flash, field: "links", refused: (errors) => render(res, rowsOf(req.body ?? {}), errors) }, async () => {
      changed = await updatePortalLinks(prisma, actorOf(req, res), parseForm(PortalLinksBody, req.body ?? {}));
      if (changed) await chrome.invalidate();
      return { id: 1, url: PAGE };
    });
  });
  return router;
}
