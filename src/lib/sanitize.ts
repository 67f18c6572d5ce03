import sanitizeHtml from "sanitize-html";

// The body of an article comes from the editor, but anyone with a login (or a stolen session) can
// post any HTML, so the server keeps only what an article needs. Anything else is dropped: scripts,
// styles, frames and forms with their content, every event handler, style and srcset attribute,
// and any link whose scheme is not http, https, mailto or tel.
const ALLOWED_TAGS = [
  "p", "br", "h2", "h3", "h4", "strong", "em", "u", "s", "a", "ul", "ol", "li", "blockquote",
  "figure", "figcaption", "img", "table", "caption", "thead", "tbody", "tr", "th", "td",
];

/** The class of a photo placed inside the text by the editor (public/js/editor-photo.js). */
export const INLINE_PHOTO_CLASS = "inline-photo";

// Exactly the name of one re-encoded photo file (src/services/media.ts photoFiles): a prefix test
// would let "/uploads/../hien-thi?..." through, and the browser resolves that to another page.
const OWN_PHOTO_FILE = /^\/uploads\/([0-9a-f]{24})-(\d{1,5})\.(?:webp|jpg)$/;
const PHOTO_FILE_ANYWHERE = /\/uploads\/([0-9a-f]{24})-(\d{1,5})\.(?:webp|jpg)/g;

/** One stored photo file named in a body: the photo's key and the width of that file. */
export interface PhotoFile {
  key: string;
  width: number;
}

/** Whether a stored photo has a file of that width (src/services/media-inline.ts asks the Photo table). */
export type PhotoFileCheck = (file: PhotoFile) => boolean;

/** The photo file an image source names, when it is exactly one of ours. */
export function ownPhotoFile(src: string | undefined): PhotoFile | null {
  const match = src ? OWN_PHOTO_FILE.exec(src) : null;
  return match ? { key: match[1]!, width: Number(match[2]) } : null;
}

/** Every photo file a body may name (more than its images; only to know which rows to look up). */
export function photoFilesIn(html: string): PhotoFile[] {
  return [...html.matchAll(PHOTO_FILE_ANYWHERE)].map((m) => ({ key: m[1]!, width: Number(m[2]) }));
}

const DIMENSION = /^\d{1,5}$/;

function options(isStored: PhotoFileCheck | undefined): sanitizeHtml.IOptions {
  // Where kept and dropped images (and kept tables) start in the output, to tell what a figure
  // held: the filter sees a figure when it closes, after its content has been filtered.
  const kept: number[] = [];
  const dropped: number[] = [];
  const within = (list: number[], at: number) => list.some((p) => p > at);
  const forgetWithin = (list: number[], at: number) => list.splice(0, list.length, ...list.filter((p) => p <= at));
  /**
   * Photos in the body are our own stored photos only: the CSP (img-src 'self') blocks any other
   * site's image anyway, and a foreign image would tell that site who reads the article. With a
   * check, the photo must also exist (a well-formed name of a photo we never stored is dropped).
   */
  const isAllowedImage = (src: string | undefined) => {
    const file = ownPhotoFile(src);
    return Boolean(file && (!isStored || isStored(file)));
  };
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel"],
      img: ["src", "alt", "width", "height"],
      th: ["colspan", "rowspan", "scope"],
      td: ["colspan", "rowspan"],
      ol: ["start"],
    },
    // A figure may say it is a photo placed by the editor; no other class is kept anywhere.
    allowedClasses: { figure: [INLINE_PHOTO_CLASS] },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ["href", "src"],
    // "//evil.example/x" would borrow the page's scheme: refuse it like any unknown scheme.
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    // Content of these is code or widgets, never article text.
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "svg", "math", "template"],
    transformTags: {
      b: "strong",
      i: "em",
      strike: "s",
      del: "s",
      // The page title is the only h1.
      h1: "h2",
      h5: "h4",
      h6: "h4",
      // A link opened from an article must not get a handle on our page (window.opener).
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener" } }),
      // Sizes are plain numbers (the page draws photos at their stored size anyway).
      img: (tagName, attribs) => ({
        tagName,
        attribs: Object.fromEntries(Object.entries(attribs).filter(([name, value]) => !["width", "height"].includes(name) || DIMENSION.test(value))),
      }),
    },
    exclusiveFilter: (frame) => {
      if (frame.tag === "img") {
        const keep = isAllowedImage(frame.attribs["src"]);
        (keep ? kept : dropped).push(frame.tagPosition);
        return !keep;
      }
      if (frame.tag === "table") kept.push(frame.tagPosition);
      if (frame.tag !== "figure") return false;
      // A figure that lost its photo goes with its caption (a caption under nothing misleads), as
      // does an editor's photo figure without a photo; other figures (a table, a quotation) stay.
      const photoFigure = within(dropped, frame.tagPosition) || (frame.attribs["class"] ?? "").split(/\s+/).includes(INLINE_PHOTO_CLASS);
      const drop = photoFigure && !within(kept, frame.tagPosition);
      // Its content leaves the output with it, and positions after it will be reused.
      if (drop) [kept, dropped].forEach((list) => forgetWithin(list, frame.tagPosition));
      return drop;
    },
  };
}

/**
 * The article body as it may be stored and shown: only the allow-listed tags and attributes.
 * `isStored` checks images against the photos we hold (src/services/media-inline.ts
 * sanitizeArticleBody); without it, any well-formed name of one of our photo files is kept.
 */
export function sanitizeArticleHtml(html: string, isStored?: PhotoFileCheck): string {
  return sanitizeHtml(html.normalize("NFC"), options(isStored)).trim();
}
