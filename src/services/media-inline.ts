import type { Db, PrismaClient } from "../db.js";
import { htmlToText } from "../lib/html-text.js";
import { INLINE_PHOTO_CLASS, ownPhotoFile, photoFilesIn, sanitizeArticleHtml } from "../lib/sanitize.js";
import { absolute } from "../lib/site-url.js";
import { photoView, type PhotoView } from "./media.js";

// Photos placed inside an article's text by the editor are stored as
//   <figure class="inline-photo"><img src="/uploads/<key>-<w>.webp" alt="…" width height><figcaption>caption — credit</figcaption></figure>
// and drawn on the page like the attached photos (views/partials/figure.ejs): a responsive
// <picture> from the photo's stored widths, its true size, lazy below the fold, the caption under it.

/** The body as it may be stored: sanitised, its images checked against the photos we hold. */
export async function sanitizeArticleBody(db: Db | PrismaClient, html: string): Promise<string> {
  const keys = [...new Set(photoFilesIn(html).map((f) => f.key))];
  const rows = keys.length ? await db.photo.findMany({ where: { fileKey: { in: keys } }, select: { fileKey: true, widths: true } }) : [];
  const widths = new Map(rows.map((r) => [r.fileKey, new Set(r.widths.split(",").map(Number))]));
  return sanitizeArticleHtml(html, (file) => widths.get(file.key)?.has(file.width) ?? false);
}

/** A run of the body's HTML, or one of its photos drawn as a figure. */
export type BodyPart = { html: string } | { figure: PhotoView; lazy: boolean };

// The stored shape exactly as sanitize-html writes it (double-quoted attributes, "/>" on img);
// anything else is left as the sanitised HTML it already is.
const INLINE_FIGURE = new RegExp(
  `<figure class="${INLINE_PHOTO_CLASS}">\\s*<img ([^>]*?)\\s*/?>\\s*(?:<figcaption>((?:(?!</?figcaption)[\\s\\S])*)</figcaption>\\s*)?</figure>`,
  "g",
);
const ATTRIBUTE = /([a-z-]+)="([^"]*)"/g;
/** Characters of text before the first photo that still leave it in the first screen of a phone. */
const ABOVE_THE_FOLD_TEXT = 300;
const SEPARATORS = [" — ", " – ", " - ", ". ", ", "];

/** "Caption — Credit" as the editor writes it: the credit is shown like an attached photo's when it is the photo's. */
function splitCredit(text: string, credit: string): { caption: string; credit: string } {
  if (!credit) return { caption: text, credit: "" };
  if (text === credit) return { caption: "", credit };
  const separator = SEPARATORS.find((s) => text.endsWith(`${s}${credit}`));
  return separator ? { caption: text.slice(0, -(separator.length + credit.length)), credit } : { caption: text, credit: "" };
}

type PhotoRow = Parameters<typeof photoView>[0];

/**
 * The body cut into HTML and photo figures. A figure whose photo is no longer stored is left out;
 * the first photo is loaded at once when the article has no cover photo and little text comes
 * before it (it is then on the first screen), every other one lazily.
 */
export async function articleBodyParts(db: Db | PrismaClient, html: string, options: { hasCover: boolean }): Promise<BodyPart[]> {
  const matches = [...html.matchAll(INLINE_FIGURE)];
  if (!matches.length) return [{ html }];
  const keys = [...new Set(matches.flatMap((m) => ownPhotoFile(attributes(m[1]!)["src"])?.key ?? []))];
  const rows = await db.photo.findMany({ where: { fileKey: { in: keys } } });
  const byKey = new Map<string, PhotoRow>(rows.map((r) => [r.fileKey, r]));
  const parts: BodyPart[] = [];
  let from = 0;
  let first = true;
  for (const match of matches) {
    if (match.index > from) parts.push({ html: html.slice(from, match.index) });
    from = match.index + match[0].length;
    const attrs = attributes(match[1]!);
    const row = byKey.get(ownPhotoFile(attrs["src"])?.key ?? "");
    if (!row) continue;
    const text = splitCredit(htmlToText(match[2] ?? ""), row.credit);
    const figure = { ...photoView(row), alt: htmlToText(attrs["alt"] ?? "") || row.alt || row.caption, ...text };
    const aboveTheFold = first && !options.hasCover && htmlToText(html.slice(0, match.index)).length <= ABOVE_THE_FOLD_TEXT;
    parts.push({ figure, lazy: !aboveTheFold });
    first = false;
  }
  if (from < html.length) parts.push({ html: html.slice(from) });
  return parts;
}

function attributes(source: string): Record<string, string> {
  return Object.fromEntries([...source.matchAll(ATTRIBUTE)].map((m) => [m[1]!, m[2]!]));
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const FEED_SIZES = "(min-width: 960px) 680px, 100vw";

/**
 * One photo as a feed reader gets it: the figure of the page with absolute addresses, and a plain
 * <img> with srcset (readers drop <picture> and its WebP sources).
 */
export function feedFigureHtml(photo: PhotoView, base: string): string {
  const srcset = photo.srcsetJpeg
    .split(", ")
    .map((entry) => absolute(base, entry))
    .join(", ");
  const credit = photo.credit ? ` <span class="credit">(${escapeHtml(photo.credit)})</span>` : "";
  const caption = photo.caption || photo.credit ? `<figcaption>${escapeHtml(photo.caption)}${credit}</figcaption>` : "";
  return (
    `<figure class="figure"><img src="${escapeHtml(absolute(base, photo.src))}" srcset="${escapeHtml(srcset)}" sizes="${FEED_SIZES}"` +
    ` alt="${escapeHtml(photo.alt)}" width="${photo.width}" height="${photo.height}" loading="lazy">${caption}</figure>`
  );
}

/** The article as a feed's content: cover photo, body with its photos, then the other attached photos. */
export function feedArticleHtml(parts: BodyPart[], attached: PhotoView[], base: string): string {
  const body = parts.map((part) => ("html" in part ? part.html : feedFigureHtml(part.figure, base))).join("");
  const [cover, ...others] = attached.map((photo) => feedFigureHtml(photo, base));
  return `${cover ?? ""}${body}${others.join("")}`;
}
