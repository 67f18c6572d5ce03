import { barChart, columnChart, rankChart, viNumber } from "../lib/svg-charts.js";
import { pairComponents, type ParComponentRow, type ParOrigin, type ParYearData, type ParYearPageData } from "./par-index.js";

// What the PAR Index pages show, worked out once when the page is made (and kept with it): numbers
// written the Vietnamese way, shares of each maximum, and the charts as SVG strings.

export const DEMO_LABEL = "Số liệu minh họa";
export const ORIGIN_LABELS: Record<ParOrigin, string> = {
  staff: "Số liệu do cán bộ nhập",
  seed: "Nhập từ bài viết",
  demo: DEMO_LABEL,
};

const share = (score: number, max: number) => (max > 0 ? score / max : 0);
const percent = (score: number, max: number) => `${viNumber(share(score, max) * 100)}%`;
export const rankLabel = (rank: number | null, ranked: number | null) => (rank && ranked ? `${rank}/${ranked}` : "—");

/**
 * "tăng 5,2 điểm phần trăm", "giảm 1 điểm phần trăm" or "không đổi": the direction in words, not
 * colour; without the unit ("tăng 5,2") where a table's heading says it.
 */
function changeLabel(now: number, before: number, unit = " điểm phần trăm"): string {
  const points = Math.round((now - before) * 10000) / 100;
  if (points === 0) return "không đổi";
  return `${points > 0 ? "tăng" : "giảm"} ${viNumber(Math.abs(points))}${unit}`;
}

export interface ParYearSummary {
  year: number;
  url: string;
  totalLabel: string;
  maxLabel: string;
  percentLabel: string;
  rankLabel: string;
  origin: ParOrigin;
  originLabel: string;
  demo: boolean;
  note: string;
}

function summary(y: ParYearData): ParYearSummary {
  return {
    year: y.year,
    url: `/chi-so-cchc/${y.year}`,
    totalLabel: viNumber(y.total),
    maxLabel: viNumber(y.max),
    percentLabel: percent(y.total, y.max),
    rankLabel: rankLabel(y.rank, y.ranked),
    origin: y.origin,
    originLabel: ORIGIN_LABELS[y.origin],
    demo: y.origin === "demo",
    note: y.note,
  };
}

export interface ParOverviewView {
  years: ParYearSummary[];
  hasDemo: boolean;
  totalsChart: string | null;
  rankChart: string | null;
}

/** /chi-so-cchc: every year's total and rank, as two charts and a table. */
export function parOverviewView(years: ParYearData[]): ParOverviewView {
  const rows = years.map(summary);
  const hasDemo = years.some((y) => y.origin === "demo");
  const demoNote = hasDemo ? ` Cột gạch chéo là ${DEMO_LABEL.toLowerCase()}, không phải kết quả chính thức.` : "";
  const span = years.length ? `${years[0]!.year}–${years[years.length - 1]!.year}` : "";
  const totalsChart = years.length
    ? columnChart({
        id: "bieu-do-tong",
        title: `Chỉ số cải cách hành chính của thành phố Cần Thơ, ${span}`,
        description:
          `Biểu đồ cột: điểm tổng mỗi năm theo phần trăm điểm tối đa, thứ hạng ghi dưới năm. ` +
          rows.map((r) => `${r.year}: ${r.percentLabel}, hạng ${r.rankLabel}${r.demo ? ` (${DEMO_LABEL.toLowerCase()})` : ""}`).join("; ") +
          `.${demoNote}`,
        columns: years.map((y, i) => ({
          label: String(y.year),
          sublabel: y.rank && y.ranked ? `hạng ${rows[i]!.rankLabel}` : "",
          share: share(y.total, y.max),
          valueLabel: rows[i]!.percentLabel,
          hatched: y.origin === "demo",
        })),
        legend: hasDemo ? [{ label: DEMO_LABEL, hatched: true }] : [],
      })
    : null;
  const ranked = years.filter((y) => y.rank && y.ranked);
  const rank =
    ranked.length > 1
      ? rankChart({
          id: "bieu-do-hang",
          title: `Thứ hạng của thành phố Cần Thơ theo Chỉ số cải cách hành chính, ${span}`,
          description:
            `Biểu đồ đường: thứ hạng mỗi năm, hạng nhất ở trên cùng (63 tỉnh, thành được xếp hạng trước năm 2025, 34 từ năm 2025). ` +
            ranked.map((y) => `${y.year}: ${rankLabel(y.rank, y.ranked)}${y.origin === "demo" ? ` (${DEMO_LABEL.toLowerCase()})` : ""}`).join("; ") +
            ".",
          points: ranked.map((y) => ({ label: String(y.year), rank: y.rank!, ranked: y.ranked!, valueLabel: rankLabel(y.rank, y.ranked), hollow: y.origin === "demo" })),
          legend: ranked.some((y) => y.origin === "demo") ? [{ label: `${DEMO_LABEL} (điểm rỗng)` }] : [],
        })
      : null;
  return { years: rows, hasDemo, totalsChart, rankChart: rank };
}

export interface ComponentView {
  name: string;
  scoreLabel: string;
  maxLabel: string;
  percentLabel: string;
}

const componentView = (c: ParComponentRow): ComponentView => ({
  name: c.name,
  scoreLabel: viNumber(c.score),
  maxLabel: viNumber(c.max),
  percentLabel: percent(c.score, c.max),
});

export interface ComparisonRowView {
  name: string;
  currentLabel: string;
  previousLabel: string;
  changeLabel: string;
  /** New this year: the year before had no component of this name. */
  isNew: boolean;
  /** In the year before only. */
  dropped: boolean;
}

export interface ParYearView extends ParYearSummary {
  title: string;
  components: ComponentView[];
  componentsChart: string | null;
  previous: ParYearSummary | null;
  nextYear: number | null;
  versus: { rows: ComparisonRowView[]; chart: string | null; totalChange: string } | null;
  comparisons: { label: string; totalLabel: string; rankLabel: string }[];
}

function versusView(current: ParYearData, previous: ParYearData): NonNullable<ParYearView["versus"]> {
  // A year entered with its total only has nothing to pair: every component would look new.
  const pairs = previous.components.length && current.components.length ? pairComponents(current.components, previous.components) : [];
  const rows = pairs.map((p) => ({
    name: p.name,
    currentLabel: p.current ? percent(p.current.score, p.current.max) : "không có",
    previousLabel: p.previous ? percent(p.previous.score, p.previous.max) : "chưa có",
    changeLabel: p.current && p.previous ? changeLabel(share(p.current.score, p.current.max), share(p.previous.score, p.previous.max), "") : p.current ? "mới" : "không còn",
    isNew: Boolean(p.current && !p.previous),
    dropped: Boolean(!p.current && p.previous),
  }));
  const demo = [current, previous].some((y) => y.origin === "demo") ? ` Có ${DEMO_LABEL.toLowerCase()}.` : "";
  const bar = (c: ParComponentRow | null) => (c ? { share: share(c.score, c.max), valueLabel: percent(c.score, c.max) } : null);
  const chart = pairs.length
    ? barChart({
        id: "bieu-do-so-sanh",
        title: `Chỉ số thành phần năm ${current.year} so với năm ${previous.year}`,
        description:
          `Biểu đồ thanh ngang, mỗi chỉ số thành phần theo phần trăm điểm tối đa của nó; năm ${current.year} tô đặc, năm ${previous.year} gạch chéo. ` +
          rows.map((r) => `${r.name}: ${current.year} ${r.currentLabel}, ${previous.year} ${r.previousLabel}, ${r.isNew ? `mới từ năm ${current.year}` : r.dropped ? `không còn trong năm ${current.year}` : `${r.changeLabel} điểm phần trăm`}`).join("; ") +
          `.${demo}`,
        series: [
          { name: String(current.year), hatched: false },
          { name: String(previous.year), hatched: true },
        ],
        groups: pairs.map((p) => ({
          label: p.current && !p.previous ? `${p.name} (mới)` : p.name,
          values: [bar(p.current), bar(p.previous)],
          missingLabel: p.current ? "chưa có" : "không có",
        })),
      })
    : null;
  return { rows, chart, totalChange: changeLabel(share(current.total, current.max), share(previous.total, previous.max)) };
}

/** /chi-so-cchc/:year: the components against their maxima, the year against the one before, comparison rows. */
export function parYearView({ year, previous, nextYear }: ParYearPageData): ParYearView {
  const components = year.components.map(componentView);
  const componentsChart = components.length
    ? barChart({
        id: "bieu-do-thanh-phan",
        title: `Các chỉ số thành phần năm ${year.year} so với điểm tối đa`,
        description:
          "Biểu đồ thanh ngang: mỗi thanh dài bằng điểm tối đa của chỉ số, phần tô đặc là điểm đạt được. " +
          components.map((c) => `${c.name}: ${c.scoreLabel}/${c.maxLabel} (${c.percentLabel})`).join("; ") +
          (year.origin === "demo" ? `. ${DEMO_LABEL}.` : "."),
        series: [{ name: String(year.year), hatched: year.origin === "demo" }],
        groups: year.components.map((c, i) => ({
          label: c.name,
          values: [{ share: share(c.score, c.max), valueLabel: `${components[i]!.scoreLabel}/${components[i]!.maxLabel} (${components[i]!.percentLabel})` }],
        })),
      })
    : null;
  return {
    ...summary(year),
    title: `Chỉ số cải cách hành chính năm ${year.year}`,
    components,
    componentsChart,
    previous: previous ? summary(previous) : null,
    nextYear,
    versus: previous ? versusView(year, previous) : null,
    comparisons: year.comparisons.map((c) => ({
      label: c.label,
      totalLabel: viNumber(c.total),
      rankLabel: c.rank ? (year.ranked ? `${c.rank}/${year.ranked}` : String(c.rank)) : "—",
    })),
  };
}
