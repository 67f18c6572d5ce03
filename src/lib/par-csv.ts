import { parse } from "csv-parse/sync";
import { fold } from "./fold.js";
import { viNumber } from "./svg-charts.js";

// The PAR Index (Chỉ số cải cách hành chính) rules shared by the year form and the CSV import, and the
// CSV reader itself. Numbers are written either way: "12,5" (Vietnamese decimal comma) or "12.5";
// there are no thousands separators because no score reaches 1,000. In a comma-separated file a
// decimal comma must be inside quotes ("79,23"), as Excel and LibreOffice write it; a file whose header
// is separated by semicolons (Excel with Vietnamese regional settings) is read with ";".

export const PAR_MIN_YEAR = 2012;
export const PAR_CSV_HEADER = ["year", "component", "score", "max", "rank", "ranked"] as const;
/** The component row that holds the year's total, its maximum, rank and number ranked. */
export const PAR_TOTAL_NAME = "Tổng";
export const PAR_NAME_MAX = 200;
const MAX_ROWS = 2000;
const MAX_ERRORS = 30;

/** "12,5", "12.5", "-3" or "7" as a number; null for anything else ("1.234,5", "12,5%", "abc"). */
export function parseDecimal(raw: string): number | null {
  const value = raw.trim().replace(/\s+/g, "");
  if (!/^-?\d{1,6}(?:[.,]\d{1,4})?$/.test(value)) return null;
  return Number(value.replace(",", "."));
}

/** A whole number written as digits only, or null. */
export function parseWhole(raw: string): number | null {
  const value = raw.trim();
  return /^\d{1,6}$/.test(value) ? Number(value) : null;
}

export const isTotalName = (name: string) => fold(name.trim()) === fold(PAR_TOTAL_NAME);

/** What is wrong with a year, or null. `maxYear` is next year: a year is entered when it is announced. */
export function yearProblem(year: number, maxYear: number): string | null {
  if (Number.isInteger(year) && year >= PAR_MIN_YEAR && year <= maxYear) return null;
  return `năm phải từ ${PAR_MIN_YEAR} đến ${maxYear}.`;
}

/** What is wrong with a score against its maximum, or null. */
export function scoreProblem(score: number, max: number): string | null {
  if (!(max > 0)) return `điểm tối đa phải lớn hơn 0 (đang là ${viNumber(max)}).`;
  if (score < 0) return `điểm không được âm (đang là ${viNumber(score)}).`;
  if (score > max) return `điểm ${viNumber(score)} lớn hơn điểm tối đa ${viNumber(max)}.`;
  return null;
}

/** What is wrong with a rank and the number ranked that year (63 provinces before 2025, 34 after), or null. */
export function rankProblem(rank: number | null, ranked: number | null): string | null {
  if ((rank === null) !== (ranked === null)) return "cần ghi cả hạng và số tỉnh, thành được xếp hạng, hoặc bỏ trống cả hai.";
  if (rank === null || ranked === null) return null;
  if (ranked < 1 || ranked > 100) return `số tỉnh, thành được xếp hạng phải từ 1 đến 100, ví dụ 63 hoặc 34 (đang là ${ranked}).`;
  if (rank < 1) return "hạng phải từ 1 trở lên.";
  if (rank > ranked) return `hạng ${rank} lớn hơn số tỉnh, thành được xếp hạng ${ranked}.`;
  return null;
}

export interface ParComponentInput {
  name: string;
  score: number;
  max: number;
}

/** One year as the import replaces it: the total from the «Tổng» row, the components in file order. */
export interface ParImportYear {
  year: number;
  total: number;
  max: number;
  rank: number | null;
  ranked: number | null;
  components: ParComponentInput[];
}

export type ParCsvResult = { ok: true; years: ParImportYear[]; rows: number } | { ok: false; errors: string[] };

interface Record {
  line: number;
  fields: string[];
}

const refuse = (...errors: string[]): ParCsvResult => ({ ok: false, errors });

function decode(input: Buffer | string): string | null {
  if (typeof input === "string") return input;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    return null;
  }
}

/** The file's records with the line each starts on (the header is line 1); blank lines skipped. */
function readRecords(text: string): Record[] | string {
  // One line ending for everything, so line numbers are counted the same for CRLF, LF and CR files.
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const firstLine = normalised.split("\n", 1)[0] ?? "";
  const delimiter = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  try {
    const options = { delimiter, record_delimiter: "\n", info: true, raw: true, relax_column_count: true, skip_empty_lines: true };
    // With info and raw each record comes as {record, info, raw}; the typings do not follow the options.
    const parsed = parse(normalised, options) as unknown as { record: string[]; info: { lines: number }; raw?: string }[];
    return parsed
      .map(({ record, info, raw }) => {
        // info.lines is where the record ends; raw also holds the blank lines skipped before it.
        const inside = (raw ?? "").replace(/\n+$/, "").replace(/^\n+/, "");
        const newlines = inside.split("\n").length - 1;
        return { line: info.lines - newlines, fields: record.map((f) => f.normalize("NFC").trim()) };
      })
      .filter((r) => r.fields.some((f) => f !== ""));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const code = (error as { code?: string }).code ?? "";
    const what = code.includes("QUOTE") ? "dấu ngoặc kép không khớp (một ô mở ngoặc kép mà không đóng, hoặc ngoặc kép nằm giữa ô)." : "không đọc được dòng này theo định dạng CSV.";
    return line ? `Dòng ${line}: ${what}` : `Không đọc được tệp: ${what}`;
  }
}

function checkHeader(fields: string[]): string | null {
  const got = fields.map((f) => f.toLowerCase());
  const ok = got.length === PAR_CSV_HEADER.length && PAR_CSV_HEADER.every((name, i) => got[i] === name);
  if (ok) return null;
  return `Dòng 1: dòng tiêu đề phải đúng là «${PAR_CSV_HEADER.join(",")}» (tệp đang có «${fields.join(",")}»). Hãy tải tệp mẫu và giữ nguyên dòng đầu.`;
}

interface RowValues {
  year: number;
  name: string;
  score: number;
  max: number;
  rank: number | null;
  ranked: number | null;
}

/** One data row checked on its own: its values, or what is wrong with it (without the line number). */
function checkRow(fields: string[], maxYear: number): RowValues | string {
  if (fields.length > PAR_CSV_HEADER.length) {
    return `có ${fields.length} cột thay vì ${PAR_CSV_HEADER.length}. Số có dấu phẩy thập phân phải nằm trong ngoặc kép ("12,5"), hoặc viết bằng dấu chấm (12.5).`;
  }
  if (fields.length < 4) return `có ${fields.length} cột; cần ít nhất 4 cột: year, component, score, max.`;
  const [yearRaw = "", name = "", scoreRaw = "", maxRaw = "", rankRaw = "", rankedRaw = ""] = fields;
  const year = parseWhole(yearRaw);
  if (year === null) return `năm «${yearRaw}» không phải là một năm, ví dụ 2016.`;
  const badYear = yearProblem(year, maxYear);
  if (badYear) return `${badYear.replace(/\.$/, "")} (đang là ${year}).`;
  if (!name) return "thiếu tên chỉ số (cột component).";
  if (name.length > PAR_NAME_MAX) return `tên chỉ số dài quá ${PAR_NAME_MAX} ký tự.`;
  const score = parseDecimal(scoreRaw);
  if (score === null) return scoreRaw ? `điểm «${scoreRaw}» không phải là số (viết 12,5 hoặc 12.5).` : "thiếu điểm (cột score).";
  const max = parseDecimal(maxRaw);
  if (max === null) return maxRaw ? `điểm tối đa «${maxRaw}» không phải là số (viết 12,5 hoặc 12.5).` : "thiếu điểm tối đa (cột max).";
  const badScore = scoreProblem(score, max);
  if (badScore) return badScore;
  const rank = rankRaw ? parseWhole(rankRaw) : null;
  if (rankRaw && rank === null) return `hạng «${rankRaw}» phải là số nguyên, ví dụ 16.`;
  const ranked = rankedRaw ? parseWhole(rankedRaw) : null;
  if (rankedRaw && ranked === null) return `số tỉnh, thành được xếp hạng «${rankedRaw}» phải là số nguyên, ví dụ 63.`;
  if (!isTotalName(name) && (rank !== null || ranked !== null)) {
    return `hạng chỉ ghi ở dòng «${PAR_TOTAL_NAME}»; dòng chỉ số thành phần để trống cột rank và ranked.`;
  }
  const badRank = rankProblem(rank, ranked);
  if (badRank) return badRank;
  return { year, name: isTotalName(name) ? PAR_TOTAL_NAME : name, score, max, rank, ranked };
}

interface YearDraft {
  firstLine: number;
  total: (RowValues & { line: number }) | null;
  components: Map<string, { line: number; input: ParComponentInput }>;
}

/**
 * Reads an import file: every row is checked, and the file is refused whole when any is wrong, each
 * problem naming its line (the header is line 1). A year's rows become that year's complete data.
 */
export function parseParCsv(input: Buffer | string, options: { maxYear: number }): ParCsvResult {
  const text = decode(input);
  if (text === null) {
    return refuse("Tệp không phải văn bản UTF-8. Trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)», hoặc dùng tệp mẫu.");
  }
  if (!text.replace(/^\uFEFF/, "").trim()) return refuse("Tệp trống: không có dòng nào. Hãy tải tệp mẫu, điền số liệu rồi nhập lại.");
  const records = readRecords(text);
  if (typeof records === "string") return refuse(records);
  const [header, ...rows] = records;
  const badHeader = header && (header.line !== 1 ? `Dòng 1: dòng đầu của tệp phải là dòng tiêu đề «${PAR_CSV_HEADER.join(",")}».` : checkHeader(header.fields));
  if (!header || badHeader) return refuse(badHeader ?? "Tệp trống.");
  if (!rows.length) return refuse("Tệp chỉ có dòng tiêu đề, chưa có dòng số liệu nào.");
  if (rows.length > MAX_ROWS) return refuse(`Tệp có ${rows.length} dòng số liệu; mỗi lần nhập tối đa ${MAX_ROWS} dòng.`);

  const errors: string[] = [];
  const years = new Map<number, YearDraft>();
  for (const row of rows) {
    const checked = checkRow(row.fields, options.maxYear);
    if (typeof checked === "string") {
      errors.push(`Dòng ${row.line}: ${checked}`);
      continue;
    }
    const draft = years.get(checked.year) ?? { firstLine: row.line, total: null, components: new Map() };
    years.set(checked.year, draft);
    if (checked.name === PAR_TOTAL_NAME) {
      if (draft.total) errors.push(`Dòng ${row.line}: năm ${checked.year} đã có dòng «${PAR_TOTAL_NAME}» ở dòng ${draft.total.line}.`);
      else draft.total = { ...checked, line: row.line };
      continue;
    }
    const key = fold(checked.name);
    const earlier = draft.components.get(key);
    if (earlier) errors.push(`Dòng ${row.line}: chỉ số «${checked.name}» của năm ${checked.year} đã có ở dòng ${earlier.line}.`);
    else draft.components.set(key, { line: row.line, input: { name: checked.name, score: checked.score, max: checked.max } });
  }
  for (const [year, draft] of years) {
    if (!draft.total) errors.push(`Dòng ${draft.firstLine}: năm ${year} không có dòng «${PAR_TOTAL_NAME}» ghi điểm tổng của năm.`);
  }
  if (errors.length) {
    const byLine = (e: string) => Number(/^Dòng (\d+)/.exec(e)?.[1] ?? 0);
    const sorted = errors.sort((a, b) => byLine(a) - byLine(b));
    const shown = sorted.slice(0, MAX_ERRORS);
    if (sorted.length > MAX_ERRORS) shown.push(`… và ${sorted.length - MAX_ERRORS} lỗi khác.`);
    return { ok: false, errors: shown };
  }
  const result = [...years.entries()].map(([year, draft]) => ({
    year,
    total: draft.total!.score,
    max: draft.total!.max,
    rank: draft.total!.rank,
    ranked: draft.total!.ranked,
    components: [...draft.components.values()].map((c) => c.input),
  }));
  return { ok: true, years: result.sort((a, b) => a.year - b.year), rows: rows.length };
}

/**
 * The downloadable template: the header and, as examples, the 2016 figures the seed article gives
 * (so importing it unchanged only puts back what the article says). It shows a quoted decimal comma,
 * a dot and a quoted name with a comma.
 */
export function parCsvTemplate(): string {
  const rows = [
    PAR_CSV_HEADER.join(","),
    `2016,${PAR_TOTAL_NAME},"79,23",100,16,63`,
    "2016,Cải cách tổ chức bộ máy hành chính nhà nước,6.5,6.5,,",
    '2016,Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật,"93,33",100,,',
    '2016,"Một cửa, một cửa liên thông","90,63",100,,',
    "2016,Hiện đại hóa hành chính,47.22,100,,",
  ];
  // A BOM so Excel opens the file as UTF-8; CRLF as RFC 4180 and Excel write it.
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}
