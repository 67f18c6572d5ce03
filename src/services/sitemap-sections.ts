import type { PrismaClient } from "../db.js";
import { documentSitemapEntries } from "./documents-public.js";
import { procedureSitemapEntries } from "./procedures-public.js";
import { questionSitemapEntries } from "./questions-public.js";
import { organisationSitemapEntries } from "./organisation-sitemap.js";
import { parIndexSitemapEntries } from "./par-index.js";

// The state-portal sections (documents, procedures, answers, introduction…) each have a sitemap
// file of their own in the index (/sitemap-<slug>.xml), listed here. Adding a section adds a line.

export interface SitemapEntry {
  /** The page's path, e.g. "/van-ban/12-2024-qd-ubnd". */
  path: string;
  lastmod: Date;
}

export interface SitemapSection {
  /** The file is /sitemap-<slug>.xml. */
  slug: string;
  entries(prisma: PrismaClient, now: Date): Promise<SitemapEntry[]>;
}

export const SITEMAP_SECTIONS: readonly SitemapSection[] = [
  { slug: "van-ban", entries: documentSitemapEntries },
  { slug: "thu-tuc-hanh-chinh", entries: procedureSitemapEntries },
  { slug: "hoi-dap", entries: questionSitemapEntries },
  { slug: "gioi-thieu", entries: organisationSitemapEntries },
  {
    slug: "chi-so-cchc",
    entries: async (prisma, now) =>
      (await parIndexSitemapEntries(prisma)).map((e) => ({ path: e.url, lastmod: e.lastmod ?? now })),
  },
];

export const sitemapOfSection = (slug: string) => `/sitemap-${slug}.xml`;
