import type { PrismaClient } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { notFound } from "../errors.js";
import { formatStamp, type Clock } from "../lib/vi-time.js";
import { paginate, type Page } from "../lib/pagination.js";
import { photoView, type PhotoView } from "./media.js";
import { articleBodyParts, type BodyPart } from "./media-inline.js";

// What visitors may read: published, due, not in the trash.
export function publicWhere(now: Date): Prisma.ArticleWhereInput {
  return { status: "published", publishedAt: { lte: now }, deletedAt: null };
}

const cardInclude = {
  category: { select: { name: true, slug: true } },
  photos: { orderBy: { position: "asc" }, take: 1, include: { photo: true } },
} satisfies Prisma.ArticleInclude;

type CardRow = Prisma.ArticleGetPayload<{ include: typeof cardInclude }>;

export interface ArticleCard {
  id: number;
  title: string;
  url: string;
  summary: string;
  stamp: string;
  publishedAt: Date;
  category: { name: string; url: string };
  cover: PhotoView | null;
}

export const articleUrl = (slug: string) => `/tin-tuc/${slug}`;

function toCard(row: CardRow): ArticleCard {
  const first = row.photos[0];
  const publishedAt = row.publishedAt ?? row.createdAt;
  return {
    id: row.id,
    title: row.title,
    url: articleUrl(row.slug),
    summary: row.summary,
    stamp: formatStamp(publishedAt),
    publishedAt,
    category: { name: row.category.name, url: `/chuyen-muc/${row.category.slug}` },
    cover: first ? photoView(first.photo) : null,
  };
}

const newestFirst = [{ publishedAt: "desc" }, { id: "desc" }] satisfies Prisma.ArticleOrderByWithRelationInput[];

export async function listCards(
  prisma: PrismaClient,
  clock: Clock,
  where: Prisma.ArticleWhereInput,
  take: number,
  skip = 0,
): Promise<ArticleCard[]> {
  const rows = await prisma.article.findMany({
    where: { AND: [publicWhere(clock()), where] },
    include: cardInclude,
    orderBy: newestFirst,
    take,
    skip,
  });
  return rows.map(toCard);
}

export interface PagedCards {
  cards: ArticleCard[];
  page: Page;
}

/**
 * The ids of a listing's public articles, newest first, from one index scan: kept in memory (see
 * public-cache.ts), so any page of the listing, the 200th as the first, costs one primary-key read
 * and never an OFFSET scan that grows with the page number.
 */
export async function listingIds(prisma: PrismaClient, clock: Clock, where: Prisma.ArticleWhereInput): Promise<Int32Array> {
  const rows = await prisma.article.findMany({ where: { AND: [publicWhere(clock()), where] }, select: { id: true }, orderBy: newestFirst });
  return Int32Array.from(rows, (r) => r.id);
}

/** One page of a listing; a page past the end is a 404, as on any paginated site. */
export async function pageOfListing(prisma: PrismaClient, ids: Int32Array, pageNumber: number, pageSize = 10): Promise<PagedCards> {
  const page = paginate(pageNumber, pageSize, ids.length);
  if (pageNumber > page.pageCount) throw notFound("Trang này không tồn tại.");
  const wanted = Array.from(ids.subarray(page.skip, page.skip + pageSize));
  const rows = await prisma.article.findMany({ where: { id: { in: wanted } }, include: cardInclude });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const cards = wanted.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toCard(row)] : [];
  });
  return { cards, page };
}

export interface HomeData {
  featured: ArticleCard | null;
  latest: ArticleCard[];
  blocks: { name: string; url: string; cards: ArticleCard[] }[];
}

export async function getHome(prisma: PrismaClient, clock: Clock): Promise<HomeData> {
  const [featuredList, categories] = await Promise.all([
    listCards(prisma, clock, { featured: true }, 1),
    prisma.category.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
  ]);
  const featured = featuredList[0] ?? null;
  const exclude = featured ? { id: { not: featured.id } } : {};
  const latest = await listCards(prisma, clock, exclude, 6);
  const blocks = await Promise.all(
    categories.map(async (c) => ({
      name: c.name,
      url: `/chuyen-muc/${c.slug}`,
      cards: await listCards(prisma, clock, { categoryId: c.id }, 4),
    })),
  );
  return { featured, latest, blocks: blocks.filter((b) => b.cards.length > 0) };
}

export async function getTicker(prisma: PrismaClient, clock: Clock) {
  const rows = await prisma.article.findMany({
    where: { AND: [publicWhere(clock()), { ticker: true }] },
    select: { title: true, slug: true },
    orderBy: newestFirst,
    take: 5,
  });
  return rows.map((r) => ({ title: r.title, url: articleUrl(r.slug) }));
}

const fullInclude = {
  category: true,
  department: true,
  author: true,
  photos: { orderBy: { position: "asc" }, include: { photo: true } },
} satisfies Prisma.ArticleInclude;

export type ArticleRow = Prisma.ArticleGetPayload<{ include: typeof fullInclude }>;

export interface ArticlePage {
  id: number;
  title: string;
  slug: string;
  url: string;
  summary: string;
  body: string;
  /** The body with its photos cut out, to be drawn like the attached ones (src/services/media-inline.ts). */
  bodyParts: BodyPart[];
  stamp: string;
  publishedAt: Date;
  updatedAt: Date;
  status: string;
  category: { name: string; url: string };
  department: { name: string; url: string } | null;
  author: { name: string; url: string } | null;
  photos: PhotoView[];
  related: ArticleCard[];
}

export async function toArticlePage(
  prisma: PrismaClient,
  clock: Clock,
  row: ArticleRow,
): Promise<ArticlePage> {
  const related = await listCards(prisma, clock, { categoryId: row.categoryId, id: { not: row.id } }, 4);
  const publishedAt = row.publishedAt ?? row.createdAt;
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    url: articleUrl(row.slug),
    summary: row.summary,
    body: row.body,
    bodyParts: await articleBodyParts(prisma, row.body, { hasCover: row.photos.length > 0 }),
    stamp: formatStamp(publishedAt),
    publishedAt,
    updatedAt: row.updatedAt,
    status: row.status,
    category: { name: row.category.name, url: `/chuyen-muc/${row.category.slug}` },
    department: row.department ? { name: row.department.name, url: `/don-vi/${row.department.slug}` } : null,
    author: row.author ? { name: row.author.name, url: `/tac-gia/${row.author.slug}` } : null,
    photos: row.photos.map((p) => photoView(p.photo)),
    related,
  };
}

export async function getPublishedArticle(prisma: PrismaClient, clock: Clock, slug: string): Promise<ArticlePage> {
  const row = await prisma.article.findFirst({
    where: { AND: [publicWhere(clock()), { slug }] },
    include: fullInclude,
  });
  if (!row) throw notFound("Không tìm thấy bài viết này; có thể bài đã được gỡ hoặc đổi địa chỉ.");
  return toArticlePage(prisma, clock, row);
}

/** Staff preview: any article that is not deleted, whatever its status. */
export async function getArticleForPreview(prisma: PrismaClient, clock: Clock, id: number): Promise<ArticlePage> {
  const row = await prisma.article.findFirst({ where: { id, deletedAt: null }, include: fullInclude });
  if (!row) throw notFound("Không tìm thấy bài viết.");
  return toArticlePage(prisma, clock, row);
}
