// The absolute address of the site, for canonical links, feeds, the sitemap and share tags, which
// are cached and shown to everyone. SITE_URL wins; otherwise the request's host only when it is the
// listening address or in ALLOWED_HOSTS, so a forged Host header never reaches a page or a cache.

export interface RequestLike {
  protocol: string;
  get(name: string): string | undefined;
}

export interface SiteAddress {
  siteUrl: string | null;
  allowedHosts: readonly string[];
}

export function siteBase({ siteUrl, allowedHosts }: SiteAddress, req: RequestLike): string {
  if (siteUrl) return siteUrl;
  const host = (req.get("host") ?? "").toLowerCase();
  const protocol = req.protocol === "https" ? "https" : "http";
  return `${protocol}://${allowedHosts.includes(host) ? host : allowedHosts[0]}`;
}

/** "/tin-tuc/x" → "https://site/tin-tuc/x"; absolute URLs are kept. */
export function absolute(base: string, pathOrUrl: string): string {
  return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`;
}

/** Characters XML 1.0 forbids (controls other than tab and newlines) are dropped from feed text. */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}
