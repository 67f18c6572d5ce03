import { z } from "zod";
import { PAR_NAME_MAX, isTotalName, parseDecimal, parseWhole, rankProblem, scoreProblem, yearProblem } from "../../lib/par-csv.js";
import { componentKey } from "../../services/par-index.js";
import type { ParYearInput } from "../../services/par-index-admin.js";
import { vnDayKey, type Clock } from "../../lib/vi-time.js";
import { optionalText } from "./common.schema.js";

// The year form: the year's figures, then rows of components (name/score/max) and comparison rows
// (label/total/rank) as repeated fields; blank rows are skipped. Every message names its row.

export const LABEL_MAX = 120;

/** Next year in Vietnam: a year may be entered from the day its index is announced. */
export const maxParYear = (clock: Clock) => Number(vnDayKey(clock()).slice(0, 4)) + 1;

/** A repeated field: absent, one value or several, always a list of strings. */
const list = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => String(s).normalize("NFC").trim()));

const raw = z.union([z.string(), z.number()]).optional().transform((v) => (v === undefined ? "" : String(v).trim()));

const upper = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/** The year form's body, with the years allowed (2012 to next year). */
export function parYearBody(maxYear: number) {
  // The form names its repeated fields "componentName[]" (HTML's convention for a list); scripts may
  // send "componentName".
  const unbracket = (body: unknown) =>
    body && typeof body === "object" ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k.replace(/\[\]$/, ""), v])) : body;
  return z.preprocess(
    unbracket,
    z.object({
      year: raw,
      total: raw,
      max: raw,
      rank: raw,
      ranked: raw,
      note: optionalText("ghi chú", 1000),
      componentName: list,
      componentScore: list,
      componentMax: list,
      comparisonLabel: list,
      comparisonTotal: list,
      comparisonRank: list,
    })
      .transform((body, ctx): ParYearInput => {
        const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
        const decimal = (field: string, value: string, label: string, example: string) => {
          if (!value) return issue(field, `Vui lòng nhập ${label}.`), null;
          const n = parseDecimal(value);
          if (n === null) issue(field, `${upper(label)} «${value}» không phải là số (viết ${example}).`);
          return n;
        };
        const whole = (field: string, value: string, label: string) => {
          if (!value) return null;
          const n = parseWhole(value);
          if (n === null) issue(field, `${upper(label)} «${value}» phải là số nguyên.`);
          return n;
        };

        const year = parseWhole(body.year);
        if (year === null) issue("year", body.year ? `Năm «${body.year}» không hợp lệ, ví dụ 2016.` : "Vui lòng nhập năm.");
        else if (yearProblem(year, maxYear)) issue("year", upper(yearProblem(year, maxYear)!));
        const total = decimal("total", body.total, "điểm tổng", "79,23 hoặc 79.23");
        const max = decimal("max", body.max, "điểm tối đa", "100");
        if (total !== null && max !== null && scoreProblem(total, max)) issue("total", `Điểm tổng: ${scoreProblem(total, max)}`);
        const rank = whole("rank", body.rank, "hạng");
        const ranked = whole("ranked", body.ranked, "số tỉnh, thành được xếp hạng");
        // Only when both read as numbers (or are blank): otherwise their own message is enough.
        const badRank = (rank !== null || !body.rank) && (ranked !== null || !body.ranked) ? rankProblem(rank, ranked) : null;
        if (badRank) issue(rank !== null && (ranked === null || ranked < 1 || ranked > 100) ? "ranked" : "rank", upper(badRank));

        const components: ParYearInput["components"] = [];
        const names = new Map<string, number>();
        const rows = Math.max(body.componentName.length, body.componentScore.length, body.componentMax.length);
        for (let i = 0; i < rows; i++) {
          const [name = "", scoreRaw = "", maxRaw = ""] = [body.componentName[i], body.componentScore[i], body.componentMax[i]];
          if (!name && !scoreRaw && !maxRaw) continue;
          const row = `Chỉ số dòng ${i + 1}`;
          if (!name) issue(`componentName-${i}`, `${row}: vui lòng nhập tên chỉ số.`);
          else if (name.length > PAR_NAME_MAX) issue(`componentName-${i}`, `${row}: tên không được quá ${PAR_NAME_MAX} ký tự.`);
          else if (isTotalName(name)) issue(`componentName-${i}`, `${row}: điểm tổng ghi ở ô «Điểm tổng» phía trên, không ghi thành một chỉ số thành phần.`);
          else if (names.has(componentKey(name))) issue(`componentName-${i}`, `${row}: chỉ số «${name}» đã có ở dòng ${names.get(componentKey(name))! + 1}.`);
          if (name) names.set(componentKey(name), names.get(componentKey(name)) ?? i);
          const score = decimal(`componentScore-${i}`, scoreRaw, `điểm của ${row.toLowerCase()}`, "6,5 hoặc 6.5");
          const cmax = decimal(`componentMax-${i}`, maxRaw, `điểm tối đa của ${row.toLowerCase()}`, "6,5 hoặc 6.5");
          if (score !== null && cmax !== null && scoreProblem(score, cmax)) issue(`componentScore-${i}`, `${row}: ${scoreProblem(score, cmax)}`);
          if (name && score !== null && cmax !== null) components.push({ name, score, max: cmax });
        }

        const comparisons: ParYearInput["comparisons"] = [];
        const labels = new Set<string>();
        const crows = Math.max(body.comparisonLabel.length, body.comparisonTotal.length, body.comparisonRank.length);
        for (let i = 0; i < crows; i++) {
          const [label = "", totalRaw = "", rankRaw = ""] = [body.comparisonLabel[i], body.comparisonTotal[i], body.comparisonRank[i]];
          if (!label && !totalRaw && !rankRaw) continue;
          const row = `So sánh dòng ${i + 1}`;
          if (!label) issue(`comparisonLabel-${i}`, `${row}: vui lòng nhập tên, ví dụ «Trung bình cả nước».`);
          else if (label.length > LABEL_MAX) issue(`comparisonLabel-${i}`, `${row}: tên không được quá ${LABEL_MAX} ký tự.`);
          else if (labels.has(componentKey(label))) issue(`comparisonLabel-${i}`, `${row}: «${label}» đã có ở một dòng trên.`);
          labels.add(componentKey(label));
          const ctotal = decimal(`comparisonTotal-${i}`, totalRaw, `điểm của ${row.toLowerCase()}`, "74,64 hoặc 74.64");
          if (ctotal !== null && max !== null && scoreProblem(ctotal, max)) issue(`comparisonTotal-${i}`, `${row}: ${scoreProblem(ctotal, max)}`);
          const crank = whole(`comparisonRank-${i}`, rankRaw, `hạng của ${row.toLowerCase()}`);
          if (crank !== null && (crank < 1 || (ranked !== null && crank > ranked))) {
            issue(`comparisonRank-${i}`, `${row}: hạng phải từ 1${ranked ? ` đến ${ranked}` : ""}.`);
          }
          if (label && ctotal !== null) comparisons.push({ label, total: ctotal, rank: crank });
        }
        return { year: year ?? 0, total: total ?? 0, max: max ?? 0, rank, ranked, note: body.note, components, comparisons };
    }),
  );
}

export const YearParams = z.object({ year: z.coerce.number().int().min(1000).max(9999) });
