import { Feed, type Enclosure } from "feed";
import { SitemapStream, streamToPromise, type SitemapItemLoose } from "sitemap";
import type { PrismaClient } from "../db.js";
import { notFound } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { absolute, xmlSafe } from "../lib/site-url.js";
import { articleUrl, publicWhere } from "./articles-public.js";
import { photoView } from "./media.js";
import type { FileStore } from "./file-store.js";

export const FEED_SIZE = 20;
// One sitemap file holds at most 50,000 addresses (sitemaps.org); the newest articles come first.
const SITEMAP_MAX_ARTICLES = 49_000;

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

/** The latest published articles as RSS 2.0, with absolute links and the cover photo as enclosure. */
// An RSS description is HTML to every feed reader, and the package puts it in CDATA as given: a
// summary is plain text, so "<", "&" (and a "]]>" that would end the CDATA) must arrive escaped.
const asHtmlText = (text: string) =>
  xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export async function rssFeed(prisma: PrismaClient, clock: Clock, site: FeedSite, options: FeedOptions): Promise<string> {
  const category = options.categorySlug
    ? await prisma.category.findUnique({ where: { slug: options.categorySlug } })
    : null;
  if (options.categorySlug && !category) throw notFound("Không tìm thấy chuyên mục này.");
  const rows = await prisma.article.findMany({
    where: { AND: [publicWhere(clock()), category ? { categoryId: category.id } : {}] },
    include: { category: true, photos: { orderBy: { position: "asc" }, take: 1, include: { photo: true } } },
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
    feed.addItem({
      title: xmlSafe(row.title),
      link: url,
      guid: url,
      date: row.publishedAt ?? row.createdAt,
      description: asHtmlText(row.summary),
      category: [{ name: xmlSafe(row.category.name), domain: absolute(options.base, `/chuyen-muc/${row.category.slug}`) }],
      enclosure: first ? await coverEnclosure(photoView(first.photo).src, options) : undefined,
    });
  }
  // The package marks every guid isPermaLink="false"; ours are the article's permanent address.
  return feed.rss2().replaceAll('<guid isPermaLink="false">', '<guid isPermaLink="true">');
}

const maxDate = (...dates: (Date | null | undefined)[]) =>
  dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);

/** Every public address a crawler should know, each with the time it last changed. */
export async function sitemapXml(
  prisma: PrismaClient,
  clock: Clock,
  base: string,
  site: { siteName: string; updatedAt: Date },
): Promise<string> {
  const [articles, categories, departments, authors] = await Promise.all([
    prisma.article.findMany({
      where: publicWhere(clock()),
      select: {
        title: true, slug: true, updatedAt: true, publishedAt: true, categoryId: true, departmentId: true, authorId: true,
        photos: { orderBy: { position: "asc" }, include: { photo: true } },
      },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take: SITEMAP_MAX_ARTICLES,
    }),
    prisma.category.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
    prisma.department.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
    prisma.author.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
  ]);
  // A listing changes when its newest article does; entries without public articles are left out.
  const newest = new Map<string, Date>();
  for (const a of articles) {
    for (const key of [`c${a.categoryId}`, `d${a.departmentId}`, `a${a.authorId}`]) {
      newest.set(key, maxDate(newest.get(key), a.updatedAt, a.publishedAt)!);
    }
  }
  const items: SitemapItemLoose[] = [
    { url: "/", lastmod: maxDate(...newest.values(), site.updatedAt)!.toISOString() },
    { url: "/lien-he", lastmod: site.updatedAt.toISOString() },
  ];
  const listings = [
    ...categories.map((c) => ({ entry: c, key: `c${c.id}`, path: `/chuyen-muc/${c.slug}` })),
    ...departments.map((d) => ({ entry: d, key: `d${d.id}`, path: `/don-vi/${d.slug}` })),
    ...authors.map((a) => ({ entry: a, key: `a${a.id}`, path: `/tac-gia/${a.slug}` })),
  ];
  for (const { entry, key, path: url } of listings) {
    const changed = newest.get(key);
    if (changed) items.push({ url, lastmod: maxDate(changed, entry.updatedAt)!.toISOString() });
  }
  for (const a of articles) {
    items.push({
      url: articleUrl(a.slug),
      lastmod: maxDate(a.updatedAt, a.publishedAt)!.toISOString(),
      img: a.photos.map((p) => ({ url: absolute(base, photoView(p.photo).src) })),
      // Google News tags carry the Vietnamese title and the publication time with each address.
      news: {
        publication: { name: xmlSafe(site.siteName), language: "vi" },
        publication_date: (a.publishedAt ?? a.updatedAt).toISOString(),
        title: xmlSafe(a.title),
      },
    });
  }
  const stream = new SitemapStream({ hostname: base, xmlns: { news: true, video: false, xhtml: false, image: true } });
  for (const item of items) stream.write(item);
  stream.end();
  return (await streamToPromise(stream)).toString("utf8");
}
