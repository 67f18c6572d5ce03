// Charts drawn on the server as SVG strings: pure functions of their data, so they are tested without
// a browser and kept in memory with the page. Each chart is role="img" with a <title> and <desc>, scales
// with its container (viewBox, width 100%), and can be read without colour: every value is written
// beside its mark, and a second series or demo figures are hatched, not just another colour. Texts
// and marks use classes that the stylesheets restyle (high contrast, print); the attributes are the
// fallback when no stylesheet applies (a saved file, a feed reader).

// 360 units wide: on a 360 px phone (a column of about 330 px) the text keeps nearly its size.
const W = 360;
const FONT = 13;
// Characters of a bold label that fit on one line at FONT in a W-wide chart (about 0.6 em each).
const LINE_CHARS = 44;

/** Text made safe for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 79.23 → "79,23", 6.5 → "6,5", 100 → "100": Vietnamese decimal comma, at most `decimals` places. */
export function viNumber(value: number, decimals = 2): string {
  const fixed = value.toFixed(decimals).replace(/\.?0+$/, "");
  return (fixed === "-0" ? "0" : fixed).replace(".", ",");
}

/** Words wrapped into lines of at most `max` characters (a longer word stays whole on its own line). */
export function wrapText(text: string, max = LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

const round = (n: number) => Math.round(n * 10) / 10;
const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

interface Frame {
  id: string;
  title: string;
  description: string;
  height: number;
  body: string;
  /** Hatched series drawn in this chart: the pattern is defined once. */
  hatched: boolean;
}

function frame({ id, title, description, height, body, hatched }: Frame): string {
  const defs = hatched
    ? `<defs><pattern id="${id}-hatch" class="chart-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
      `<rect class="chart-hatch-bg" width="6" height="6" fill="#ffffff"/><line class="chart-hatch-line" x1="1.5" y1="0" x2="1.5" y2="6" stroke="#0a4a84" stroke-width="3"/></pattern></defs>`
    : "";
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${round(height)}" width="100%" role="img" ` +
    `aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="${FONT}">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${defs}${body}</svg>`
  );
}

const text = (x: number, y: number, content: string, attrs = "") =>
  `<text x="${round(x)}" y="${round(y)}" fill="currentColor"${attrs ? ` ${attrs}` : ""}>${escapeXml(content)}</text>`;

const barFill = (id: string, hatched: boolean) =>
  hatched ? `class="chart-bar chart-bar-hatched" fill="url(#${id}-hatch)" stroke="#0a4a84"` : `class="chart-bar" fill="#0a4a84" stroke="#0a4a84"`;

/** A legend row: a swatch per series and its name. Returns the markup and the height used. */
function legend(id: string, items: { label: string; hatched: boolean }[], y: number): { svg: string; height: number } {
  if (!items.length) return { svg: "", height: 0 };
  let x = 8;
  let row = 0;
  let svg = "";
  for (const item of items) {
    const width = 22 + item.label.length * 7.2;
    if (x > 8 && x + width > W - 8) {
      x = 8;
      row += 1;
    }
    const top = y + row * 20;
    svg += `<rect x="${round(x)}" y="${round(top)}" width="14" height="14" ${barFill(id, item.hatched)}/>`;
    svg += text(x + 20, top + 12, item.label, 'class="chart-legend"');
    x += width + 12;
  }
  return { svg: `<g class="chart-legend-row">${svg}</g>`, height: (row + 1) * 20 + 6 };
}

export interface Column {
  /** Under the column, e.g. the year. */
  label: string;
  /** A second line under it, e.g. "hạng 16/63". */
  sublabel?: string;
  /** The share of the maximum, 0 to 1. */
  share: number;
  /** Written above the column, e.g. "79,23%". */
  valueLabel: string;
  /** Drawn hatched (e.g. demo figures); the legend says why. */
  hatched?: boolean;
}

export interface ColumnChart {
  id: string;
  title: string;
  description: string;
  columns: Column[];
  /** Legend entries, e.g. [{label: "Số liệu minh họa", hatched: true}]. */
  legend?: { label: string; hatched: boolean }[];
}

/** Vertical columns against a 0-100% scale, each labelled with its value and one or two lines below. */
export function columnChart(chart: ColumnChart): string {
  const { id, columns } = chart;
  const top = legend(id, chart.legend ?? [], 6);
  const left = 40;
  const right = 8;
  const plotTop = top.height + 22;
  const plotHeight = 180;
  const base = plotTop + plotHeight;
  const band = (W - left - right) / Math.max(columns.length, 1);
  const width = Math.min(48, band * 0.62);
  const small = Math.min(FONT - 1, Math.max(8, band / 3.4));
  let body = top.svg;
  for (const tick of [0, 25, 50, 75, 100]) {
    const y = base - (plotHeight * tick) / 100;
    body += `<line class="chart-grid" x1="${left}" x2="${W - right}" y1="${round(y)}" y2="${round(y)}" stroke="#c9d1d9" stroke-width="1"/>`;
    body += text(left - 4, y + 4, `${tick}%`, `class="chart-axis" text-anchor="end" font-size="${FONT - 2}"`);
  }
  columns.forEach((column, i) => {
    const cx = left + band * i + band / 2;
    const h = plotHeight * clamp01(column.share);
    body += `<rect x="${round(cx - width / 2)}" y="${round(base - h)}" width="${round(width)}" height="${round(h)}" ${barFill(id, Boolean(column.hatched))}/>`;
    body += text(cx, base - h - 5, column.valueLabel, `class="chart-value" text-anchor="middle" font-size="${round(small)}" font-weight="700"`);
    body += text(cx, base + 16, column.label, `class="chart-label" text-anchor="middle" font-size="${round(small)}"`);
    if (column.sublabel) body += text(cx, base + 31, column.sublabel, `class="chart-label" text-anchor="middle" font-size="${round(small)}"`);
  });
  body += `<line class="chart-axis-line" x1="${left}" x2="${W - right}" y1="${base}" y2="${base}" stroke="currentColor" stroke-width="1.5"/>`;
  const hatched = columns.some((c) => c.hatched) || (chart.legend ?? []).some((l) => l.hatched);
  return frame({ id, title: chart.title, description: chart.description, height: base + 40, body, hatched });
}

export interface RankPoint {
  label: string;
  rank: number;
  /** How many were ranked that year (63 before the 2025 merger, 34 after). */
  ranked: number;
  /** Written beside the point, e.g. "16/63". */
  valueLabel: string;
  /** Drawn as a hollow point (e.g. demo figures). */
  hollow?: boolean;
}

export interface RankChart {
  id: string;
  title: string;
  description: string;
  points: RankPoint[];
  /** Legend entries for hollow points, e.g. [{label: "Số liệu minh họa"}]. */
  legend?: { label: string }[];
}

/**
 * Rank over the years as a line, first place at the top. Ranks out of different totals (63 and 34)
 * are placed by their share of the field, so a province in the middle stays in the middle.
 */
export function rankChart(chart: RankChart): string {
  const { id, points } = chart;
  // Its legend explains the hollow points (demo figures) with a hollow point.
  const top = (chart.legend ?? []).reduce(
    (acc, item) => {
      const y = 6 + acc.height;
      const svg = `<circle cx="15" cy="${y + 7}" r="5" class="chart-point chart-point-hollow" fill="#ffffff" stroke="#0a4a84" stroke-width="2"/>${text(28, y + 12, item.label, 'class="chart-legend"')}`;
      return { svg: acc.svg + svg, height: acc.height + 20 };
    },
    { svg: "", height: 0 },
  );
  const left = 40;
  const right = 8;
  const plotTop = top.height + 18;
  const plotHeight = 150;
  const band = (W - left - right) / Math.max(points.length, 1);
  const small = Math.min(FONT - 1, Math.max(8, band / 3.4));
  const yOf = (p: RankPoint) => plotTop + plotHeight * clamp01(p.ranked > 1 ? (p.rank - 1) / (p.ranked - 1) : 0);
  let body = top.svg;
  for (const [share, label] of [[0, "hạng 1"], [0.5, "giữa"], [1, "cuối"]] as const) {
    const y = plotTop + plotHeight * share;
    body += `<line class="chart-grid" x1="${left}" x2="${W - right}" y1="${round(y)}" y2="${round(y)}" stroke="#c9d1d9" stroke-width="1"/>`;
    body += text(left - 4, y + 4, label, `class="chart-axis" text-anchor="end" font-size="${FONT - 3}"`);
  }
  const xy = points.map((p, i) => [left + band * i + band / 2, yOf(p)] as const);
  if (xy.length > 1) {
    body += `<polyline class="chart-line" points="${xy.map(([x, y]) => `${round(x)},${round(y)}`).join(" ")}" fill="none" stroke="#0a4a84" stroke-width="2.5"/>`;
  }
  points.forEach((p, i) => {
    const [x, y] = xy[i]!;
    const mark = p.hollow ? `class="chart-point chart-point-hollow" fill="#ffffff"` : `class="chart-point" fill="#0a4a84"`;
    body += `<circle cx="${round(x)}" cy="${round(y)}" r="5" ${mark} stroke="#0a4a84" stroke-width="2"/>`;
    // Above the point unless it is near the top, where the label goes below.
    const ly = y - plotTop < 18 ? y + 18 : y - 9;
    body += text(x, ly, p.valueLabel, `class="chart-value" text-anchor="middle" font-size="${round(small)}" font-weight="700"`);
    body += text(x, plotTop + plotHeight + 20, p.label, `class="chart-label" text-anchor="middle" font-size="${round(small)}"`);
  });
  return frame({ id, title: chart.title, description: chart.description, height: plotTop + plotHeight + 30, body, hatched: false });
}

export interface BarValue {
  /** The share of the maximum, 0 to 1. */
  share: number;
  /** Written after the bar, e.g. "6,5/6,5 (100%)". */
  valueLabel: string;
}

export interface BarGroup {
  /** The component's name: wrapped over as many lines as it needs, above its bars. */
  label: string;
  /** One value per series, or null where the series has none (a component new that year). */
  values: (BarValue | null)[];
  /** Written where a value is missing, e.g. "chưa có (mới năm 2017)". */
  missingLabel?: string;
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  /** One series (a year against the maximum) or two (a year against the one before). */
  series: { name: string; hatched: boolean }[];
  groups: BarGroup[];
}

/**
 * Horizontal bars, each against a full-width track standing for its own maximum, so components with
 * different maxima compare as shares. Labels sit above their bars, so long Vietnamese names wrap
 * instead of shrinking at 360 px.
 */
export function barChart(chart: BarChart): string {
  const { id, series, groups } = chart;
  const showLegend = series.length > 1;
  const top = showLegend ? legend(id, series.map((s) => ({ label: s.name, hatched: s.hatched })), 6) : { svg: "", height: 0 };
  const left = 8;
  const track = 206;
  const barHeight = 16;
  const lineHeight = 16;
  let y = top.height + 6;
  let body = top.svg;
  for (const group of groups) {
    for (const line of wrapText(group.label)) {
      y += lineHeight;
      body += text(left, y - 3, line, 'class="chart-label" font-weight="600"');
    }
    y += 4;
    group.values.forEach((value, s) => {
      const prefix = showLegend ? `${series[s]?.name ?? ""}: ` : "";
      body += `<rect class="chart-track" x="${left}" y="${round(y)}" width="${track}" height="${barHeight}" fill="#e8f0f8" stroke="#505a64" stroke-width="0.75"/>`;
      if (value) {
        const w = track * clamp01(value.share);
        if (w > 0) body += `<rect x="${left}" y="${round(y)}" width="${round(w)}" height="${barHeight}" ${barFill(id, Boolean(series[s]?.hatched))}/>`;
      }
      const label = value ? `${prefix}${value.valueLabel}` : `${prefix}${group.missingLabel ?? "không có"}`;
      body += text(left + track + 6, y + barHeight - 3, label, `class="chart-value" font-size="${FONT - 1}"`);
      y += barHeight + 4;
    });
    y += 10;
  }
  const hatched = series.some((s) => s.hatched);
  return frame({ id, title: chart.title, description: chart.description, height: y + 4, body, hatched });
}
