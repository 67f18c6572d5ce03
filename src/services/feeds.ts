import { Feed, type Enclosure } from "feed";
import type { PrismaClient } from "../db.js";
import { notFound } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { absolute, xmlSafe } from "../lib/site-url.js";
import { articleUrl, publicWhere } from "./articles-public.js";
import { photoView } from "./media.js";
import { articleBodyParts, feedArticleHtml } from "./media-inline.js";
import type { FileStore } from "./file-store.js";
import { asHtmlText } from "./section-feed.js";

export const FEED_SIZE = 20;

export interface FeedSite {
  siteName: string;
  copyright: string;
}

export interface FeedOptions {
  base: string;
  files: Pick<FileStore, "size">;
  /** A category's own feed; the whole site's when absent. */
  categorySlug?: string;
}

// RSS 2.0 wants the enclosure's size in bytes: the file store knows it.
async function coverEnclosure(src: string, options: FeedOptions): Promise<Enclosure | undefined> {
  const size = await options.files.size(src.slice(src.lastIndexOf("/") + 1));
  return size === null ? undefined : { url: absolute(options.base, src), type: "image/jpeg", length: size };
}


/**
 * The latest published articles as RSS 2.0, with absolute links, the cover photo as enclosure and
 * the whole article (content:encoded) with its photos.
 */
export async function rssFeed(prisma: PrismaClient, clock: Clock, site: FeedSite, options: FeedOptions): Promise<string> {
  const category = options.categorySlug
    ? await prisma.category.findUnique({ where: { slug: options.categorySlug } })
    : null;
  if (options.categorySlug && !category) throw notFound("Không tìm thấy chuyên mục này.");
  const rows = await prisma.article.findMany({
    where: { AND: [publicWhere(clock()), category ? { categoryId: category.id } : {}] },
    include: { category: true, photos: { orderBy: { position: "asc" }, include: { photo: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
  });
  const link = absolute(options.base, category ? `/chuyen-muc/${category.slug}` : "/");
  const feed = new Feed({
    id: link,
    link,
    title: xmlSafe(category ? `${category.name} | ${site.siteName}` : site.siteName),
    description: asHtmlText(category?.description || `Tin mới nhất của ${site.siteName}`),
    language: "vi",
    copyright: xmlSafe(site.copyright),
    updated: rows.reduce<Date | undefined>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), undefined) ?? clock(),
    ttl: 30,
    generator: "Cổng thông tin CCHC",
  });
  for (const row of rows) {
    const url = absolute(options.base, articleUrl(row.slug));
    const first = row.photos[0];
    // The whole article, its photos (attached and inside the text) drawn as on the page.
    const parts = await articleBodyParts(prisma, row.body, { hasCover: Boolean(first) });
    const content = xmlSafe(feedArticleHtml(parts, row.photos.map((p) => photoView(p.photo)), options.base));
    feed.addItem({
      title: xmlSafe(row.title),
      link: url,
      guid: url,
      date: row.publishedAt ?? row.createdAt,
      description: asHtmlText(row.summary),
      content,
      category: [{ name: xmlSafe(row.category.name), domain: absolute(options.base, `/chuyen-muc/${row.category.slug}`) }],
      enclosure: first ? await coverEnclosure(photoView(first.photo).src, options) : undefined,
    });
  }
  // The package marks every guid isPermaLink="false"; ours are the article's permanent address.
  return feed.rss2().replaceAll('<guid isPermaLink="false">', '<guid isPermaLink="true">');
}
