import type { Response } from "express";
import type { AppContext } from "../../app.js";
import { STATUS_LABELS } from "../../services/article-access.js";
import { countByView, listAdminArticles, type AdminListFilters } from "../../services/articles-admin.js";
import { listEntries } from "../../services/taxonomy.js";
import { currentUser } from "./articles-form.js";
import { ListQuery } from "./articles.schema.js";

// Only the list loads the "select all" script; the page works without it.
const LIST_SCRIPTS = ["/assets/js/articles-bulk.js"];

/** The list's own address with its filters, for the pagination links. */
export function listPath(filters: AdminListFilters): string {
  const params = new URLSearchParams();
  for (const key of ["status", "categoryId", "authorId", "q"] as const) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/admin/articles?${search}` : "/admin/articles";
}

/** The list's address with its filters and page: where a bulk action sends the person back. */
export function listUrl(filters: AdminListFilters): string {
  const path = listPath(filters);
  return filters.trang > 1 ? `${path}${path.includes("?") ? "&" : "?"}trang=${filters.trang}` : path;
}

/** The filters of a list address sent back by a form (`returnTo`); anything else is the plain list. */
export function filtersFromUrl(value: unknown): AdminListFilters {
  const query = typeof value === "string" && value.startsWith("/admin/articles?") ? value.slice(value.indexOf("?") + 1) : "";
  const parsed = ListQuery.safeParse(Object.fromEntries(new URLSearchParams(query)));
  return parsed.success ? parsed.data : { trang: 1 };
}

/** What a refused bulk action shows again: the messages and what the person chose. */
export interface BulkForm {
  errors: Record<string, string>;
  values: { action: string; categoryId: string; ids: string[] };
}

const NO_BULK: BulkForm = { errors: {}, values: { action: "", categoryId: "", ids: [] } };

/** The staff list of articles, with its tabs, filters and the bulk action bar. */
export async function renderArticleList(ctx: AppContext, res: Response, filters: AdminListFilters, bulk: BulkForm = NO_BULK): Promise<void> {
  const { prisma, clock } = ctx;
  const user = currentUser(res);
  const [list, counts, categories, authors] = await Promise.all([
    listAdminArticles(prisma, clock, user, filters),
    countByView(prisma, clock, user),
    listEntries(prisma, "category"),
    listEntries(prisma, "author"),
  ]);
  res.locals["adminScripts"] = LIST_SCRIPTS;
  res.render("admin/articles/index", {
    pageTitle: filters.status === "trash" ? "Thùng rác" : "Bài viết",
    ...list,
    counts,
    statusLabels: STATUS_LABELS,
    categories,
    authors,
    filters,
    basePath: listPath(filters),
    returnTo: listUrl(filters),
    bulk,
  });
}
