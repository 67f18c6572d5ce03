import crypto from "node:crypto";
import zlib from "node:zlib";

// Whole public pages kept as bytes, so a page view costs no database query and no template. Bounded
// by count and by bytes; the least recently served page makes room.
const MAX_PAGES = 2000;
const MAX_BYTES = 64 * 1024 * 1024;

/** A rendered page: its bytes, cut around the live visit block when it shows one. */
export interface RenderedPage {
  /** 200 for a page kept in memory; a page sent once (a form with its errors) may have another. */
  status: number;
  /** Headers as the app set them when rendering (security headers included), replayed as they were. */
  headers: [string, string][];
  contentType: string;
  /** [before, after] the visit block, or [whole] when the page has none. */
  parts: Buffer[];
  /** An HTML page a visitor reads: counts a visit and keeps the visit cookie alive. */
  countsVisit: boolean;
  /** The article it shows, whose view count a GET adds to. */
  articleId: number | null;
  cacheControl: string;
  expiresAt: number;
}

/** The bytes served for one version of the live parts, with their compressed forms made on demand. */
export interface PageBody {
  raw: Buffer;
  etag: string;
  liveKey: string;
  gzip?: Buffer;
  br?: Buffer;
}

interface Entry {
  page: RenderedPage;
  body: PageBody | null;
  bytes: number;
}

export interface PageCache {
  /** A page still valid at `now` (ms), or undefined. */
  get(key: string, now: number): RenderedPage | undefined;
  set(key: string, page: RenderedPage, generation: number): void;
  /** The body for the live part `live` (the visit block's HTML, "" when none), kept until it changes. */
  body(key: string, page: RenderedPage, live: string): PageBody;
  /** Bumped by clear(): a page rendered from data read before a change is not kept. */
  readonly generation: number;
  clear(): void;
}

const hashOf = (buffers: Buffer[]) => {
  const h = crypto.createHash("sha1");
  for (const b of buffers) h.update(b);
  return h.digest("base64url").slice(0, 20);
};

export function buildBody(page: RenderedPage, live: string): PageBody {
  const raw = page.parts.length === 2 ? Buffer.concat([page.parts[0]!, Buffer.from(live), page.parts[1]!]) : page.parts[0]!;
  return { raw, etag: `W/"${hashOf([raw])}"`, liveKey: live };
}

const COMPRESSIBLE_FROM = 1024;

/** The body in the best encoding the client accepts (brotli, then gzip), or raw. */
export function encodedBody(body: PageBody, acceptEncoding: string | undefined): { bytes: Buffer; encoding: string | null } {
  if (!acceptEncoding || body.raw.length < COMPRESSIBLE_FROM) return { bytes: body.raw, encoding: null };
  if (/\bbr\b/.test(acceptEncoding)) {
    body.br ??= zlib.brotliCompressSync(body.raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.raw.length },
    });
    return { bytes: body.br, encoding: "br" };
  }
  if (/\bgzip\b/.test(acceptEncoding)) {
    body.gzip ??= zlib.gzipSync(body.raw, { level: 6 });
    return { bytes: body.gzip, encoding: "gzip" };
  }
  return { bytes: body.raw, encoding: null };
}

export function createPageCache(): PageCache {
  const entries = new Map<string, Entry>();
  let totalBytes = 0;
  let generation = 0;

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    totalBytes -= entry.bytes;
    entries.delete(key);
  };
  // The raw bytes and, at most, one body and its compressed forms (a fraction of the raw size).
  const sizeOf = (page: RenderedPage) => 2 * page.parts.reduce((n, b) => n + b.length, 0);

  return {
    get(key, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now >= entry.page.expiresAt) {
        remove(key);
        return undefined;
      }
      // Most recently served last: the first key is the one to drop.
      entries.delete(key);
      entries.set(key, entry);
      return entry.page;
    },
    set(key, page, fromGeneration) {
      if (fromGeneration !== generation) return;
      remove(key);
      const entry: Entry = { page, body: null, bytes: sizeOf(page) };
      entries.set(key, entry);
      totalBytes += entry.bytes;
      while (entries.size > MAX_PAGES || totalBytes > MAX_BYTES) remove(entries.keys().next().value!);
    },
    body(key, page, live) {
      const entry = entries.get(key);
      if (entry?.page !== page) return buildBody(page, live);
      if (entry.body?.liveKey !== live) entry.body = buildBody(page, live);
      return entry.body;
    },
    get generation() {
      return generation;
    },
    clear() {
      generation++;
      entries.clear();
      totalBytes = 0;
    },
  };
}
