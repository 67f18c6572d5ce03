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
// (one statement), so an upload or a delete on any instance is seen at once (new uploads are added
// in front, anything else rebuilds); a caption edited on this instance forgets the index
// (forget()); one edited on another instance is seen within MAX_AGE_MS.
const MAX_AGE_MS = 60_000;

interface PhotoIndex {
  /** Photo ids, newest first (createdAt, then id). */
  ids: Int32Array;
  /** Folded caption, alt and credit of the photo at the same place. */
  texts: string[];
  count: number;
  maxId: number;
  /** createdAt of the newest photo (ms), to tell whether new photos simply go first. */
  newestAt: number;
  builtAt: number;
}

export interface PhotoSearch {
  /** One page of the library's photo ids, newest first: all of them, or those matching every word of `q`. */
  find(prisma: PrismaClient, q: string, pageNumber: number, pageSize: number): Promise<{ ids: number[]; page: Page }>;
  /** After a photo's texts change here. */
  forget(): void;
}

type TextRow = { id: number; caption: string; alt: string; credit: string; createdAt: Date | string | number };

function indexOf(rows: TextRow[], builtAt: number): PhotoIndex {
  const ids = Int32Array.from(rows, (r) => Number(r.id));
  return {
    ids,
    texts: rows.map((r) => searchTextOf(r.caption, r.alt, r.credit)),
    count: rows.length,
    maxId: ids.reduce((max, id) => Math.max(max, id), 0),
    newestAt: rows.length ? new Date(rows[0]!.createdAt).getTime() : 0,
    builtAt,
  };
}

async function buildIndex(prisma: PrismaClient, now: number): Promise<PhotoIndex> {
  // One plain query (the same SQL on SQLite and PostgreSQL): Prisma's findMany takes about twice as
  // long to hand over 10,000 rows.
  const rows = await prisma.$queryRaw<TextRow[]>`
    SELECT "id", "caption", "alt", "credit", "createdAt" FROM "Photo" ORDER BY "createdAt" DESC, "id" DESC`;
  return indexOf(rows, now);
}

/**
 * Photos uploaded since the index was made (only new ids, nothing deleted) go in front of it when
 * they are newer than all it holds, as uploads are: the picker's search after an upload costs a
 * few rows, not the whole library. Anything else (a delete, an older date) gives null: rebuild.
 */
async function withNewPhotos(prisma: PrismaClient, index: PhotoIndex, count: number): Promise<PhotoIndex | null> {
  const added = await prisma.photo.findMany({
    where: { id: { gt: index.maxId } },
    select: { id: true, caption: true, alt: true, credit: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (index.count + added.length !== count || added.some((p) => p.createdAt.getTime() < index.newestAt)) return null;
  const front = indexOf(added, index.builtAt);
  const ids = new Int32Array(count);
  ids.set(front.ids);
  ids.set(index.ids, front.ids.length);
  return { ids, texts: [...front.texts, ...index.texts], count, maxId: front.maxId, newestAt: front.newestAt, builtAt: index.builtAt };
}

export function createPhotoSearch(clock: () => number = Date.now): PhotoSearch {
  let index: PhotoIndex | null = null;
  let building: Promise<PhotoIndex> | null = null;

  const current = async (prisma: PrismaClient): Promise<PhotoIndex> => {
    const { _count: count, _max: newest } = await prisma.photo.aggregate({ _count: true, _max: { id: true } });
    const maxId = newest.id ?? 0;
    if (index && clock() - index.builtAt < MAX_AGE_MS) {
      if (index.count === count && index.maxId === maxId) return index;
      if (maxId > index.maxId && count > index.count) {
        const grown = await withNewPhotos(prisma, index, count);
        if (grown) return (index = grown);
      }
    }
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
