import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.js";
import { createPrisma } from "../src/db.js";
import { applyMigrations } from "../src/db/migrations.js";
import { createFileStore } from "../src/services/file-store.js";
import { seedDemo } from "../prisma/seed.js";
import { REPO_ROOT, startServer, type ServerProcess, type SiteFiles } from "../tests/helpers/server-process.js";
import type { Answer, AnswerMessage } from "./bare-server.js";
import { removeAtExit, track } from "./cleanup.js";

// A scratch SQLite site as `npm start` then `npm run cli -- demo:generate --articles N` leave it:
// migrations applied, the demo seeded, N generated articles. A built site is kept in
// $TMPDIR/cchc-bench-cache/<N>-<hash of the migrations, seed and generator sources> and copied from
// there next time (--no-cache builds afresh).

export const CACHE_DIR = path.join(os.tmpdir(), "cchc-bench-cache");
const SECRET = "bench-secret-bench-secret-bench";

function siteEnv(files: SiteFiles): Record<string, string> {
  return { DATABASE_URL: `file:${files.dbFile}`, UPLOAD_DIR: files.uploadDir, SESSION_SECRET: SECRET, NODE_ENV: "production" };
}

/** What decides the content of a built site: migrations, seed and the generator (src/demo/ and anything else named *demo*). */
function sourceHash(): string {
  const hash = crypto.createHash("sha256");
  const files = [
    ...fs.readdirSync(path.join(REPO_ROOT, "prisma/migrations"), { recursive: true, encoding: "utf8" }).map((f) => `prisma/migrations/${f}`),
    "prisma/seed.ts",
    "prisma/seed-data.ts",
    ...fs.readdirSync(path.join(REPO_ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((f) => /demo/i.test(f)).map((f) => `src/${f}`),
  ].sort();
  for (const file of files) {
    const full = path.join(REPO_ROOT, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest("hex").slice(0, 12);
}

/** `node --import tsx src/cli.ts demo:generate --articles N` on the site's files; rejects on a non-zero exit. */
function generate(files: SiteFiles, articles: number): Promise<void> {
  const child = track(
    spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "demo:generate", "--articles", String(articles)], {
      cwd: REPO_ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", TZ: process.env["TZ"] ?? "UTC", ...siteEnv(files) },
      stdio: ["ignore", "inherit", "inherit"],
    }),
  );
  return new Promise((resolve, reject) =>
    child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`demo:generate --articles ${articles} ended with ${signal ?? code}`)))),
  );
}

/** Migrations and the demo seed, as src/server.ts does at start. */
async function seed(files: SiteFiles): Promise<void> {
  const config = loadConfig(siteEnv(files), path.dirname(files.dbFile));
  await applyMigrations(config);
  const prisma = createPrisma(config);
  try {
    const store = createFileStore(config, prisma);
    await seedDemo(prisma, { store, maxBytes: config.uploadMaxBytes, maxPixels: config.uploadMaxPixels });
  } finally {
    await prisma.$disconnect();
  }
}

function copySite(from: SiteFiles, to: SiteFiles): void {
  for (const suffix of ["", "-wal"]) {
    if (fs.existsSync(from.dbFile + suffix)) fs.copyFileSync(from.dbFile + suffix, to.dbFile + suffix);
  }
  fs.cpSync(from.uploadDir, to.uploadDir, { recursive: true });
}

const filesIn = (dir: string): SiteFiles => ({ dbFile: path.join(dir, "portal.db"), uploadDir: path.join(dir, "uploads") });

/**
 * The files of a site with `articles` generated articles (0: the demo alone) in `dir`, built or
 * copied from the cache; says which and how long it took.
 */
export async function buildSite(dir: string, articles: number, useCache: boolean): Promise<SiteFiles> {
  const started = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  const files = filesIn(dir);
  const cached = path.join(CACHE_DIR, `${articles}-${sourceHash()}`);
  if (useCache && fs.existsSync(cached)) {
    copySite(filesIn(cached), files);
    console.log(`  site with ${articles} generated articles copied from ${cached} (${seconds(started)})`);
    return files;
  }
  await seed(files);
  if (articles > 0) await generate(files, articles);
  console.log(`  site with ${articles} generated articles built (${seconds(started)})`);
  if (useCache) {
    // Older builds of this size (other sources) go: a site of 100,000 articles takes about 1 GB.
    for (const old of fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR) : []) {
      if (old.startsWith(`${articles}-`)) fs.rmSync(path.join(CACHE_DIR, old), { recursive: true, force: true });
    }
    const partial = removeAtExit(`${cached}.partial-${process.pid}`);
    fs.mkdirSync(partial, { recursive: true });
    copySite(files, filesIn(partial));
    fs.renameSync(partial, cached);
    console.log(`  kept in ${cached} for the next run`);
  }
  return files;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The real server (node --import tsx src/server.ts) on the site's files, in production mode, on loopback. */
export async function startApp(files: SiteFiles): Promise<ServerProcess> {
  // The V8 flags of `npm start` (package.json); BENCH_NODE_OPTIONS tries others, for the app only.
  const v8 = { NODE_OPTIONS: process.env["BENCH_NODE_OPTIONS"] ?? "--max-old-space-size=128 --max-semi-space-size=4" };
  const server = await startServer(files, { ...siteEnv(files), BCRYPT_COST: "12", HOST: "127.0.0.1", ...v8 });
  track(server.process);
  return server;
}

export async function stopApp(server: ServerProcess): Promise<void> {
  server.process.kill("SIGTERM");
  const { code, signal } = await server.exited;
  if (code !== 0) console.log(`  the app stopped with ${signal ?? code}:\n${server.output().slice(-2000)}`);
}

export interface BareServer {
  base: string;
  /** Makes every later request get this answer. */
  answerWith(answer: Answer): Promise<void>;
  stop(): Promise<void>;
}

/** bench/bare-server.ts as a child process on a loopback port. */
export async function startBare(): Promise<BareServer> {
  const child = track(spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts"], { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  type Reply = { port?: number; ready?: boolean };
  const reply = () =>
    new Promise<Reply>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench/bare-server.ts exited (${code})`));
      child.once("exit", onExit);
      child.once("message", (m: Reply) => {
        child.off("exit", onExit);
        resolve(m);
      });
    });
  const { port } = await reply();
  return {
    base: `http://127.0.0.1:${port}`,
    async answerWith(answer) {
      const ready = reply();
      child.send({ status: answer.status, contentType: answer.contentType, body: answer.body.toString("base64") } satisfies AnswerMessage);
      await ready;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.disconnect();
      await exited;
    },
  };
}
