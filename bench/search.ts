// Search backed by the FTS5 index against a naive LIKE scan over the same folded text, on a
// temporary database of generated articles. Prints figures of one run; asserts nothing.
//   npx tsx bench/search.ts          (also run by `npm run bench` through bench/run.ts)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createPrisma, type PrismaClient } from "../src/db.js";
import { migrateSqlite } from "../src/db/migrate.js";
import { parseSearchQuery } from "../src/lib/search-terms.js";
import { rebuildSearchIndex } from "../src/services/search-index.js";
import { findHits, searchArticles } from "../src/services/search.js";
import { MAIN_ARTICLE } from "../prisma/seed-data.js";

// Common words from the seed article, plus one place and one topic per article, so queries range
// from "in almost every article" to "in one article".
const COMMON = MAIN_ARTICLE.paragraphs.join(" ").split(/\s+/).filter(Boolean);
const PLACES = ["Cần Thơ", "Đồng Tháp", "An Giang", "Hậu Giang", "Vĩnh Long", "Sóc Trăng", "Bạc Liêu", "Cà Mau"];
const TOPICS = ["dịch vụ công trực tuyến", "chữ ký số", "bưu chính công ích", "tiếp công dân", "văn bản điện tử", "chỉ số hài lòng", "kho dữ liệu", "đề án 06"];
export const QUERIES = ["cải cách hành chính", "Đồng Tháp", "dong thap chu ky so", "dịch vụ công trực tuyến", "4321", "không có từ này"];
const NO_FILTERS = { categoryId: null, from: null, until: null };

// A small deterministic generator, so two runs build the same articles.
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** `count` generated published articles in one new category; the same articles on every run. */
export async function fillArticles(prisma: PrismaClient, count: number): Promise<void> {
  const category = await prisma.category.create({ data: { name: "Tin tức", slug: "tin-tuc" } });
  const next = random(42);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(COMMON)).join(" ");
  for (let done = 0; done < count; done += 500) {
    const data = Array.from({ length: Math.min(500, count - done) }, (_, i) => {
      const n = done + i;
      const place = pick(PLACES);
      const topic = pick(TOPICS);
      return {
        title: `${place} triển khai ${topic}, bài số ${n}`,
        slug: `bai-${n}`,
        summary: words(30),
        body: `<p>${words(150)}</p><p>${place}: ${topic}. ${words(150)}</p>`,
        status: "published",
        publishedAt: new Date(Date.UTC(2015, 0, 1) + n * 3_600_000),
        categoryId: category.id,
      };
    });
    await prisma.article.createMany({ data });
  }
}

/** The naive equivalent of findHits: every term as a substring; the count and the 10 newest ids. */
async function likeHits(prisma: PrismaClient, terms: string[], now: Date): Promise<number> {
  const where = terms.map(() => `f."text" LIKE ?`).join(" AND ");
  const params = [...terms.map((t) => `%${t}%`), now.toISOString().replace("Z", "+00:00")];
  const from = `FROM "FoldedCopy" f JOIN "Article" a ON a."id" = f."id"
    WHERE ${where} AND a."status" = 'published' AND a."deletedAt" IS NULL AND a."publishedAt" <= ?`;
  const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n ${from}`, ...params);
  await prisma.$queryRawUnsafe(`SELECT a."id" ${from} ORDER BY a."publishedAt" DESC LIMIT 10`, ...params);
  return Number(row?.n ?? 0);
}

export async function median(fn: () => Promise<unknown>, iterations: number, deadline: number): Promise<number> {
  await fn(); // warm-up: statements prepared, pages in the cache
  const times: number[] = [];
  for (let i = 0; i < iterations && (i === 0 || performance.now() < deadline); i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface SearchBenchRow {
  query: string;
  hits: number;
  likeHits: number;
  ftsMs: number;
  likeMs: number;
  pageMs: number;
}

/** Builds `articles` generated articles, then times both ways for each query; bounded by `maxSeconds`. */
export async function benchSearch(
  options: { articles?: number; iterations?: number; maxSeconds?: number } = {},
): Promise<SearchBenchRow[]> {
  const articles = options.articles ?? 5000;
  const iterations = options.iterations ?? 25;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-search-"));
  const file = path.join(dir, "search.db");
  migrateSqlite(file);
  const prisma = createPrisma({ databaseUrl: `file:${file}`, databaseKind: "sqlite" });
  try {
    const started = performance.now();
    await fillArticles(prisma, articles);
    const indexed = await rebuildSearchIndex(prisma);
    const buildSeconds = (performance.now() - started) / 1000;
    // The naive way: the same folded text in a plain table, searched with LIKE row by row.
    await prisma.$executeRawUnsafe(`CREATE TABLE "FoldedCopy" ("id" INTEGER PRIMARY KEY, "text" TEXT NOT NULL)`);
    await prisma.$executeRawUnsafe(
      `INSERT INTO "FoldedCopy" ("id", "text") SELECT rowid, "title" || ' ' || "summary" || ' ' || "body" FROM "ArticleSearch"`,
    );
    const now = new Date();
    const clock = () => now;
    const deadline = performance.now() + (options.maxSeconds ?? 60) * 1000;
    const rows: SearchBenchRow[] = [];
    for (const query of QUERIES) {
      const { terms } = parseSearchQuery(query);
      rows.push({
        query,
        hits: (await findHits(prisma, now, terms, NO_FILTERS, 1)).total,
        likeHits: await likeHits(prisma, terms, now),
        ftsMs: await median(() => findHits(prisma, now, terms, NO_FILTERS, 1), iterations, deadline),
        likeMs: await median(() => likeHits(prisma, terms, now), iterations, deadline),
        pageMs: await median(() => searchArticles(prisma, clock, terms, NO_FILTERS, 1), iterations, deadline),
      });
    }
    const ratios = rows.map((r) => r.likeMs / r.ftsMs).sort((a, b) => a - b);
    console.log(`\nSearch over ${indexed} generated articles (built and indexed in ${buildSeconds.toFixed(1)} s); medians of up to ${iterations} runs, one run:`);
    console.log("  FTS = count + first page of ranked ids from the index; LIKE = the same from a scan of the folded text;");
    console.log("  page = the whole search service (FTS, cards, highlighted snippets).");
    for (const r of rows) {
      const note = r.likeHits !== r.hits ? `  (LIKE finds ${r.likeHits}: it also matches inside words)` : "";
      console.log(
        `  ${`"${r.query}"`.padEnd(28)} ${String(r.hits).padStart(5)} hits  FTS ${r.ftsMs.toFixed(2).padStart(6)} ms  LIKE ${r.likeMs.toFixed(2).padStart(6)} ms  LIKE/FTS ${(r.likeMs / r.ftsMs).toFixed(1).padStart(5)}×  page ${r.pageMs.toFixed(2).padStart(6)} ms${note}`,
      );
    }
    console.log(`  median LIKE/FTS ratio: ${ratios[Math.floor(ratios.length / 2)]!.toFixed(1)}×`);
    return rows;
  } finally {
    await prisma.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchSearch();
