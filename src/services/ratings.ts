import crypto from "node:crypto";
import type { PrismaClient } from "../db.js";
import { conflict, HttpError } from "../errors.js";
import { vnDayKey, type Clock } from "../lib/vi-time.js";

// "Thông tin này có hữu ích không?": a 1-5 score and an optional comment on an article, legal
// document, procedure or introduction page. One rating per visitor, page and Vietnam day: the
// visitor is a long-lived random cookie, stored only as a keyed hash (the cookie cannot be read back
// from the database), and the database's unique key (path, visitor, day) decides a race.

export const RATING_COMMENT_MAX = 1000;
export const RATING_COOKIE = "cchc_rv";
export const RATING_COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
export const RATING_SCORE_LABELS: Record<number, string> = {
  1: "Không hữu ích",
  2: "Ít hữu ích",
  3: "Tạm được",
  4: "Hữu ích",
  5: "Rất hữu ích",
};

export const ALREADY_RATED = "Bạn đã đánh giá trang này hôm nay. Mỗi người đánh giá mỗi trang một lần trong ngày; cảm ơn bạn đã góp ý.";
export const NOT_RATABLE = "Trang được đánh giá không tồn tại hoặc không nhận đánh giá.";

export type RatableKind = "article" | "document" | "procedure" | "intro";

/** The public pages that take ratings: their address prefix and what they are. */
const SHAPES: [RegExp, RatableKind][] = [
  [/^\/tin-tuc\/([a-z0-9-]{1,200})$/, "article"],
  [/^\/van-ban\/([a-z0-9-]{1,200})$/, "document"],
  [/^\/thu-tuc-hanh-chinh\/([a-z0-9-]{1,200})$/, "procedure"],
  [/^\/gioi-thieu(?:\/([a-z0-9-]{1,200}))?$/, "intro"],
];

/** A path's kind and slug when it has the shape of a ratable page ("" for /gioi-thieu itself), else null. */
export function ratableShape(path: string): { kind: RatableKind; slug: string } | null {
  for (const [pattern, kind] of SHAPES) {
    const m = pattern.exec(path);
    if (m) return { kind, slug: m[1] ?? "" };
  }
  return null;
}

// The organisation chart lives under /gioi-thieu without being an introduction page row.
const FIXED_INTRO_PAGES: Record<string, string> = { "": "Giới thiệu", "co-cau-to-chuc": "Cơ cấu tổ chức" };

/** The title of the public page at `path`, or null when it is not a page that takes ratings. */
export async function findRatablePage(prisma: PrismaClient, clock: Clock, path: string): Promise<{ path: string; title: string } | null> {
  const shape = ratableShape(path);
  if (!shape) return null;
  const { kind, slug } = shape;
  const found = async (): Promise<{ title: string } | null> => {
    if (kind === "article") {
      return prisma.article.findFirst({ where: { slug, status: "published", deletedAt: null, publishedAt: { lte: clock() } }, select: { title: true } });
    }
    if (kind === "document") return prisma.legalDocument.findFirst({ where: { slug, status: "published", deletedAt: null }, select: { title: true } });
    if (kind === "procedure") {
      const p = await prisma.procedure.findFirst({ where: { slug, status: "published", deletedAt: null }, select: { name: true } });
      return p && { title: p.name };
    }
    const page = slug ? await prisma.introPage.findFirst({ where: { slug, status: "published" }, select: { title: true } }) : null;
    return page ?? (slug in FIXED_INTRO_PAGES ? { title: FIXED_INTRO_PAGES[slug]! } : null);
  };
  const page = await found();
  return page ? { path, title: page.title } : null;
}

/** The stored form of a visitor cookie: keyed, so the cookie cannot be recovered from the table. */
export function visitorHash(secret: string, cookie: string): string {
  return crypto.createHmac("sha256", secret).update(`rating:${cookie}`).digest("hex").slice(0, 40);
}

export const newVisitorCookie = () => crypto.randomBytes(18).toString("base64url");

export interface RatingInput {
  path: string;
  score: number;
  comment: string;
  visitor: string;
  ip: string;
}

/** Stores a rating; 422 when the page takes none, 409 when this visitor rated it today (Vietnam day). */
export async function submitRating(prisma: PrismaClient, clock: Clock, input: RatingInput): Promise<void> {
  if (!(await findRatablePage(prisma, clock, input.path))) throw new HttpError(422, NOT_RATABLE, { path: NOT_RATABLE });
  const now = clock();
  try {
    await prisma.rating.create({ data: { ...input, day: vnDayKey(now), createdAt: now } });
  } catch (error) {
    // The unique key (path, visitor, day): Prisma reports P2002 on both databases.
    if ((error as { code?: string }).code === "P2002") throw conflict(ALREADY_RATED);
    throw error;
  }
}
