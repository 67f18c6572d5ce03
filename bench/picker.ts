// The photo picker's query (GET /admin/media?q=&trang=N: listPhotos, the folded library index and
// the page's rows) over 10,000 photos on a scratch SQLite database, and on PostgreSQL when its
// server answers (TEST_POSTGRES_URL). Photos are inserted as rows (their files are not needed to
// list them). Prints p50/p99 of one run; asserts nothing.
//   npx tsx bench/picker.ts [--photos 10000] [--runs 200]     (also run at the end of npm run bench)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createPrisma, type PrismaClient } from "../src/db.js";
import { migrateSqlite } from "../src/db/migrate.js";
import { migratePostgres } from "../src/db/migrate-postgres.js";
import { LIBRARY_PAGE_SIZE, listPhotos } from "../src/services/media-library.js";
import { createPhotoSearch } from "../src/services/media-search.js";
import { createDatabase, databaseUrl, dropDatabase } from "../tests/helpers/postgres.js";

const EVENTS = ["Hội nghị sơ kết", "Lễ trao giải", "Tiếp công dân", "Bộ phận một cửa", "Đối thoại doanh nghiệp", "Tập huấn chữ ký số"];
const PLACES = ["Cần Thơ", "Ninh Kiều", "Cái Răng", "Bình Thủy", "Ô Môn", "Thốt Nốt", "Phong Điền", "Cờ Đỏ"];
const CREDITS = ["Trung Hậu", "Minh Tâm", "Ngọc Hân", "Phòng CCHC"];

/** `count` photo rows, one a minute, the same on every run; photo 4321 alone mentions "Vĩnh Thạnh". */
async function fillPhotos(prisma: PrismaClient, count: number): Promise<void> {
  for (let done = 0; done < count; done += 500) {
    const data = Array.from({ length: Math.min(500, count - done) }, (_, i) => {
      const n = done + i;
      return {
        fileKey: n.toString(16).padStart(24, "0"),
        width: 1600,
        height: 1067,
        widths: "480,960,1600",
        caption: `${EVENTS[n % EVENTS.length]} tại ${n === 4321 ? "Vĩnh Thạnh" : PLACES[(n * 7) % PLACES.length]}, ảnh số ${n}`,
        alt: n % 5 === 0 ? "Đại biểu phát biểu tại hội trường" : "",
        credit: CREDITS[n % CREDITS.length]!,
        generated: true,
        createdAt: new Date(Date.UTC(2020, 0, 1) + n * 60_000),
      };
    });
    await prisma.photo.createMany({ data });
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

interface Case {
  label: string;
  q: string;
  /** "last" for the deepest page of the result. */
  page: number | "last";
}

const CASES: Case[] = [
  { label: "no q, page 1", q: "", page: 1 },
  { label: "no q, deep page (last)", q: "", page: "last" },
  { label: 'q "can tho", page 1', q: "can tho", page: 1 },
  { label: 'q "can tho", deep page (last)', q: "can tho", page: "last" },
  { label: 'q "TRAO GIAI minh tam", page 1', q: "TRAO GIAI minh tam", page: 1 },
  { label: 'q "Vĩnh Thạnh" (1 hit)', q: "Vĩnh Thạnh", page: 1 },
];

export interface PickerBenchRow {
  database: string;
  label: string;
  total: number;
  page: number;
  p50: number;
  p99: number;
  /** This process's CPU time per request, median: steadier than the clock on a busy machine. */
  cpu50: number;
}

/** Times listPhotos for each case on one database: the first call builds the index (reported apart). */
async function timeCases(prisma: PrismaClient, database: string, runs: number): Promise<PickerBenchRow[]> {
  const search = createPhotoSearch();
  const coldStart = performance.now();
  await listPhotos(prisma, search, "", 1);
  console.log(`  ${database}: first request (reads and folds the library) ${(performance.now() - coldStart).toFixed(1)} ms`);
  const rows: PickerBenchRow[] = [];
  for (const c of CASES) {
    const first = await listPhotos(prisma, search, c.q, 1);
    const page = c.page === "last" ? first.page.pageCount : c.page;
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const start = performance.now();
      const used = process.cpuUsage();
      const result = await listPhotos(prisma, search, c.q, page);
      const spent = process.cpuUsage(used);
      times.push(performance.now() - start);
      cpu.push((spent.user + spent.system) / 1000);
      if (result.page.page !== page) throw new Error(`${c.label}: page ${result.page.page} instead of ${page}`);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    rows.push({ database, label: c.label, total: first.page.total, page, p50: percentile(times, 50), p99: percentile(times, 99), cpu50: percentile(cpu, 50) });
  }
  return rows;
}

export async function benchPicker(options: { photos?: number; runs?: number } = {}): Promise<PickerBenchRow[]> {
  const photos = options.photos ?? 10_000;
  const runs = options.runs ?? 200;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-picker-"));
  const rows: PickerBenchRow[] = [];
  console.log(`\nPhoto picker (GET /admin/media as JSON: listPhotos) over ${photos.toLocaleString("en-US")} photos, ${LIBRARY_PAGE_SIZE} a page, ${runs} runs each`);
  console.log("  (wall-clock p50/p99, and this process's CPU time per request: PostgreSQL's own work is not in it):");
  try {
    const file = path.join(dir, "picker.db");
    migrateSqlite(file);
    const sqlite = createPrisma({ databaseUrl: `file:${file}`, databaseKind: "sqlite" });
    try {
      await fillPhotos(sqlite, photos);
      rows.push(...(await timeCases(sqlite, "SQLite", runs)));
    } finally {
      await sqlite.$disconnect();
    }
    let name: string | null = null;
    try {
      name = await createDatabase("cchc_bench_picker");
    } catch (err) {
      console.log(`  PostgreSQL: not measured (${(err as Error).message.split("\n")[0]})`);
    }
    if (name) {
      const postgres = createPrisma({ databaseUrl: databaseUrl(name), databaseKind: "postgresql", databasePoolSize: 2 });
      try {
        await migratePostgres(databaseUrl(name));
        await fillPhotos(postgres, photos);
        rows.push(...(await timeCases(postgres, "PostgreSQL", runs)));
      } finally {
        await postgres.$disconnect();
        await dropDatabase(name);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const r of rows) {
    console.log(
      `  ${r.database.padEnd(10)} ${r.label.padEnd(32)} ${String(r.total).padStart(6)} photos  page ${String(r.page).padStart(3)}  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms  CPU p50 ${r.cpu50.toFixed(2).padStart(5)} ms`,
    );
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { photos: { type: "string", default: "10000" }, runs: { type: "string", default: "200" } } });
  await benchPicker({ photos: Number(values.photos), runs: Number(values.runs) });
}
