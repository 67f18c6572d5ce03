import type { PrismaClient } from "../db.js";
import { paginateWithin, type Page } from "../lib/pagination.js";
import { parseSearchQuery } from "../lib/search-terms.js";
import { searchTextOf } from "./section-search.js";

// The photo library is searched by caption, alt text and credit ignoring case and diacritics,
// newest first, paged: the library page and the editor's picker (GET /admin/media). SQL LIKE cannot
// ignore Vietnamese diacritics and the Photo table has no folded column, so each process keeps the
// library's ids, newest first, with their folded text, in memory: about 100 bytes a photo (1 MB
// for 10,000), read in one query (tens of milliseconds for 10,000 photos) when first needed.
//
// Freshness: every search first asks the database how many photos there are and the highest id
// (two index reads), so an upload or a delete on any instance is seen at once; a caption edited on
// this instance forgets the index (forget()); one edited on another instance is seen within MAX_AGE_MS.
const MAX_AGE_MS = 60_000;

interface PhotoIndex {
  /** Photo ids, newest first (createdAt, then id). */
  ids: Int32Array;
  /** Folded caption, alt and credit of the photo at the same place. */
  texts: string[];
  count: number;
  maxId: number;
  builtAt: number;
}

export interface PhotoSearch {
  /** One page of the library's photo ids, newest first: all of them, or those matching every word of `q`. */
  find(prisma: PrismaClient, q: string, pageNumber: number, pageSize: number): Promise<{ ids: number[]; page: Page }>;
  /** After a photo's texts change here. */
  forget(): void;
}

async function buildIndex(prisma: PrismaClient, now: number): Promise<PhotoIndex> {
  // One plain query (the same SQL on SQLite and PostgreSQL): Prisma's findMany takes about twice as
  // long to hand over 10,000 rows.
  const rows = await prisma.$queryRaw<{ id: number; caption: string; alt: string; credit: string }[]>`
    SELECT "id", "caption", "alt", "credit" FROM "Photo" ORDER BY "createdAt" DESC, "id" DESC`;
  const ids = Int32Array.from(rows, (r) => Number(r.id));
  return {
    ids,
    texts: rows.map((r) => searchTextOf(r.caption, r.alt, r.credit)),
    count: rows.length,
    maxId: ids.reduce((max, id) => Math.max(max, id), 0),
    builtAt: now,
  };
}

export function createPhotoSearch(clock: () => number = Date.now): PhotoSearch {
  let index: PhotoIndex | null = null;
  let building: Promise<PhotoIndex> | null = null;

  const current = async (prisma: PrismaClient): Promise<PhotoIndex> => {
    const [count, newest] = await Promise.all([
      prisma.photo.count(),
      prisma.photo.findFirst({ orderBy: { id: "desc" }, select: { id: true } }),
    ]);
    const fresh = index && index.count === count && index.maxId === (newest?.id ?? 0) && clock() - index.builtAt < MAX_AGE_MS;
    if (fresh) return index!;
    // Requests arriving during a build share it.
    building ??= buildIndex(prisma, clock()).finally(() => (building = null));
    index = await building;
    return index;
  };

  return {
    async find(prisma, q, pageNumber, pageSize) {
      const { ids, texts } = await current(prisma);
      const { terms } = parseSearchQuery(q);
      if (!terms.length) {
        const page = paginateWithin(pageNumber, pageSize, ids.length);
        return { ids: Array.from(ids.subarray(page.skip, page.skip + pageSize)), page };
      }
      const found: number[] = [];
      texts.forEach((text, i) => {
        if (terms.every((term) => text.includes(term))) found.push(ids[i]!);
      });
      const page = paginateWithin(pageNumber, pageSize, found.length);
      return { ids: found.slice(page.skip, page.skip + pageSize), page };
    },
    forget() {
      index = null;
    },
  };
}
