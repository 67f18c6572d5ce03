import { z } from "zod";
import { isValidity } from "../../services/document-validity.js";
import { documentTerms } from "../../services/documents.js";
import type { DocumentFilters } from "../../services/documents-public.js";
import type { TaxonomyEntry } from "../../services/taxonomy.js";
import { parseDay } from "./search.schema.js";

// The list never fails on its query string: a value that is not a choice, a year or a day is
// ignored and explained beside its filter, on a normal page.
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = z.preprocess(first, z.string().max(200)).catch("");

export const DocumentListQuery = z.object({
  q: text,
  loai: text,
  "co-quan": text,
  "linh-vuc": text,
  nam: text,
  "hieu-luc": text,
  tu: text,
  den: text,
  trang: z.preprocess(first, z.coerce.number().int().min(1).max(10_000)).catch(1),
});
export type DocumentListQuery = z.infer<typeof DocumentListQuery>;

/** The filters' names, in the order the form and the addresses use them. */
export const FILTER_NAMES = ["q", "loai", "co-quan", "linh-vuc", "nam", "hieu-luc", "tu", "den"] as const;

export interface FilterLists {
  types: TaxonomyEntry[];
  issuers: TaxonomyEntry[];
  sectors: TaxonomyEntry[];
}

export interface ReadFilters {
  filters: DocumentFilters;
  /** A message per filter that was ignored. */
  errors: Record<string, string>;
  /** What the form shows again, as typed. */
  values: Record<string, string>;
  /** The list's address with the filters in use, for the pagination links. */
  basePath: string;
}

/** Turns the query into filters, keeping only what makes sense and saying why the rest was left out. */
export function readFilters(query: DocumentListQuery, lists: FilterLists): ReadFilters {
  const errors: Record<string, string> = {};
  const values: Record<string, string> = Object.fromEntries(FILTER_NAMES.map((name) => [name, query[name].normalize("NFC").trim()]));
  const kept = new URLSearchParams();
  const keep = (name: string) => kept.set(name, values[name]!);

  const entry = (name: "loai" | "co-quan" | "linh-vuc", list: TaxonomyEntry[], message: string) => {
    if (!values[name]) return undefined;
    const found = list.find((e) => e.slug === values[name]);
    if (found) keep(name);
    else errors[name] = message;
    return found?.id;
  };
  const q = values["q"]!;
  const terms = documentTerms(q);
  if (terms.length) keep("q");
  const typeId = entry("loai", lists.types, "Loại văn bản này không có; kết quả dưới đây gồm mọi loại.");
  const issuerId = entry("co-quan", lists.issuers, "Cơ quan ban hành này không có; kết quả dưới đây gồm mọi cơ quan.");
  const sectorId = entry("linh-vuc", lists.sectors, "Lĩnh vực này không có; kết quả dưới đây gồm mọi lĩnh vực.");

  let year: number | undefined;
  if (values["nam"]) {
    if (/^\d{4}$/.test(values["nam"]!) && Number(values["nam"]) >= 1945 && Number(values["nam"]) <= 2100) {
      year = Number(values["nam"]);
      keep("nam");
    } else errors["nam"] = "Năm ban hành phải là một năm có bốn chữ số, ví dụ 2024.";
  }

  const validity = values["hieu-luc"];
  if (validity && isValidity(validity)) keep("hieu-luc");
  else if (validity) errors["hieu-luc"] = "Tình trạng hiệu lực chỉ có thể là còn, hết hoặc chưa có hiệu lực.";

  const day = (name: "tu" | "den", label: string, example: string) => {
    if (!values[name]) return undefined;
    const key = parseDay(values[name]!);
    if (key) keep(name);
    else errors[name] = `“${label}” không phải là một ngày có thật; hãy nhập theo dạng ngày/tháng/năm, ví dụ ${example}.`;
    return key ?? undefined;
  };
  const from = day("tu", "Từ ngày", "01/01/2024");
  let until = day("den", "Đến ngày", "31/12/2024");
  if (from && until && until < from) {
    errors["den"] = "“Đến ngày” phải bằng hoặc sau “Từ ngày”.";
    kept.delete("den");
    until = undefined;
  }

  const search = kept.toString();
  return {
    filters: { terms, typeId, issuerId, sectorId, year, validity: isValidity(validity) ? validity : undefined, from, until },
    errors,
    values,
    basePath: search ? `/van-ban?${search}` : "/van-ban",
  };
}
