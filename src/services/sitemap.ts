import { SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from "sitemap";
import type { Readable } from "node:stream";
import type { PrismaClient } from "../db.js";
import { notFound } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { absolute, xmlSafe } from "../lib/site-url.js";
import { articleUrl, publicWhere } from "./articles-public.js";
import { photoView } from "./media.js";
import { SITEMAP_SECTIONS, sitemapOfSection, type SitemapSection } from "./sitemap-sections.js";

// A site of 100,000 articles is more than one sitemap file may hold (50,000 addresses) and more than
// one answer should weigh: /sitemap.xml is an index of small files, the site's pages in one and the
// articles, newest first, a thousand per file.
export const ARTICLES_PER_SITEMAP = 1000;
export const SITEMAP_PAGES = "/sitemap-trang.xml";
export const sitemapOfArticles = (n: number) => `/sitemap-bai-viet-${n}.xml`;

export interface SitemapSite {
  siteName: string;
  updatedAt: Date;
}

const maxDate = (...dates: (Date | null | undefined)[]) =>
  dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);

async function xmlOf(stream: SitemapStream | SitemapIndexStream, items: unknown[]): Promise<string> {
  for (const item of items) stream.write(item);
  stream.end();
  return (await streamToPromise(stream as unknown as Readable)).toString("utf8");
}

/** /sitemap.xml: the pages' file, one file per state-portal section, then one per thousand public articles. */
export function sitemapIndexXml(base: string, publicArticles: number): Promise<string> {
  const files = Math.max(1, Math.ceil(publicArticles / ARTICLES_PER_SITEMAP));
  const urls = [
    SITEMAP_PAGES,
    ...SITEMAP_SECTIONS.map((s) => sitemapOfSection(s.slug)),
    ...Array.from({ length: files }, (_, i) => sitemapOfArticles(i + 1)),
  ];
  return xmlOf(new SitemapIndexStream(), urls.map((url) => ({ url: absolute(base, url) })));
}

/** Home, contact and every listing that has public articles, each with the time it last changed. */
export async function sitemapPagesXml(prisma: PrismaClient, clock: Clock, base: string, site: SitemapSite): Promise<string> {
  const where = publicWhere(clock());
  const newestBy = (by: "categoryId" | "departmentId" | "authorId") =>
    prisma.article.groupBy({ by: [by], where, _max: { updatedAt: true, publishedAt: true } });
  const [categories, departments, authors, byCategory, byDepartment, byAuthor] = await Promise.all([
    prisma.category.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
    prisma.department.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
    prisma.author.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
    newestBy("categoryId"),
    newestBy("departmentId"),
    newestBy("authorId"),
  ]);
  // A listing changes when its newest article does; entries without public articles are left out.
  const newest = new Map<string, Date>();
  const note = (prefix: string, id: number | null, max: { updatedAt: Date | null; publishedAt: Date | null }) =>
    newest.set(`${prefix}${id}`, maxDate(max.updatedAt, max.publishedAt)!);
  for (const row of byCategory) note("c", row.categoryId, row._max);
  for (const row of byDepartment) note("d", row.departmentId, row._max);
  for (const row of byAuthor) note("a", row.authorId, row._max);
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
  return xmlOf(new SitemapStream({ hostname: base }), items);
}

/** File n of the articles: their addresses, photos and Google News tags, in the listing's order. */
export async function sitemapArticlesXml(prisma: PrismaClient, base: string, site: SitemapSite, ids: Int32Array, n: number): Promise<string> {
  const wanted = Array.from(ids.subarray((n - 1) * ARTICLES_PER_SITEMAP, n * ARTICLES_PER_SITEMAP));
  if (n < 1 || (!wanted.length && n > 1)) throw notFound("Không có tệp sơ đồ trang này.");
  const rows = await prisma.article.findMany({
    where: { id: { in: wanted } },
    select: { id: true, title: true, slug: true, updatedAt: true, publishedAt: true, photos: { orderBy: { position: "asc" }, include: { photo: true } } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = wanted.flatMap((id) => {
    const a = byId.get(id);
    if (!a) return [];
    return [
      {
        url: articleUrl(a.slug),
        lastmod: maxDate(a.updatedAt, a.publishedAt)!.toISOString(),
        img: a.photos.map((p) => ({ url: absolute(base, photoView(p.photo).src) })),
        // Google News tags carry the Vietnamese title and the publication time with each address.
        news: {
          publication: { name: xmlSafe(site.siteName), language: "vi" },
          publication_date: (a.publishedAt ?? a.updatedAt).toISOString(),
          title: xmlSafe(a.title),
        },
      },
    ];
  });
  return xmlOf(new SitemapStream({ hostname: base, xmlns: { news: true, video: false, xhtml: false, image: true } }), items);
}

/** One section's file: its public pages, each with the time it last changed. */
export async function sitemapSectionXml(prisma: PrismaClient, clock: Clock, base: string, section: SitemapSection): Promise<string> {
  const entries = await section.entries(prisma, clock());
  return xmlOf(new SitemapStream({ hostname: base }), entries.map((e) => ({ url: e.path, lastmod: e.lastmod.toISOString() })));
}
