import type { Page } from "../lib/pagination.js";
import { absolute } from "../lib/site-url.js";
import type { ArticlePage } from "./articles-public.js";
import type { PhotoView } from "./media.js";

// Everything a page's <head> says about it to search engines, social networks and libraries:
// canonical URL, OpenGraph, Twitter card, Dublin Core and JSON-LD. Built from the same data the
// page shows, so the tags can never disagree with the page.

export const LOGO = { path: "/assets/img/logo.png", width: 512, height: 512 };
export const DEFAULT_IMAGE = { path: "/assets/img/chia-se.png", width: 1200, height: 630 };
const DESCRIPTION_MAX = 200;
const TITLE_MAX = 70;

export interface MetaSite {
  siteName: string;
  shortName: string;
  managingUnit: string;
  hotline1: string;
}

/** The locals a page renders with; every field is optional because each page passes its own. */
export interface MetaView {
  pageTitle?: string;
  metaDescription?: string;
  metaRobots?: string;
  article?: ArticlePage;
  preview?: boolean;
  heading?: string;
  kindLabel?: string;
  page?: Page;
  status?: number;
  /**
   * A page's own tags over the generic ones: Dublin Core pairs (each replaces the default of the same
   * name, e.g. a document's DC.creator is its issuing body) and more feeds (site paths).
   */
  extraMeta?: { dc?: [string, string][]; feeds?: { title: string; path: string }[] };
}

export interface MetaRequest {
  site: MetaSite;
  baseUrl: string;
  path: string;
  /** Query parameters that make a different page (trang, search terms); others are left out. */
  query: Record<string, string>;
  printView: boolean;
}

export interface Meta {
  title: string;
  description: string;
  canonical: string | null;
  robots: string | null;
  og: [string, string][];
  twitter: [string, string][];
  dc: [string, string][];
  jsonLd: string | null;
  feeds: { title: string; url: string }[];
}

/** "2017-08-01T15:09:00+07:00": Vietnam time with its offset, as schema.org and Dublin Core want. */
export function vnIso(date: Date): string {
  return `${new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

function clip(text: string, max = DESCRIPTION_MAX): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}

/** JSON for a <script type="application/ld+json"> block: "<" escaped so text cannot close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const PAGE_DESCRIPTIONS: Record<string, (site: MetaSite) => string> = {
  "/": (s) => `${s.siteName}: tin tức cải cách hành chính, chỉ số CCHC, một cửa, đường dây nóng ${s.hotline1}.`,
  "/lien-he": (s) =>
    `Địa chỉ, đường dây nóng ${s.hotline1}, điện thoại và thư điện tử của ${s.managingUnit}; gửi góp ý, phản ánh trực tuyến.`,
};

function canonicalFor(view: MetaView, req: MetaRequest): string | null {
  if ((view.status ?? 200) >= 400) return null;
  if (view.article) return absolute(req.baseUrl, view.article.url);
  const params = new URLSearchParams(req.query);
  const qs = params.toString();
  return absolute(req.baseUrl, qs ? `${req.path}?${qs}` : req.path);
}

/** The widest JPEG of a photo (social networks want at least 1200 px), with its real size. */
function imageOf(photo: PhotoView | undefined, base: string) {
  if (!photo) return { url: absolute(base, DEFAULT_IMAGE.path), width: DEFAULT_IMAGE.width, height: DEFAULT_IMAGE.height, alt: "" };
  const sizes = photo.srcsetJpeg.split(",").map((entry) => {
    const [src = photo.src, w = ""] = entry.trim().split(/\s+/);
    return { src, width: Number.parseInt(w, 10) || photo.width };
  });
  const widest = sizes.reduce((a, b) => (b.width > a.width ? b : a));
  const height = Math.round((photo.height * widest.width) / photo.width);
  return { url: absolute(base, widest.src), width: widest.width, height, alt: photo.alt };
}

function articleLd(a: ArticlePage, req: MetaRequest, canonical: string): object {
  const base = req.baseUrl;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: clip(a.title, 110),
    description: a.summary,
    inLanguage: "vi",
    datePublished: vnIso(a.publishedAt),
    dateModified: vnIso(a.updatedAt > a.publishedAt ? a.updatedAt : a.publishedAt),
    articleSection: a.category.name,
    author: a.author
      ? [{ "@type": "Person", name: a.author.name, url: absolute(base, a.author.url) }]
      : [{ "@type": "Organization", name: a.department?.name ?? req.site.managingUnit }],
    publisher: {
      "@type": "Organization",
      name: req.site.siteName,
      url: absolute(base, "/"),
      logo: { "@type": "ImageObject", url: absolute(base, LOGO.path), width: LOGO.width, height: LOGO.height },
    },
    image: a.photos.length ? a.photos.map((p) => absolute(base, p.src)) : [absolute(base, DEFAULT_IMAGE.path)],
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
  };
}

/** The <head> tags of a public page, from what the page itself shows. */
export function buildMeta(view: MetaView, req: MetaRequest): Meta {
  const { site } = req;
  const a = view.article && !view.preview ? view.article : undefined;
  const pageSuffix = view.page && view.page.page > 1 ? ` - Trang ${view.page.page}` : "";
  const heading = view.pageTitle ? `${view.pageTitle}${pageSuffix}` : null;
  // The headline comes first and whole; the site's short name follows when the title stays within
  // the ~70 characters search results show. The home page uses the full name.
  const suffixed = heading ? `${heading} | ${site.shortName}` : site.siteName;
  const title = heading && [...suffixed].length > TITLE_MAX ? heading : suffixed;
  const description = clip(
    view.metaDescription ||
      a?.summary ||
      (view.heading && view.kindLabel
        ? `${view.kindLabel} “${view.heading}”${pageSuffix.toLowerCase()}: các bài viết mới nhất trên ${site.siteName}.`
        : "") ||
      (PAGE_DESCRIPTIONS[req.path] ?? PAGE_DESCRIPTIONS["/"]!)(site),
  );
  const canonical = canonicalFor(view, req);
  const isError = (view.status ?? 200) >= 400;
  const robots = isError || req.printView || view.preview ? "noindex, follow" : (view.metaRobots ?? null);
  const image = imageOf(a?.photos[0], req.baseUrl);
  const shareTitle = heading ?? site.siteName;
  const url = canonical ?? absolute(req.baseUrl, req.path);

  const og: [string, string][] = [
    ["og:type", a ? "article" : "website"],
    ["og:site_name", site.siteName],
    ["og:locale", "vi_VN"],
    ["og:title", shareTitle],
    ["og:description", description],
    ["og:url", url],
    ["og:image", image.url],
    ["og:image:width", String(image.width)],
    ["og:image:height", String(image.height)],
  ];
  if (image.alt) og.push(["og:image:alt", image.alt]);
  if (a) {
    og.push(["article:published_time", vnIso(a.publishedAt)], ["article:modified_time", vnIso(a.updatedAt)], ["article:section", a.category.name]);
    if (a.author) og.push(["article:author", absolute(req.baseUrl, a.author.url)]);
  }
  const twitter: [string, string][] = [
    ["twitter:card", "summary_large_image"],
    ["twitter:title", shareTitle],
    ["twitter:description", description],
    ["twitter:image", image.url],
  ];
  if (image.alt) twitter.push(["twitter:image:alt", image.alt]);

  const creator = a ? (a.author?.name ?? a.department?.name ?? site.managingUnit) : site.managingUnit;
  const dc: [string, string][] = [
    ["DC.title", shareTitle],
    ["DC.creator", creator],
    ["DC.subject", a ? a.category.name : "Cải cách hành chính"],
    ["DC.description", description],
    ["DC.publisher", site.siteName],
  ];
  if (a) dc.push(["DC.date", vnIso(a.publishedAt).slice(0, 10)], ["DC.type", "Text"]);
  dc.push(["DC.identifier", url], ["DC.language", "vi"]);
  for (const [name, content] of view.extraMeta?.dc ?? []) {
    const at = dc.findIndex(([n]) => n === name);
    if (at >= 0) dc[at] = [name, content];
    else dc.push([name, content]);
  }

  const feeds = [{ title: `Tin mới: ${site.siteName}`, url: absolute(req.baseUrl, "/rss.xml") }];
  if (view.heading && req.path.startsWith("/chuyen-muc/")) {
    feeds.push({ title: `Chuyên mục ${view.heading}`, url: absolute(req.baseUrl, `${req.path}/rss.xml`) });
  }
  for (const feed of view.extraMeta?.feeds ?? []) feeds.push({ title: feed.title, url: absolute(req.baseUrl, feed.path) });
  const jsonLd = a ? jsonForScript(articleLd(a, req, url)) : null;
  return { title, description, canonical, robots, og, twitter, dc, jsonLd, feeds };
}

const SEARCH_PARAMS = ["q", "chuyen-muc", "tu", "den"];

/** The query parameters that make a page different: the page number (past 1) and search terms. */
export function canonicalQuery(path: string, query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  if (path === "/tim-kiem") {
    for (const name of SEARCH_PARAMS) {
      const v = first(query[name]);
      if (typeof v === "string" && v.trim()) out[name] = v.trim().normalize("NFC");
    }
  }
  const page = Number(first(query["trang"]));
  if (Number.isInteger(page) && page > 1) out["trang"] = String(page);
  return out;
}
