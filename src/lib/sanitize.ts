import sanitizeHtml from "sanitize-html";

// The body of an article comes from the editor, but anyone with a login (or a stolen session) can
// post any HTML, so the server keeps only what an article needs. Anything else is dropped: scripts,
// styles, frames and forms with their content, every event handler and style attribute, and any
// link whose scheme is not http, https, mailto or tel.
const ALLOWED_TAGS = [
  "p", "br", "h2", "h3", "h4", "strong", "em", "u", "s", "a", "ul", "ol", "li", "blockquote",
  "figure", "figcaption", "img", "table", "caption", "thead", "tbody", "tr", "th", "td",
];

/** Photos in the body come from our own uploads, or from another site over https. */
function isAllowedImageSource(src: string | undefined): boolean {
  return Boolean(src && (/^\/uploads\/[^/]/.test(src) || /^https:\/\/[^/]/i.test(src)));
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
  allowedSchemesByTag: { img: ["https"] },
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
