import type { Answer } from "./bare-server.js";
import type { Measurement } from "./measure.js";
import type { Page } from "./pages.js";

// The printed result: one table row per page, visitor kind and database size, the app's memory per
// size, and how each page holds up from the smallest size to the largest. The targets are
// printed next to the figures (ok / below); nothing here fails the run.

export const TARGETS = { p99Ms: 25, rssMb: 250, rssAtArticles: 100_000, scaling: 0.8 } as const;

export interface Row {
  page: Page;
  articles: number;
  answer: Pick<Answer, "status"> & { bytes: number };
  app: Measurement;
  bare: Measurement;
  /** The app's largest VmRSS during its measurement, bytes. */
  rss: number;
  /** Anything that went wrong, e.g. the app exited during the page. */
  note: string;
}

const mark = (ok: boolean) => (ok ? "ok" : "below");
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (n < 10 && !Number.isInteger(n) ? n.toFixed(1) : n.toFixed(0));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(0)} kB`);

function table(header: string[], rows: string[][], right: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].map((l) => `  ${l}`).join("\n");
}

/** One line while the run goes on. */
export function progress(row: Row): string {
  const { app, bare } = row;
  return `  ${row.page.key} (${row.page.visitor}): app ${int(app.rps)} req/s p99 ${ms(app.p99)} ms, bare ${int(bare.rps)} req/s, ratio ${(app.rps / bare.rps).toFixed(2)}`;
}

function rowCells(r: Row): string[] {
  const ratio = r.app.rps / r.bare.rps;
  return [
    r.page.key,
    r.page.visitor,
    int(r.articles),
    `${r.answer.status} ${size(r.answer.bytes)}`,
    int(r.app.rps),
    ms(r.app.p50),
    ms(r.app.p99),
    int(r.bare.rps),
    ratio.toFixed(2),
    r.page.target === null ? "-" : `>= ${r.page.target.toFixed(2)} ${mark(ratio >= r.page.target)}`,
    mark(r.app.p99 <= TARGETS.p99Ms),
    `${r.app.errors}/${r.app.non2xx}`,
    `${r.bare.errors}/${r.bare.non2xx}`,
    (r.rss / 1024 / 1024).toFixed(0),
    r.note,
  ];
}

export function printReport(rows: Row[], setting: { seconds: number; connections: number }): void {
  console.log(`\nPages: ${setting.seconds} s per measurement, ${setting.connections} connections, loopback, app and bare measured one after the other (one run):`);
  const header = ["page", "visitor", "articles", "answer", "app req/s", "p50 ms", "p99 ms", "bare req/s", "app/bare", "target", `p99<=${TARGETS.p99Ms}`, "app err/non-2xx", "bare err/non-2xx", "app RSS MB", "note"];
  console.log(table(header, rows.map(rowCells), new Set([2, 4, 5, 6, 7, 8, 13])));

  console.log("\nApp resident memory (VmRSS, largest sample during the load):");
  const memory = new Map<number, number>();
  for (const r of rows) memory.set(r.articles, Math.max(memory.get(r.articles) ?? 0, r.rss));
  for (const [articles, bytes] of memory) {
    const target = articles === TARGETS.rssAtArticles ? `  target <= ${TARGETS.rssMb} MB: ${mark(bytes <= TARGETS.rssMb * 1024 * 1024)}` : "";
    console.log(`  ${int(articles).padStart(9)} articles: ${mb(bytes)}${target}`);
  }

  const sizes = [...new Set(rows.map((r) => r.articles))].sort((a, b) => a - b);
  if (sizes.length < 2) return;
  const [small, large] = [sizes[0]!, sizes[sizes.length - 1]!];
  console.log(`\nApp req/s at ${int(large)} articles against ${int(small)} (target: within 20%, i.e. >= ${TARGETS.scaling}×):`);
  const scaling = rows
    .filter((r) => r.articles === small)
    .flatMap((s) => {
      const l = rows.find((r) => r.articles === large && r.page.key === s.page.key && r.page.visitor === s.page.visitor);
      if (!l) return [];
      const ratio = l.app.rps / s.app.rps;
      // Not the same page when the answers differ (page 200 of a category past its end is a 404).
      const verdict = s.answer.status === l.answer.status ? mark(ratio >= TARGETS.scaling) : `n/a (answers ${s.answer.status} and ${l.answer.status})`;
      return [[s.page.key, s.page.visitor, int(s.app.rps), int(l.app.rps), `${ratio.toFixed(2)}×`, verdict]];
    });
  console.log(table(["page", "visitor", int(small), int(large), "ratio", "within 20%"], scaling, new Set([2, 3, 4])));
}
