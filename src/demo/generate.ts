// npm run cli -- demo:generate --articles N [--force] | --remove
// Fills a database with generated published articles for benchmarks, marked origin "generated"
// (their shared photos `generated`), and takes them out again. Batches of 1,000 articles, each one
// transaction holding the rows, their photo links and their search index entries.
import { parseArgs } from "node:util";
import type { Db, PrismaClient } from "../db.js";
import { Prisma } from "../generated/prisma/client.js";
import { uniqueSlug } from "../lib/slug.js";
import { vnDayKey } from "../lib/vi-time.js";
import { recordAudit, type Actor } from "../services/audit.js";
import { photoKeys, type MediaOptions } from "../services/media.js";
import { indexPublicArticles, removeFromSearchIndex } from "../services/search-index.js";
import { ensureDemoPhotos } from "./images.js";
import { articleWriter, seededRandom, type Random } from "./text.js";

export const MAX_ARTICLES = 1_000_000;
const BATCH = 1000;
const ROWS_PER_INSERT = 250;
// Prisma refuses more than 999 bound values in one SQLite query (its `in` lists are not split).
const REMOVE_BATCH = 500;
const SPAN_MS = 10 * 365.25 * 24 * 3600_000;
// A batch on PostgreSQL (GIN index updates for 1,000 articles) can take several seconds.
const BATCH_TRANSACTION = { timeout: 5 * 60_000, maxWait: 30_000 };

export type Progress = (done: number, total: number) => void;

export interface GenerateOptions {
  articles: number;
  /** Generate even when the database holds articles written by staff. */
  force: boolean;
  media: MediaOptions;
  actor: Actor;
  progress?: Progress;
}

export interface GenerateResult {
  articles: number;
  photos: number;
  withPhotos: number;
}

const escapeHtml = (s: string) => s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
const formatCount = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/** Refuses (changing nothing) when real content is there, or when there is nothing to file articles under. */
async function checkTarget(prisma: PrismaClient, force: boolean): Promise<void> {
  const staff = await prisma.article.count({ where: { origin: "staff" } });
  if (staff > 0 && !force) {
    throw new Error(
      `Cơ sở dữ liệu này có ${formatCount(staff)} bài viết do cán bộ viết (kể cả trong thùng rác): demo:generate không trộn bài tự sinh vào nội dung thật. ` +
        "Hãy chạy trên một cơ sở dữ liệu riêng để thử tải, hoặc thêm --force nếu thật sự muốn. Không có gì bị thay đổi.",
    );
  }
  if ((await prisma.category.count()) === 0) {
    throw new Error("Chưa có chuyên mục nào để xếp bài: hãy chạy npm start một lần (nạp nội dung mẫu) hoặc thêm chuyên mục trong trang quản trị. Không có gì bị thay đổi.");
  }
}

/** Where an article is filed and who signs it: the site's own categories, departments and authors. */
async function bylines(prisma: PrismaClient, random: Random) {
  const categories = (await prisma.category.findMany({ select: { id: true } })).map((c) => c.id);
  const departments = (await prisma.department.findMany({ select: { id: true } })).map((d) => d.id);
  const authors = await prisma.author.findMany({ select: { id: true, departmentId: true } });
  const any = <T>(list: T[]): T | undefined => list[Math.floor(random() * list.length)];
  return () => {
    const author = random() < 0.9 ? any(authors) : undefined;
    return {
      categoryId: any(categories)!,
      authorId: author?.id ?? null,
      departmentId: author?.departmentId ?? any(departments) ?? null,
    };
  };
}

/** 0 to 4 different photos of the set, in order; about one article in five has none. */
function photoPicker(photoIds: number[], random: Random) {
  const weights = [0.2, 0.35, 0.2, 0.15, 0.1];
  return (): number[] => {
    let r = random();
    let count = 0;
    while (count < weights.length - 1 && r >= weights[count]!) r -= weights[count++]!;
    const pool = [...photoIds];
    const picked: number[] = [];
    for (let i = 0; i < Math.min(count, pool.length); i++) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
    return picked;
  };
}

interface ArticleRow {
  title: string;
  slug: string;
  summary: string;
  body: string;
  publishedAt: Date;
  featured: boolean;
  ticker: boolean;
  categoryId: number;
  departmentId: number | null;
  authorId: number | null;
}

/**
 * Inserts published, generated articles, 250 to a statement; returns their ids by slug. Plain SQL
 * that both databases read alike: Prisma's createManyAndReturn took two to three times as long
 * (1.4-2 s against 0.6 s for 1,000 articles on SQLite), most of the whole run.
 */
async function insertArticles(tx: Db, rows: ArticleRow[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map(
      (r) => Prisma.sql`(${r.title}, ${r.slug}, ${r.summary}, ${r.body}, 'published', ${r.publishedAt}, ${r.featured}, ${r.ticker},
        ${r.categoryId}, ${r.departmentId}, ${r.authorId}, 'generated', ${r.publishedAt}, ${r.publishedAt})`,
    );
    const created = await tx.$queryRaw<{ id: number | bigint; slug: string }[]>`INSERT INTO "Article" ("title", "slug", "summary", "body",
      "status", "publishedAt", "featured", "ticker", "categoryId", "departmentId", "authorId", "origin", "createdAt", "updatedAt")
      VALUES ${Prisma.join(values)} RETURNING "id", "slug"`;
    for (const a of created) ids.set(a.slug, Number(a.id));
  }
  return ids;
}

/** Every slug already used, so new ones get the slug helper's "-2", "-3" without a query each. */
async function takenSlugs(prisma: PrismaClient): Promise<Set<string>> {
  const rows = await prisma.$queryRaw<{ slug: string }[]>`SELECT "slug" FROM "Article"`;
  return new Set(rows.map((r) => r.slug));
}

export type DemoRequest = { remove: true } | { remove: false; articles: number; force: boolean };

/** The command's arguments, or an Error with every problem in Vietnamese and the usage. */
export function parseDemoArgs(args: string[], usage: string): DemoRequest {
  const refuse = (problem: string) => new Error(`${problem}\n\n${usage}`);
  let values: { articles?: string; force?: boolean; remove?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { articles: { type: "string" }, force: { type: "boolean" }, remove: { type: "boolean" } } }));
  } catch {
    throw refuse(`Tham số không hợp lệ: ${args.join(" ")} (demo:generate nhận --articles N, --force, --remove)`);
  }
  if (values.remove) {
    if (values.articles !== undefined || values.force) throw refuse("--remove không đi cùng --articles hay --force");
    return { remove: true };
  }
  const limit = `một số nguyên dương, tối đa ${formatCount(MAX_ARTICLES)}`;
  if (values.articles === undefined) throw refuse(`--articles: cần số bài viết cần tạo (${limit}), hoặc --remove để xoá các bài tự sinh`);
  const articles = /^\d+$/.test(values.articles.trim()) ? Number(values.articles) : NaN;
  if (!(articles >= 1 && articles <= MAX_ARTICLES)) throw refuse(`--articles: "${values.articles}" không hợp lệ; cần ${limit}`);
  return { remove: false, articles, force: values.force ?? false };
}

export async function generateDemoArticles(prisma: PrismaClient, options: GenerateOptions): Promise<GenerateResult> {
  await checkTarget(prisma, options.force);
  const random = seededRandom(Date.now());
  const write = articleWriter(random);
  const place = await bylines(prisma, random);
  const photoIds = await ensureDemoPhotos(prisma, options.media);
  const pickPhotos = photoPicker(photoIds, random);
  const taken = await takenSlugs(prisma);
  const now = Date.now();
  let withPhotos = 0;

  for (let done = 0; done < options.articles; ) {
    const rows: ArticleRow[] = [];
    const photosOf = new Map<string, number[]>();
    for (let i = 0; i < Math.min(BATCH, options.articles - done); i++) {
      const publishedAt = new Date(now - Math.floor(random() * SPAN_MS));
      const text = write(Number(vnDayKey(publishedAt).slice(0, 4)));
      const slug = await uniqueSlug(text.title, async (s) => taken.has(s));
      taken.add(slug);
      const photos = pickPhotos();
      if (photos.length) photosOf.set(slug, photos);
      rows.push({
        title: text.title,
        slug,
        summary: text.summary,
        body: text.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n"),
        publishedAt,
        featured: random() < 0.003,
        ticker: random() < 0.005,
        ...place(),
      });
    }
    await prisma.$transaction(async (tx) => {
      const idOf = await insertArticles(tx, rows);
      const links = [...photosOf].flatMap(([slug, ids]) => ids.map((photoId, position) => ({ articleId: idOf.get(slug)!, photoId, position })));
      if (links.length) await tx.articlePhoto.createMany({ data: links });
      await indexPublicArticles(tx, rows.map((r) => ({ ...r, id: idOf.get(r.slug)! })));
    }, BATCH_TRANSACTION);
    withPhotos += photosOf.size;
    done += rows.length;
    options.progress?.(done, options.articles);
  }
  const detail = `${formatCount(withPhotos)} bài có ảnh, dùng chung ${photoIds.length} ảnh tự sinh${options.force ? "; --force" : ""}`;
  await recordAudit(prisma, { userId: options.actor.userId, ip: options.actor.ip, action: "demo.generate", target: `${formatCount(options.articles)} bài viết tự sinh`, detail });
  return { articles: options.articles, photos: photoIds.length, withPhotos };
}

export interface RemoveResult {
  articles: number;
  photos: number;
  files: number;
  /** Generated photos left because something real uses them (an article's photos, the banner). */
  keptPhotos: number;
}

/** Removes every generated article (photo links and search entries with it), then the generated photos nothing uses. */
export async function removeDemoContent(prisma: PrismaClient, options: { media: Pick<MediaOptions, "store">; actor: Actor; progress?: Progress }): Promise<RemoveResult> {
  const total = await prisma.article.count({ where: { origin: "generated" } });
  let removed = 0;
  for (;;) {
    const batch = await prisma.article.findMany({ where: { origin: "generated" }, select: { id: true }, orderBy: { id: "asc" }, take: REMOVE_BATCH });
    if (batch.length === 0) break;
    const ids = batch.map((a) => a.id);
    await prisma.$transaction(async (tx) => {
      await removeFromSearchIndex(tx, ids);
      await tx.articlePhoto.deleteMany({ where: { articleId: { in: ids } } });
      await tx.article.deleteMany({ where: { id: { in: ids } } });
    }, BATCH_TRANSACTION);
    removed += ids.length;
    options.progress?.(removed, total);
  }

  const banner = (await prisma.siteSettings.findUnique({ where: { id: 1 }, select: { bannerPhotoId: true } }))?.bannerPhotoId ?? null;
  const photos = await prisma.photo.findMany({ where: { generated: true }, select: { id: true, fileKey: true, widths: true, _count: { select: { articles: true } } } });
  const unused = photos.filter((p) => p._count.articles === 0 && p.id !== banner);
  // Rows first: a file without a row is never linked, a row without its files would be a broken picture.
  await prisma.photo.deleteMany({ where: { id: { in: unused.map((p) => p.id) } } });
  const keys = unused.flatMap((p) => photoKeys(p.fileKey, p.widths.split(",").map(Number)));
  await options.media.store.delete(...keys);

  const result = { articles: removed, photos: unused.length, files: keys.length, keptPhotos: photos.length - unused.length };
  if (removed || unused.length) {
    const detail = `${result.photos} ảnh tự sinh (${result.files} tệp)${result.keptPhotos ? `; giữ ${result.keptPhotos} ảnh đang được dùng` : ""}`;
    await recordAudit(prisma, { userId: options.actor.userId, ip: options.actor.ip, action: "demo.remove", target: `${formatCount(removed)} bài viết tự sinh`, detail });
  }
  return result;
}
