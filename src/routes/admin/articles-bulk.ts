import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { HttpError, invalid } from "../../errors.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { checkForm } from "../../middleware/validate.js";
import type { AdminListFilters } from "../../services/articles-admin.js";
import { applyBulkAction, type BulkAction, type BulkOutcome } from "../../services/articles-bulk.js";
import { BulkBody } from "./articles-bulk.schema.js";
import { actorOf } from "./articles-form.js";
import { filtersFromUrl, listUrl, renderArticleList } from "./articles-list.js";

/** Refused articles named one by one in the message; the rest are counted. */
const MAX_NAMED = 10;

const DONE: Record<BulkAction, (count: number, outcome: BulkOutcome) => string> = {
  publish: (n) => `Đã xuất bản ${n} bài`,
  unpublish: (n) => `Đã chuyển ${n} bài về nháp`,
  trash: (n) => `Đã chuyển ${n} bài vào thùng rác`,
  category: (n, outcome) => `Đã chuyển ${n} bài sang chuyên mục «${outcome.category?.name ?? ""}»`,
};

/** The message after a bulk action: what was done, what was refused and why, and that each stood alone. */
export function bulkSummary(outcome: BulkOutcome): string {
  const { done, unchanged, scheduled, refused } = outcome;
  const parts: string[] = [];
  if (done.length) {
    const notes: string[] = [];
    if (scheduled.length) notes.push(`${scheduled.length} bài có thời điểm đăng trong tương lai nên được lên lịch`);
    if (unchanged.length) notes.push(`${unchanged.length} bài vốn đã như vậy nên không cần thay đổi`);
    parts.push(`${DONE[outcome.action](done.length, outcome)}${notes.length ? ` (${notes.join("; ")})` : ""}`);
  } else {
    parts.push("Không bài nào được thay đổi");
  }
  if (refused.length) {
    const why = refused.every((r) => r.status === 403) ? "không được phép" : "không thực hiện được";
    const named = refused.slice(0, MAX_NAMED).map((r) => `${r.title === null ? `bài #${r.id}` : `«${r.title}»`} (${r.error.replace(/\.$/, "")})`);
    const more = refused.length > MAX_NAMED ? ` và ${refused.length - MAX_NAMED} bài khác` : "";
    parts.push(`${refused.length} bài ${why}: ${named.join("; ")}${more}`);
  }
  const alone = refused.length && done.length ? " Mỗi bài được xử lý riêng: bài bị từ chối không làm mất thay đổi của các bài đã thực hiện." : "";
  return `${parts.join("; ")}.${alone}`;
}

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** Bad input: nothing was changed; the list again with the messages (422), or {"error"} for scripts. */
async function refuse(ctx: AppContext, req: Request, res: Response, error: HttpError, filters: AdminListFilters): Promise<void> {
  const errors = Object.keys(error.fields).length ? error.fields : { action: error.message };
  res.status(error.status);
  if (wantsJson(req)) return void res.json({ error: Object.values(errors)[0], fields: errors });
  const body = (req.body ?? {}) as Record<string, unknown>;
  const ids = (Array.isArray(body["ids"]) ? body["ids"] : [body["ids"]]).map(text).filter(Boolean);
  await renderArticleList(ctx, res, filters, { errors, values: { action: text(body["action"]), categoryId: text(body["categoryId"]), ids } });
}

/** Bulk actions on the article list: mounted before /articles/:id so "bulk" is never read as an id. */
export function articleBulkRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();

  // POST /admin/articles/bulk
  router.post("/articles/bulk", async (req, res) => {
    const filters = filtersFromUrl((req.body as Record<string, unknown> | undefined)?.["returnTo"]);
    let outcome: BulkOutcome;
    try {
      const checked = checkForm(BulkBody, req.body ?? {});
      if (!checked.ok) throw invalid(checked.errors);
      outcome = await applyBulkAction(prisma, clock, actorOf(req, res), checked.data);
    } catch (error) {
      if (error instanceof HttpError && error.status === 422) return refuse(ctx, req, res, error, filters);
      // Articles before the failing one may have changed, each in its own transaction.
      await ctx.chrome.invalidate();
      throw error;
    }
    // Like a single change: every cached page that might show one of them is forgotten.
    if (outcome.done.length > outcome.unchanged.length) await ctx.chrome.invalidate();
    if (wantsJson(req)) {
      const refused = outcome.refused.map(({ id, error }) => ({ id, error }));
      return void res.json({ done: outcome.done, unchanged: outcome.unchanged, refused });
    }
    setFlash(req, bulkSummary(outcome));
    res.redirect(303, listUrl(filters));
  });
  return router;
}
