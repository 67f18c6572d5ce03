// npm run bench -- [--articles 1000,100000] [--seconds 5] [--only home,article,...] [--no-cache]
//
// For each database size: a scratch SQLite site (migrations, the demo seed, then
// `npm run cli -- demo:generate --articles N`), the real server on it in production mode
// (node --import tsx src/server.ts, its own process, loopback), and for each page its throughput
// under 32 connections next to the limit: a bare node:http process answering the same bytes from
// memory, measured right after the app (after a 1 s warm-up of the page). Prints the figures and
// the targets; asserts nothing.
// Search index timings against a LIKE scan: npx tsx bench/search.ts; SQLite against PostgreSQL: bench/databases.ts.
// Then the photo picker's query over 10,000 photos (bench/picker.ts, also on its own: npx tsx bench/picker.ts).
import path from "node:path";
import { parseArgs } from "node:util";
import { scratchDir } from "./cleanup.js";
import { CONNECTIONS, fetchAnswer, load, residentBytes, sampleMemory, waitUntilIdle } from "./measure.js";
import { pageFilter, pagesFor, pickSubjects, VISITOR_HEADERS, type Page } from "./pages.js";
import { benchPicker } from "./picker.js";
import { printReport, progress, type Row } from "./report.js";
import { buildSite, startApp, startBare, stopApp, type BareServer } from "./site.js";
import type { ServerProcess, SiteFiles } from "../tests/helpers/server-process.js";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000,100000" },
    seconds: { type: "string", default: "5" },
    only: { type: "string" },
    "no-cache": { type: "boolean", default: false },
  },
});
const sizes = values.articles.split(",").map((s) => Number(s.replace(/[_\s]/g, "")));
const seconds = Number(values.seconds);
if (sizes.some((n) => !Number.isInteger(n) || n < 0) || !(seconds > 0)) {
  console.error("usage: npm run bench -- [--articles 1000,100000] [--seconds 5] [--only home,article,...] [--no-cache]");
  process.exit(2);
}
let wanted: (page: Page) => boolean;
try {
  wanted = pageFilter(values.only);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

/** For one page: its answer, a warm-up (not counted), the app's load, then the bare server's with the same bytes. */
async function measurePage(app: ServerProcess, bare: BareServer, page: Page, articles: number): Promise<Row> {
  const headers = VISITOR_HEADERS[page.visitor];
  const answer = await fetchAnswer(app.base + page.path, headers);
  await bare.answerWith(answer);
  await load(app.base + page.path, headers, WARM_UP_SECONDS); // compiles the hot paths, fills the app's caches
  await waitUntilIdle(app.pid);
  const sampler = sampleMemory(app.pid);
  const appFigures = await load(app.base + page.path, headers, seconds);
  const rss = sampler.stop();
  const busy = await waitUntilIdle(app.pid);
  if (busy > 1.5) console.log(`  (the app stayed busy ${busy.toFixed(1)} s after the load on ${page.path})`);
  const bareFigures = await load(bare.base + page.path, headers, seconds);
  return { page, articles, answer: { status: answer.status, bytes: answer.body.length }, app: appFigures, bare: bareFigures, rss, note: "" };
}

const exitedAlready = (app: ServerProcess) => app.process.exitCode !== null || app.process.signalCode !== null;
const lastLines = (app: ServerProcess) => app.output().trimEnd().split("\n").slice(-15).map((l) => `    | ${l}`).join("\n");

/** Every page on one site; an app that dies on a page is noted on that page's row and started again for the next. */
async function measureSite(files: SiteFiles, pages: Page[], articles: number, bare: BareServer): Promise<Row[]> {
  const rows: Row[] = [];
  let app = await startApp(files);
  console.log(`  app started (pid ${app.pid}, ${(residentBytes(app.pid) / 1024 / 1024).toFixed(0)} MB resident)`);
  try {
    for (const page of pages) {
      if (exitedAlready(app)) app = await startApp(files);
      const row = await measurePage(app, bare, page, articles).catch((err: Error) => {
        console.log(`  ${page.key} (${page.visitor}): not measured: ${err.message}`);
        return null;
      });
      if (exitedAlready(app)) {
        const { code, signal } = await app.exited;
        console.log(`  the app exited (${signal ?? code}) during ${page.path}; its last output:\n${lastLines(app)}`);
        if (row) row.note = `app exited (${signal ?? code})`;
      }
      if (row) rows.push(row);
      if (row) console.log(progress(row));
    }
  } finally {
    await stopApp(app);
  }
  return rows;
}

const WARM_UP_SECONDS = 1;
const started = performance.now();
const scratch = scratchDir("cchc-bench-");
const rows: Row[] = [];
const bare = await startBare();
try {
  for (const articles of sizes) {
    console.log(`\n${articles.toLocaleString("en-US")} generated articles:`);
    const files = await buildSite(path.join(scratch, String(articles)), articles, !values["no-cache"]);
    const subjects = await pickSubjects(files);
    console.log(
      `  article ${subjects.article}; category ${subjects.category}; department ${subjects.department};` +
        ` common word "${subjects.common.word}" (${subjects.common.hits} hits), rare word "${subjects.rare.word}" (${subjects.rare.hits} hits)`,
    );
    rows.push(...(await measureSite(files, pagesFor(subjects).filter(wanted), articles, bare)));
  }
  printReport(rows, { seconds, connections: CONNECTIONS });
} finally {
  await bare.stop();
}
// The photo picker's query over 10,000 photos, p50/p99 (bench/picker.ts; on its own scratch databases).
await benchPicker();
console.log(`\nWhole run: ${((performance.now() - started) / 1000 / 60).toFixed(1)} min.`);
