import type { PrismaClient } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { forbidden } from "../errors.js";
import { fold } from "../lib/fold.js";
import { paginateWithin, type Page } from "../lib/pagination.js";
import { formatStamp, toLocalInput, type Clock } from "../lib/vi-time.js";
import { assertCanEdit, assertNotTrashed, isEditor, statusBadge, type DisplayStatus } from "./article-access.js";
import { findArticle } from "./article-workflow.js";
import { articleUrl, getArticleForPreview, type ArticlePage } from "./articles-public.js";
import { photoView, type PhotoView } from "./media.js";
import { listEntries, type TaxonomyEntry } from "./taxonomy.js";
import type { CurrentUser } from "./users.js";

const PAGE_SIZE = 20;

export interface AdminListFilters {
  status?: DisplayStatus | undefined;
  categoryId?: number | undefined;
  authorId?: number | undefined;
  q?: string | undefined;
  trang: number;
}

export interface AdminArticleRow {
  id: number;
  title: string;
  status: DisplayStatus;
  statusLabel: string;
  category: string;
  author: string | null;
  createdBy: string | null;
  stamp: string | null;
  publishedAtIso: string | null;
  publicUrl: string | null;
  canEdit: boolean;
}

function statusWhere(view: DisplayStatus | undefined, now: Date): Prisma.ArticleWhereInput {
  switch (view) {
    case "trash":
      return { deletedAt: { not: null } };
    case "published":
      return { deletedAt: null, status: "published", OR: [{ publishedAt: null }, { publishedAt: { lte: now } }] };
    case "scheduled":
      return { deletedAt: null, status: "published", publishedAt: { gt: now } };
    case "draft":
    case "pending":
      return { deletedAt: null, status: view };
    default:
      return { deletedAt: null };
  }
}

/**
 * Title search that ignores case and diacritics ("can tho" finds "Cần Thơ"), which SQL LIKE cannot
 * do for Vietnamese; titles are short and the staff list is small, so folding them here is cheap.
 */
async function titleMatches(prisma: PrismaClient, where: Prisma.ArticleWhereInput, q: string): Promise<number[]> {
  const needle = fold(q);
  const rows = await prisma.article.findMany({ where, select: { id: true, title: true } });
  return rows.filter((r) => fold(r.title).includes(needle)).map((r) => r.id);
}

/** The staff list: everything for editors, an author's own articles for authors. */
export async function listAdminArticles(prisma: PrismaClient, clock: Clock, user: CurrentUser, filters: AdminListFilters) {
  const now = clock();
  const conditions: Prisma.ArticleWhereInput[] = [statusWhere(filters.status, now)];
  if (!isEditor(user)) conditions.push({ createdById: user.id });
  if (filters.categoryId) conditions.push({ categoryId: filters.categoryId });
  if (filters.authorId) conditions.push({ authorId: filters.authorId });
  if (filters.q) conditions.push({ id: { in: await titleMatches(prisma, { AND: [...conditions] }, filters.q) } });
  const where = { AND: conditions };

  const total = await prisma.article.count({ where });
  const page: Page = paginateWithin(filters.trang, PAGE_SIZE, total);
  const rows = await prisma.article.findMany({
    where,
    include: { category: { select: { name: true } }, author: { select: { name: true } }, createdBy: { select: { name: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: PAGE_SIZE,
  });
  const articles: AdminArticleRow[] = rows.map((row) => {
    const badge = statusBadge(row, now);
    return {
      id: row.id,
      title: row.title,
      ...badge,
      category: row.category.name,
      author: row.author?.name ?? null,
      createdBy: row.createdBy?.name ?? null,
      stamp: row.publishedAt ? formatStamp(row.publishedAt) : null,
      publishedAtIso: row.publishedAt?.toISOString() ?? null,
      publicUrl: badge.status === "published" ? articleUrl(row.slug) : null,
      canEdit: isEditor(user) || (row.createdById === user.id && row.status !== "published"),
    };
  });
  return { articles, page };
}

const LIST_VIEWS: DisplayStatus[] = ["draft", "pending", "published", "scheduled", "trash"];

/** How many articles each status tab holds, for the tabs above the list. */
export async function countByView(prisma: PrismaClient, clock: Clock, user: CurrentUser) {
  const now = clock();
  const own: Prisma.ArticleWhereInput = isEditor(user) ? {} : { createdById: user.id };
  const counts = await Promise.all(
    [undefined, ...LIST_VIEWS].map((view) => prisma.article.count({ where: { AND: [statusWhere(view, now), own] } })),
  );
  return { all: counts[0]!, ...Object.fromEntries(LIST_VIEWS.map((view, i) => [view, counts[i + 1]!])) } as Record<DisplayStatus | "all", number>;
}

export interface ArticleFormChoices {
  categories: TaxonomyEntry[];
  departments: TaxonomyEntry[];
  authors: TaxonomyEntry[];
  photos: PhotoView[];
}

/**
 * The lists the form offers: taxonomies, and the article's photos in order. Other photos are found
 * through the picker (GET /admin/media), which scales to the whole library.
 */
export async function articleFormChoices(prisma: PrismaClient, selectedPhotoIds: number[]): Promise<ArticleFormChoices> {
  const [categories, departments, authors, selected] = await Promise.all([
    listEntries(prisma, "category"),
    listEntries(prisma, "department"),
    listEntries(prisma, "author"),
    prisma.photo.findMany({ where: { id: { in: selectedPhotoIds } } }),
  ]);
  const byId = new Map(selected.map((p) => [p.id, p]));
  const ordered = selectedPhotoIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return { categories, departments, authors, photos: ordered.map(photoView) };
}

/** The form's values, as strings, the way the inputs show them. */
export interface ArticleFormValues {
  title: string;
  slug: string;
  summary: string;
  body: string;
  categoryId: string;
  departmentId: string;
  authorId: string;
  status: string;
  publishedAt: string;
  featured: boolean;
  ticker: boolean;
  photoIds: number[];
}

/** An article opened for editing, after checking this user may edit it. */
export async function getArticleForEdit(prisma: PrismaClient, clock: Clock, user: CurrentUser, id: number) {
  const row = await findArticle(prisma, id);
  assertCanEdit(user, row);
  assertNotTrashed(row);
  const photos = await prisma.articlePhoto.findMany({ where: { articleId: id }, orderBy: { position: "asc" } });
  const values: ArticleFormValues = {
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    body: row.body,
    categoryId: String(row.categoryId),
    departmentId: row.departmentId ? String(row.departmentId) : "",
    authorId: row.authorId ? String(row.authorId) : "",
    status: row.status,
    publishedAt: row.publishedAt ? toLocalInput(row.publishedAt) : "",
    featured: row.featured,
    ticker: row.ticker,
    photoIds: photos.map((p) => p.photoId),
  };
  const badge = statusBadge(row, clock());
  return { id: row.id, version: row.version, values, ...badge, publicUrl: badge.status === "published" ? articleUrl(row.slug) : null };
}

/** Staff preview: editors see any article, an author only their own. */
export async function previewArticle(prisma: PrismaClient, clock: Clock, user: CurrentUser, id: number) {
  const row = await findArticle(prisma, id);
  if (!isEditor(user) && row.createdById !== user.id) throw forbidden("Bạn chỉ được xem trước bài viết do chính mình tạo.");
  assertNotTrashed(row);
  const article: ArticlePage = await getArticleForPreview(prisma, clock, id);
  return { article, statusLabel: statusBadge(row, clock()).statusLabel };
}
