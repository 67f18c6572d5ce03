import sanitizeHtml from "sanitize-html";

// The body of an article comes from the editor, but anyone with a login (or a stolen session) can
// post any HTML, so the server keeps only what an article needs. Anything else is dropped: scripts,
// styles, frames and forms with their content, every event handler and style attribute, and any
// link whose scheme is not http, https, mailto or tel.
const ALLOWED_TAGS = [
  "p", "br", "h2", "h3", "h4", "strong", "em", "u", "s", "a", "ul", "ol", "li", "blockquote",
  "figure", "figcaption", "img", "table", "caption", "thead", "tbody", "tr", "th", "td",
];

// Exactly the name of one re-encoded photo file (src/services/media.ts photoFiles): a prefix test
// would let "/uploads/../hien-thi?..." through, and the browser resolves that to another page.
const OWN_PHOTO_FILE = /^\/uploads\/[0-9a-f]{24}-\d{1,5}\.(?:webp|jpg)$/;

/**
 * Photos in the body are our own stored photos only: the CSP (img-src 'self') blocks any other
 * site's image anyway, and a foreign image would tell that site who reads the article.
 */
function isAllowedImageSource(src: string | undefined): boolean {
  return Boolean(src && OWN_PHOTO_FILE.test(src));
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "width", "height"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
    ol: ["start"],
  },
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
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !isAllowedImageSource(frame.attribs["src"]),
};

/** The article body as it may be stored and shown: only the allow-listed tags and attributes. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html.normalize("NFC"), OPTIONS).trim();
}
