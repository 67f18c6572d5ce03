import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { loadConfig } from "../src/config.js";
import { createPrisma } from "../src/db.js";
import { migrateSqlite } from "../src/db/migrate.js";
import { createLogger } from "../src/logger.js";
import { createApp } from "../src/app.js";
import { seedDemo } from "../prisma/seed.js";

const UA = "Mozilla/5.0 (X11; Linux x86_64) bench";

async function measure(url: string, seconds: number, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: 10, duration: seconds, headers });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Requests per second of the main public pages on the seeded demo, on loopback, for a few seconds each. */
export async function benchPages(seconds = 3): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-"));
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: `file:${dir}/bench.db`, UPLOAD_DIR: `${dir}/uploads`, SESSION_SECRET: "bench-secret-bench-secret" }, dir);
  migrateSqlite(`${dir}/bench.db`);
  const prisma = createPrisma(config);
  await seedDemo(prisma, { uploadDir: config.uploadDir, maxBytes: config.uploadMaxBytes, maxPixels: config.uploadMaxPixels });
  const app = createApp({ config, prisma, logger: createLogger(config) });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const pages: [string, string, Record<string, string>][] = [
      ["healthz (floor: one query, no view)", "/healthz", {}],
      ["home, returning reader", "/", { "user-agent": UA, cookie: "cchc_visit=1" }],
      ["article, returning reader", "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016", { "user-agent": UA, cookie: "cchc_visit=1" }],
      ["home, new visitor (counts a visit)", "/", { "user-agent": UA }],
      ["category page", "/chuyen-muc/chi-so-cai-cach-hanh-chinh", { "user-agent": UA, cookie: "cchc_visit=1" }],
      ["/api/visits", "/api/visits", {}],
    ];
    const rows = [];
    for (const [label, p, headers] of pages) rows.push({ label, ...(await measure(base + p, seconds, headers)) });
    const floor = rows[0]!.rps;
    console.log(`\nPublic pages, ${seconds} s each, 10 connections, loopback (one run):`);
    for (const r of rows) {
      console.log(`  ${r.label.padEnd(40)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms  ${(r.rps / floor).toFixed(2)}× healthz  errors ${r.errors}`);
    }
  } finally {
    server.close();
    await prisma.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
