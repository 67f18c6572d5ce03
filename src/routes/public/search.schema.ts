import { z } from "zod";
import { addDays, vnDayStart } from "../../lib/vi-time.js";

// A search page never fails on its query string: anything odd falls back to a default, and a bad
// date is reported beside its field on a normal page.
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = z.preprocess(first, z.string()).catch("");

export const SearchQuery = z.object({
  q: text,
  trang: z.preprocess(first, z.coerce.number().int().min(1).max(10_000)).catch(1),
  "chuyen-muc": text,
  // Content type: "" (everything), "bai-viet" or a state-portal section (services/site-search.ts).
  loai: text,
  tu: text,
  den: text,
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** "2017-08-01" (what <input type=date> sends) or "01/08/2017" (typed by hand) → "2017-08-01". */
export function parseDay(value: string): string | null {
  const v = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y || !m || !d) return null;
  const key = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const check = new Date(`${key}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== key ? null : key;
}

export interface DateRange {
  from: Date | null;
  until: Date | null;
  errors: Record<string, string>;
}

/** Vietnam days, both ends included; each bad end is ignored and explained. */
export function dateRange(tu: string, den: string): DateRange {
  const errors: Record<string, string> = {};
  const fromKey = tu.trim() ? parseDay(tu) : null;
  const toKey = den.trim() ? parseDay(den) : null;
  if (tu.trim() && !fromKey) errors["tu"] = "“Từ ngày” không phải là một ngày có thật; hãy nhập theo dạng ngày/tháng/năm, ví dụ 01/08/2017.";
  if (den.trim() && !toKey) errors["den"] = "“Đến ngày” không phải là một ngày có thật; hãy nhập theo dạng ngày/tháng/năm, ví dụ 31/08/2017.";
  if (fromKey && toKey && toKey < fromKey) {
    errors["den"] = "“Đến ngày” phải bằng hoặc sau “Từ ngày”.";
    return { from: vnDayStart(fromKey), until: null, errors };
  }
  return {
    from: fromKey ? vnDayStart(fromKey) : null,
    until: toKey ? vnDayStart(addDays(toKey, 1)) : null,
    errors,
  };
}
