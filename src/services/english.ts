import type { PrismaClient } from "../db.js";
import { absolute } from "../lib/site-url.js";
import { recordAudit, type Actor } from "./audit.js";
import { englishUrl, ENGLISH_CONTACT_SLUG, ENGLISH_ORGANISATION_SLUG, INTRO_BASE, introUrl, ORGANISATION_SLUG } from "./intro-pages.js";
import { DIRECTORY_PATH, englishRows, loadIntroRows, type IntroRow } from "./intro-pages-public.js";
import { getSettings } from "./settings.js";

// English pages (/en): the site's name, functions, organisation and contacts, written by staff
// beside the Vietnamese texts. Nothing is translated by machine: a page without an English text has
// no English page (404) and no link to one. No English site name means no English side at all.

export const ENGLISH_HOME = "/en";
export const ENGLISH_ORGANISATION = englishUrl(ENGLISH_ORGANISATION_SLUG);
export const ENGLISH_CONTACT = englishUrl(ENGLISH_CONTACT_SLUG);

export interface EnglishSiteInput {
  siteNameEn: string;
  managingUnitEn: string;
  addressEn: string;
}

/** Saves the English site texts with an audit entry naming what changed; returns those names. */
export async function updateEnglishSite(prisma: PrismaClient, actor: Actor, input: EnglishSiteInput): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const current = await getSettings(tx);
    const changed = (Object.keys(input) as (keyof EnglishSiteInput)[]).filter((key) => input[key] !== current[key]);
    if (!changed.length) return changed;
    await tx.siteSettings.update({ where: { id: 1 }, data: input });
    await recordAudit(tx, { ...actor, action: "settings.update", target: "Tiếng Anh", detail: changed.join(", ") });
    return changed;
  });
}

/** Which Vietnamese page has which English twin. */
export interface LanguagePairs {
  /** The English page of a Vietnamese path, or null when there is none. */
  english(path: string): string | null;
  /** The Vietnamese page of an English path, or null. */
  vietnamese(path: string): string | null;
}

const clean = (path: string) => path.split(/[?#]/)[0]!.replace(/(.)\/+$/, "$1");
const isEnglishPath = (path: string) => clean(path) === ENGLISH_HOME || path.startsWith(`${ENGLISH_HOME}/`);

export function languagePairsOf(siteNameEn: string, rows: IntroRow[], organisationInEnglish: boolean): LanguagePairs {
  const both = new Map<string, string>();
  const toEnglishOnly = new Map<string, string>();
  if (siteNameEn.trim()) {
    both.set(INTRO_BASE, ENGLISH_HOME);
    both.set(DIRECTORY_PATH, ENGLISH_CONTACT);
    // A link for the global language switch; their English twins point back to the pages above.
    toEnglishOnly.set("/", ENGLISH_HOME);
    toEnglishOnly.set("/lien-he", ENGLISH_CONTACT);
    if (organisationInEnglish) both.set(introUrl(ORGANISATION_SLUG), ENGLISH_ORGANISATION);
    for (const row of englishRows(rows)) if (row.slug !== ORGANISATION_SLUG) both.set(introUrl(row.slug), englishUrl(row.slugEn!));
  }
  const back = new Map([...both].map(([vi, en]) => [en, vi]));
  return {
    english: (path) => both.get(clean(path)) ?? toEnglishOnly.get(clean(path)) ?? null,
    vietnamese: (path) => back.get(clean(path)) ?? null,
  };
}

export async function loadLanguagePairs(prisma: PrismaClient): Promise<LanguagePairs> {
  const [settings, rows, englishUnits] = await Promise.all([
    getSettings(prisma),
    loadIntroRows(prisma),
    prisma.department.count({ where: { listed: true, nameEn: { not: "" } } }),
  ]);
  return languagePairsOf(settings.siteNameEn, rows, englishUnits > 0);
}

/** Anything that keeps data until the next write (ctx.chrome). */
export interface PageDataCache {
  page<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** The language pairs, kept with the public pages until the next write. */
export function languagePairs(prisma: PrismaClient, cache: PageDataCache): Promise<LanguagePairs> {
  return cache.page("english:pairs", () => loadLanguagePairs(prisma));
}

/**
 * The English page of a Vietnamese path, or null: for the language switch in the global header
 * (`await englishAlternateOf(ctx.prisma, ctx.chrome, req.path)`).
 */
export async function englishAlternateOf(prisma: PrismaClient, cache: PageDataCache, path: string): Promise<string | null> {
  return (await languagePairs(prisma, cache)).english(path);
}

/**
 * The language link of the header on every public page: the page's twin when it has one, else
 * the other language's home; null when the site has no English text at all.
 */
export function languageLinkOf(pairs: LanguagePairs, path: string): { href: string; lang: "vi" | "en"; label: string } | null {
  if (!pairs.english("/")) return null;
  if (isEnglishPath(path)) return { href: pairs.vietnamese(path) ?? "/", lang: "vi", label: "Tiếng Việt" };
  return { href: pairs.english(path) ?? ENGLISH_HOME, lang: "en", label: "English" };
}

export interface Alternate {
  hreflang: "vi" | "en";
  href: string;
}

/**
 * The `<link rel="alternate" hreflang>` pair of a page and its twin (both ways, each page naming
 * itself too), and the switch link shown on the page; none when the page has no twin.
 */
export function alternatesOf(pairs: LanguagePairs, path: string, baseUrl: string): { alternates: Alternate[]; switchTo: { href: string; lang: "vi" | "en"; label: string } | null } {
  const inEnglish = isEnglishPath(path);
  const en = inEnglish ? clean(path) : pairs.english(path);
  const vi = inEnglish ? pairs.vietnamese(path) : clean(path);
  if (!en || !vi || pairs.vietnamese(en) !== vi) return { alternates: [], switchTo: null };
  const alternates: Alternate[] = [
    { hreflang: "vi", href: absolute(baseUrl, vi) },
    { hreflang: "en", href: absolute(baseUrl, en) },
  ];
  const switchTo = inEnglish ? { href: vi, lang: "vi" as const, label: "Tiếng Việt" } : { href: en, lang: "en" as const, label: "English" };
  return { alternates, switchTo };
}
