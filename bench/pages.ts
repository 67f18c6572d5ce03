import { createPrisma, type PrismaClient } from "../src/db.js";
import { fold } from "../src/lib/fold.js";
import { htmlToText } from "../src/lib/html-text.js";
import { WORD } from "../src/lib/search-terms.js";
import { findHits } from "../src/services/search.js";
import { BROWSER_UA, type SiteFiles } from "../tests/helpers/server-process.js";

// The pages measured, with the target for each (app req/s over bare req/s), and the subjects
// picked from the built site: a generated article, the fullest category and department, and a
// common and a rare word of the generated text (the demo's when --articles 0).

export type Visitor = "returning" | "new";

export const VISITOR_HEADERS: Record<Visitor, Record<string, string>> = {
  // A reader inside a visit: a browser with a live visit cookie, so nothing is counted.
  returning: { "user-agent": BROWSER_UA, cookie: "cchc_visit=1" },
  // No cookie: every request is a new visit (one row written per request).
  new: { "user-agent": BROWSER_UA },
};

export interface Page {
  /** What --only matches: the key itself, or its first part ("category" picks category and category-p200). */
  key: string;
  visitor: Visitor;
  path: string;
  /** The lowest acceptable app/bare ratio, or null when the issue sets none. */
  target: number | null;
}

export interface Subjects {
  article: string;
  category: string;
  /** Page 200 of the category, or its last page when it has fewer (a page past the end is a 404). */
  deepPage: number;
  department: string;
  common: { word: string; hits: number };
  rare: { word: string; hits: number };
}

export function pagesFor(s: Subjects): Page[] {
  const q = (word: string) => `/tim-kiem?q=${encodeURIComponent(word)}`;
  const returning = (key: string, path: string, target: number | null): Page => ({ key, visitor: "returning", path, target });
  return [
    returning("home", "/", 0.5),
    { key: "home", visitor: "new", path: "/", target: 0.25 },
    returning("article", `/tin-tuc/${s.article}`, 0.5),
    returning("category", `/chuyen-muc/${s.category}`, 0.3),
    returning("category-p200", `/chuyen-muc/${s.category}?trang=${s.deepPage}`, 0.3),
    returning("department", `/don-vi/${s.department}`, 0.3),
    returning("search-common", q(s.common.word), 0.1),
    returning("search-rare", q(s.rare.word), 0.1),
    returning("rss", "/rss.xml", 0.3),
    returning("sitemap", "/sitemap.xml", 0.3),
    returning("sitemap-articles", "/sitemap-bai-viet-1.xml", 0.3),
    returning("contact", "/lien-he", null),
  ];
}

/** Which pages --only asks for (comma-separated keys or key prefixes; none: all); throws on an unknown name. */
export function pageFilter(only: string | undefined): (page: Page) => boolean {
  const none = { word: "", hits: 0 };
  const keys = [...new Set(pagesFor({ article: "", category: "", deepPage: 1, department: "", common: none, rare: none }).map((p) => p.key))];
  const wanted = (only ?? "").split(",").map((w) => w.trim()).filter(Boolean);
  const matches = (key: string, w: string) => key === w || key.startsWith(`${w}-`);
  const unknown = wanted.filter((w) => !keys.some((key) => matches(key, w)));
  if (unknown.length) throw new Error(`--only: unknown page ${unknown.join(", ")}; pages: ${keys.join(", ")}`);
  return (page) => wanted.length === 0 || wanted.some((w) => matches(page.key, w));
}

const PUBLISHED = { status: "published", deletedAt: null, publishedAt: { lte: new Date() } };
type Where = typeof PUBLISHED & { origin?: string };

async function fullest(prisma: PrismaClient, by: "categoryId" | "departmentId"): Promise<number> {
  const groups = await prisma.article.groupBy({ by: [by], where: PUBLISHED, _count: { _all: true } });
  const [top] = groups.filter((g) => g[by] != null).sort((a, b) => b._count._all - a._count._all);
  if (top?.[by] == null) throw new Error(`no published article has a ${by}`);
  return top[by];
}

/** Two words of the generated text: the one in most articles of a sample, and one in as few as possible. */
async function pickWords(prisma: PrismaClient, where: Where): Promise<Pick<Subjects, "common" | "rare">> {
  const { _min, _max } = await prisma.article.aggregate({ where, _min: { id: true }, _max: { id: true } });
  const [min, max] = [_min.id ?? 0, _max.id ?? 0];
  const ids = Array.from({ length: 200 }, (_, i) => Math.round(min + ((max - min) * i) / 199));
  const sample = await prisma.article.findMany({ where: { ...where, id: { in: ids } }, select: { title: true, summary: true, body: true } });
  const inArticles = new Map<string, { word: string; n: number }>();
  for (const a of sample) {
    const words = new Set(`${a.title} ${a.summary} ${htmlToText(a.body)}`.normalize("NFC").match(WORD) ?? []);
    for (const word of words) {
      if (/\d/.test(word) || word.length < 2) continue;
      const entry = inArticles.get(fold(word)) ?? { word: word.toLowerCase(), n: 0 };
      entry.n += 1;
      inArticles.set(fold(word), entry);
    }
  }
  const byCount = [...inArticles.values()].sort((a, b) => b.n - a.n);
  const now = new Date();
  const hits = async (word: string) => (await findHits(prisma, now, [fold(word)], { categoryId: null, from: null, until: null }, 1)).total;
  const count = async (list: typeof byCount) => Promise.all(list.map(async ({ word }) => ({ word, hits: await hits(word) })));
  const common = (await count(byCount.slice(0, 5))).sort((a, b) => b.hits - a.hits)[0];
  const rare = (await count(byCount.slice(-100).reverse())).filter((w) => w.hits > 0).sort((a, b) => a.hits - b.hits)[0];
  if (!common || !rare) throw new Error("no words to search for in the site's articles");
  return { common, rare };
}

/** What the pages are about on this site; read before the app starts. */
export async function pickSubjects(files: SiteFiles): Promise<Subjects> {
  const prisma = createPrisma({ databaseUrl: `file:${files.dbFile}`, databaseKind: "sqlite" });
  try {
    // Generated articles (demo:generate), or the demo's when there are none (--articles 0).
    const generated = { ...PUBLISHED, origin: "generated" };
    const where: Where = (await prisma.article.count({ where: generated })) > 0 ? generated : PUBLISHED;
    const count = await prisma.article.count({ where });
    const [article] = await prisma.article.findMany({ where, orderBy: { id: "asc" }, skip: Math.floor(count / 2), take: 1, select: { slug: true } });
    const category = await prisma.category.findUniqueOrThrow({ where: { id: await fullest(prisma, "categoryId") } });
    const department = await prisma.department.findUniqueOrThrow({ where: { id: await fullest(prisma, "departmentId") } });
    if (!article) throw new Error("no published article");
    const inCategory = await prisma.article.count({ where: { ...PUBLISHED, categoryId: category.id } });
    const deepPage = Math.min(200, Math.ceil(inCategory / 10));
    return { article: article.slug, category: category.slug, deepPage, department: department.slug, ...(await pickWords(prisma, where)) };
  } finally {
    await prisma.$disconnect();
  }
}
