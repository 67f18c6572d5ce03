// Reading preferences a visitor picks with plain links (no JavaScript needed), kept in a cookie for
// a year: text size (A-, A, A+), high contrast, and whether the headline ticker moves.
export const DISPLAY_COOKIE = "cchc_hien_thi";
export const DISPLAY_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

export const TEXT_SIZES = ["nho", "vua", "lon"] as const;
export const CONTRASTS = ["thuong", "cao"] as const;
export const TICKER_MODES = ["chay", "dung"] as const;

export interface Display {
  size: (typeof TEXT_SIZES)[number];
  contrast: (typeof CONTRASTS)[number];
  ticker: (typeof TICKER_MODES)[number];
}

export const DEFAULT_DISPLAY: Display = { size: "vua", contrast: "thuong", ticker: "chay" };

const pick = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Query-string or cookie names → a Display; unknown values keep what `base` had. */
export function readDisplay(source: Record<string, unknown>, base: Display = DEFAULT_DISPLAY): Display {
  return {
    size: pick(TEXT_SIZES, source["co-chu"], base.size),
    contrast: pick(CONTRASTS, source["tuong-phan"], base.contrast),
    ticker: pick(TICKER_MODES, source["chu-chay"], base.ticker),
  };
}

export function parseDisplayCookie(value: unknown): Display {
  if (typeof value !== "string") return DEFAULT_DISPLAY;
  return readDisplay(Object.fromEntries(new URLSearchParams(value)));
}

export function serializeDisplay(d: Display): string {
  return new URLSearchParams({ "co-chu": d.size, "tuong-phan": d.contrast, "chu-chay": d.ticker }).toString();
}

/** Classes on <html> for text size and contrast: the stylesheet does the rest. */
export function displayClasses(d: Display): string[] {
  return [d.size === "nho" ? "text-small" : d.size === "lon" ? "text-large" : "", d.contrast === "cao" ? "contrast-high" : ""].filter(
    Boolean,
  );
}

/** Only a path on this site: "/x?y" yes; "//evil", "/\\evil", "https://evil" or control characters no. */
export function localReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 1000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  return value;
}

/** The link that sets one preference and comes back to `returnTo`. */
export function displayLink(change: Record<string, string>, returnTo: string): string {
  return `/hien-thi?${new URLSearchParams({ ...change, "quay-lai": returnTo }).toString()}`;
}
