import type { PrismaClient } from "../db.js";

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

export const SITEMAP_SECTIONS: readonly SitemapSection[] = [];

export const sitemapOfSection = (slug: string) => `/sitemap-${slug}.xml`;
