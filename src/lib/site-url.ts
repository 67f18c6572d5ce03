// The absolute address of the site, for canonical links, feeds, the sitemap and share tags.
// SITE_URL wins; otherwise the request's protocol and host, with the host checked so a forged
// Host header cannot put an arbitrary address into a page.
const SAFE_HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export interface RequestLike {
  protocol: string;
  get(name: string): string | undefined;
}

export function siteBase(siteUrl: string | null, req: RequestLike): string {
  if (siteUrl) return siteUrl;
  const host = req.get("host") ?? "";
  const protocol = req.protocol === "https" ? "https" : "http";
  return `${protocol}://${SAFE_HOST.test(host) ? host.toLowerCase() : "127.0.0.1"}`;
}

/** "/tin-tuc/x" → "https://site/tin-tuc/x"; absolute URLs are kept. */
export function absolute(base: string, pathOrUrl: string): string {
  return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`;
}

/** Characters XML 1.0 forbids (controls other than tab and newlines) are dropped from feed text. */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}
