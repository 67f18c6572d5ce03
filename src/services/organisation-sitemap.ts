import type { PrismaClient } from "../db.js";
import { DIRECTORY_PATH, englishRows, loadIntroRows } from "./intro-pages-public.js";
import { englishUrl, INTRO_BASE, introUrl, ORGANISATION_SLUG } from "./intro-pages.js";
import { ENGLISH_CONTACT, ENGLISH_HOME, ENGLISH_ORGANISATION } from "./english.js";
import { getSettings } from "./settings.js";
import type { SitemapEntry } from "./sitemap-sections.js";

const newest = (dates: Date[]) => new Date(Math.max(0, ...dates.map((d) => d.getTime())));

/**
 * The sitemap file of "who we are": the introduction pages, the organisation, the directory and,
 * where staff wrote them, the English pages, each with the time what it shows last changed.
 */
export async function organisationSitemapEntries(prisma: PrismaClient, _now: Date): Promise<SitemapEntry[]> {
  const [rows, settings, units, people] = await Promise.all([
    loadIntroRows(prisma),
    getSettings(prisma),
    prisma.department.findMany({ where: { listed: true }, select: { updatedAt: true, nameEn: true } }),
    prisma.person.findMany({ select: { updatedAt: true } }),
  ]);
  const pages = rows.filter((r) => r.slug !== ORGANISATION_SLUG);
  const organisationPage = rows.find((r) => r.slug === ORGANISATION_SLUG);
  const organisation = newest([...units, ...people, ...(organisationPage ? [organisationPage] : [])].map((r) => r.updatedAt));
  const directory = newest([...units, ...people].map((r) => r.updatedAt));
  const entries: SitemapEntry[] = [
    { path: INTRO_BASE, lastmod: newest(rows.map((r) => r.updatedAt)) },
    ...pages.map((r) => ({ path: introUrl(r.slug), lastmod: r.updatedAt })),
    { path: introUrl(ORGANISATION_SLUG), lastmod: organisation },
    { path: DIRECTORY_PATH, lastmod: directory },
  ];
  if (!settings.siteNameEn.trim()) return entries;
  const english = englishRows(pages);
  return [
    ...entries,
    { path: ENGLISH_HOME, lastmod: newest([settings.updatedAt, ...english.map((r) => r.updatedAt)]) },
    ...english.map((r) => ({ path: englishUrl(r.slugEn!), lastmod: r.updatedAt })),
    ...(units.some((u) => u.nameEn.trim()) ? [{ path: ENGLISH_ORGANISATION, lastmod: organisation }] : []),
    { path: ENGLISH_CONTACT, lastmod: newest([settings.updatedAt, directory]) },
  ];
}
