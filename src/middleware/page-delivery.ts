import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { siteBase, type SiteAddress } from "../lib/site-url.js";
import { DISPLAY_COOKIE, parseDisplayCookie, serializeDisplay } from "../lib/display.js";
import { encodedBody, type PageCache, type RenderedPage } from "../services/page-cache.js";
import type { VisitCounter, VisitFigures } from "../services/visit-counter.js";
import { isCrawler, type VisitStats } from "../services/visits.js";

export const VISIT_COOKIE = "cchc_visit";
const VISIT_WINDOW_S = 30 * 60;

/** Express's compiled `trust proxy` setting: may the hop at `index` tell us the protocol? */
export type TrustProxy = (address: string, index: number) => boolean;

export interface PageDeliveryOptions {
  pages: PageCache;
  visits: VisitCounter;
  now: () => number;
  trustProxy: TrustProxy;
  visitsHtml: (stats: VisitStats) => string;
  /** The site's address as pages show it: part of a kept page's key, the Host header itself is not. */
  site: SiteAddress;
}

/**
 * Serving a rendered page, the same way whether it comes from memory before Express sees the request
 * (`tryServe`) or was just rendered by a route (`send`): its headers as the app set them, the live
 * visit block, the visit cookie and count, ETag with 304, and brotli or gzip when the client takes it.
 */
export interface PageDelivery {
  key(req: IncomingMessage, url: string): string;
  tryServe(req: IncomingMessage, res: ServerResponse): boolean;
  send(req: IncomingMessage, res: ServerResponse, key: string, page: RenderedPage): Promise<void>;
}

const COOKIE_PATTERNS = new Map(
  [VISIT_COOKIE, DISPLAY_COOKIE].map((name) => [name, new RegExp(`(?:^|;\\s*)${name}=([^;]*)`)]),
);

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const match = COOKIE_PATTERNS.get(name)!.exec(header);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

export function createPageDelivery({ pages, visits, now, trustProxy, visitsHtml, site }: PageDeliveryOptions): PageDelivery {
  const isSecure = (req: IncomingMessage) => {
    if ((req.socket as TLSSocket).encrypted) return true;
    if (!trustProxy(req.socket.remoteAddress ?? "", 0)) return false;
    const proto = req.headers["x-forwarded-proto"];
    return typeof proto === "string" && proto.split(",")[0]!.trim().toLowerCase() === "https";
  };
  let shownHtml = { version: -1, html: "" };
  const liveHtml = (figures: VisitFigures) => {
    if (shownHtml.version !== figures.version) shownHtml = { version: figures.version, html: visitsHtml(figures.stats) };
    return shownHtml.html;
  };

  const deliver = (req: IncomingMessage, res: ServerResponse, key: string, page: RenderedPage, figures: VisitFigures) => {
    // An object, not a raw list: Node 20 keeps only the last of repeated names in a list.
    const headers: Record<string, string | string[]> = {};
    const cookies: string[] = [];
    for (const [name, value] of page.headers) {
      if (name === "set-cookie") cookies.push(value);
      else headers[name] = value;
    }
    headers["content-type"] = page.contentType;
    headers["cache-control"] = page.cacheControl;
    headers["vary"] = "Accept-Encoding";
    if (page.countsVisit && req.method === "GET" && !isCrawler(req.headers["user-agent"])) {
      if (cookieValue(req.headers.cookie, VISIT_COOKIE) === undefined) visits.countVisit();
      const expires = new Date(Date.now() + VISIT_WINDOW_S * 1000).toUTCString();
      const secure = isSecure(req) ? "; Secure" : "";
      cookies.push(`${VISIT_COOKIE}=1; Max-Age=${VISIT_WINDOW_S}; Path=/; Expires=${expires}; HttpOnly${secure}; SameSite=Lax`);
    }
    if (cookies.length) headers["set-cookie"] = cookies;
    if (page.articleId !== null && req.method === "GET") visits.countView(page.articleId);
    const body = pages.body(key, page, page.parts.length === 2 ? liveHtml(visits.figures() ?? figures) : "");
    headers["etag"] = body.etag;
    if (page.status === 200 && req.headers["if-none-match"] === body.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const { bytes, encoding } = encodedBody(body, req.headers["accept-encoding"]);
    if (encoding) headers["content-encoding"] = encoding;
    headers["content-length"] = String(bytes.length);
    res.writeHead(page.status, headers);
    res.end(bytes);
  };

  // What a page depends on besides its URL: the site address it links to, and the reader's display setting.
  const key = (req: IncomingMessage, url: string) => {
    const display = serializeDisplay(parseDisplayCookie(cookieValue(req.headers.cookie, DISPLAY_COOKIE)));
    const host = req.headers.host;
    const base = siteBase(site, { protocol: isSecure(req) ? "https" : "http", get: () => host });
    return `${base}${url}#${display}`;
  };

  return {
    key,
    tryServe(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const url = req.url ?? "/";
      if (url.startsWith("/admin") || url.startsWith("/assets/") || url.startsWith("/uploads/")) return false;
      const figures = visits.figures();
      if (!figures) return false;
      const k = key(req, url);
      const page = pages.get(k, now());
      if (!page) return false;
      deliver(req, res, k, page, figures);
      return true;
    },
    async send(req, res, k, page) {
      await visits.read();
      // The page carries the cookies it may send (none when kept); other headers are replaced by name,
      // and one set by the server itself (connection: close while stopping) stays.
      res.removeHeader("set-cookie");
      deliver(req, res, k, page, visits.figures()!);
    },
  };
}
