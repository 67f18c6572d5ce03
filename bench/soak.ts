// npm run soak -- --minutes N [--report-seconds 60]
//
// A long run of mixed traffic against the real server (src/server.ts in its own process, production
// mode, on a scratch database seeded with the demo and a few hundred articles), from several
// concurrent clients on loopback: page views (home, article, category), new visitors, searches,
// staff sign-ins and sign-outs, article saves and photo uploads. Every report interval it prints the
// requests, errors, p50/p99 latency and the app's resident memory; at the end, the memory growth
// after warm-up (interval means of RSS sampled every second, the first interval excluded). Exits 1 on any error (a 429 is reported separately).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { createPrisma } from "../src/db.js";
import { migrateSqlite } from "../src/db/migrate.js";
import { rebuildSearchIndex } from "../src/services/search-index.js";
import { createUser } from "../src/services/users.js";
import { seedDemo } from "../prisma/seed.js";
import { Browser, signIn, startServer, type ServerProcess } from "../tests/helpers/server-process.js";
import { residentBytes } from "./measure.js";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    "report-seconds": { type: "string", default: "60" },
    host: { type: "string", default: "127.0.0.1" },
  },
});
const minutes = Number(args.minutes);
const reportMs = Number(args["report-seconds"]) * 1000;
if (!(minutes > 0) || !(reportMs >= 1000)) throw new Error("usage: npm run soak -- --minutes N [--report-seconds S]");
// Load goes to this machine's own loopback only, never to another host.
if (!["127.0.0.1", "localhost", "::1"].includes(args.host)) {
  console.error(`Từ chối: soak chỉ chạy trên loopback (127.0.0.1), không chạy tới ${args.host}.`);
  process.exit(2);
}

const EMAIL = "soak-editor@cantho.gov.vn";
const PASSWORD = "Soak-mat-khau-dai-2026";
const QUERIES = ["can tho", "Cần Thơ", "cai cach hanh chinh", "một cửa", "chi so", "dong thap", "dịch vụ công"];

/** A scratch folder with the demo seed, generated articles and one editor, as `npm start` would find it. */
async function prepareSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-soak-"));
  const files = { dbFile: path.join(dir, "portal.db"), uploadDir: path.join(dir, "uploads") };
  migrateSqlite(files.dbFile);
  const prisma = createPrisma({ databaseUrl: `file:${files.dbFile}`, databaseKind: "sqlite" });
  try {
    await seedDemo(prisma, { uploadDir: files.uploadDir, maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 });
    const categories = await prisma.category.findMany();
    for (let i = 0; i < 300; i++) {
      await prisma.article.create({
        data: {
          title: `Cần Thơ cải cách hành chính: bài số ${i + 1} về một cửa liên thông`,
          slug: `soak-bai-${i + 1}`,
          summary: "Thành phố tiếp tục đẩy mạnh dịch vụ công trực tuyến.",
          body: "<p>Chỉ số cải cách hành chính của thành phố Cần Thơ tiếp tục được cải thiện.</p>".repeat(8),
          status: "published",
          publishedAt: new Date(Date.now() - i * 3_600_000),
          categoryId: categories[i % categories.length]!.id,
        },
      });
    }
    await rebuildSearchIndex(prisma);
    await createUser(prisma, { email: EMAIL, name: "Biên tập viên soak", role: "editor", password: PASSWORD }, 12);
    const slugs = {
      articles: (await prisma.article.findMany({ select: { slug: true } })).map((a) => a.slug),
      categories: categories.map((c) => c.slug),
    };
    return { dir, files, slugs, categoryId: categories[0]!.id };
  } finally {
    await prisma.$disconnect();
  }
}

/** Requests, failures and latencies of one report interval. */
class Interval {
  requests = 0;
  errors = 0;
  throttled = 0;
  latencies: number[] = [];
  samples: string[] = [];
}

class Soak {
  stopped = false;
  interval = new Interval();
  totals = { requests: 0, errors: 0, throttled: 0 };
  private readonly pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

  constructor(
    private readonly server: ServerProcess,
    private readonly slugs: { articles: string[]; categories: string[] },
  ) {}

  /**
   * One request, timed and classified: the expected status (2xx/3xx by default) is fine, 429 is
   * counted apart, anything else (or no answer) is an error. Returns the body of a fine answer.
   */
  async hit(label: string, send: () => Promise<Response>, expected?: number): Promise<string | null> {
    const started = performance.now();
    let status = 0;
    let body = "";
    try {
      const res = await send();
      body = await res.text();
      status = res.status;
    } catch (error) {
      if (this.stopped) return null;
      this.interval.samples.push(`${label}: ${(error as Error).message}`);
    }
    const i = this.interval;
    i.requests += 1;
    i.latencies.push(performance.now() - started);
    const fine = expected ? status === expected : status >= 200 && status < 400;
    if (status === 429) i.throttled += 1;
    else if (!fine) {
      i.errors += 1;
      if (status) i.samples.push(`${label}: ${status} ${body.slice(0, 120)}`);
    }
    return fine ? body : null;
  }

  private loop(pauseMs: number, work: () => Promise<void>): Promise<void> {
    return (async () => {
      while (!this.stopped) {
        await work();
        await new Promise((r) => setTimeout(r, pauseMs));
      }
    })();
  }

  /** A returning reader (visit cookie kept) going through home, articles and categories. */
  reader() {
    const browser = new Browser(this.server.base);
    return this.loop(5, async () => {
      const page = this.pick(["/", `/tin-tuc/${this.pick(this.slugs.articles)}`, `/tin-tuc/${this.pick(this.slugs.articles)}`, `/chuyen-muc/${this.pick(this.slugs.categories)}`]);
      await this.hit(`GET ${page}`, () => browser.fetch(page));
    });
  }

  /** A new visitor each time (no cookie): one visit counted per request. */
  newVisitor() {
    return this.loop(50, async () => void (await this.hit("GET / (new visitor)", () => new Browser(this.server.base).fetch("/"))));
  }

  searcher() {
    const browser = new Browser(this.server.base);
    return this.loop(20, async () => {
      const q = encodeURIComponent(this.pick(QUERIES));
      await this.hit("GET /tim-kiem", () => browser.fetch(`/tim-kiem?q=${q}${Math.random() < 0.3 ? "&trang=2" : ""}`));
    });
  }

  /** Signs in with the right password (no failures, so the throttle never counts) and out again. */
  signInOut() {
    return this.loop(10_000, async () => {
      const browser = new Browser(this.server.base);
      const tokenIn = (page: string | null) => (page ? /name="_csrf" value="([^"]+)"/.exec(page)?.[1] : undefined);
      const _csrf = tokenIn(await this.hit("GET /admin/login", () => browser.fetch("/admin/login")));
      if (!_csrf) return;
      // A wrong password would answer 200 with the form again: only the redirect is a sign-in.
      if ((await this.hit("POST /admin/login", () => browser.postForm("/admin/login", { email: EMAIL, password: PASSWORD, _csrf }), 303)) === null) return;
      const token = tokenIn(await this.hit("GET /admin", () => browser.fetch("/admin")));
      if (token) await this.hit("POST /admin/logout", () => browser.postForm("/admin/logout", { _csrf: token }));
    });
  }

  /** An editor saving articles (new ones and edits of its own, with photos) and uploading photos. */
  async editor({ browser, csrf }: { browser: Browser; csrf: string }, categoryId: number) {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 110, b: 170 } } }).jpeg().toBuffer();
    const photoIds: number[] = [];
    const articleIds: number[] = [];
    // Each article's version from the last answer: an update sends it (product.md), or it is refused.
    const versions = new Map<number, number>();
    const json = { accept: "application/json", "x-csrf-token": csrf };
    const upload = this.loop(3000, async () => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "hoi-nghi.jpg");
      form.append("caption", `Hội nghị cải cách hành chính ${photoIds.length + 1}`);
      const res = await this.hit("POST /admin/media", () => browser.fetch("/admin/media", { method: "POST", body: form, headers: json }));
      if (res) photoIds.push((JSON.parse(res) as { id: number }).id);
    });
    const save = this.loop(500, async () => {
      const n = articleIds.length + 1;
      const editing = articleIds.length > 5 && Math.random() < 0.6 ? this.pick(articleIds) : null;
      const body = {
        title: `Bài soak ${editing ?? n}: Cần Thơ đẩy mạnh một cửa (${Date.now()})`,
        summary: "Tóm tắt bài viết.",
        body: "<p>Nội dung bài viết về dịch vụ công trực tuyến.</p>".repeat(5),
        categoryId,
        status: Math.random() < 0.7 ? "published" : "draft",
        photoIds: photoIds.length ? [this.pick(photoIds), this.pick(photoIds)] : [],
        ...(editing ? { version: versions.get(editing) } : {}),
      };
      const res = await this.hit(editing ? "POST /admin/articles/:id" : "POST /admin/articles", () =>
        browser.fetch(editing ? `/admin/articles/${editing}` : "/admin/articles", {
          method: "POST",
          body: JSON.stringify(body),
          headers: { ...json, "content-type": "application/json" },
        }),
      );
      if (!res) return;
      const saved = JSON.parse(res) as { id: number; version: number };
      versions.set(saved.id, saved.version);
      if (!editing) articleIds.push(saved.id);
    });
    await Promise.all([upload, save]);
  }

  /** Closes the current interval and starts a new one. */
  take(): Interval {
    const done = this.interval;
    this.interval = new Interval();
    this.totals.requests += done.requests;
    this.totals.errors += done.errors;
    this.totals.throttled += done.throttled;
    return done;
  }
}

/** Resident memory of a process, in MB, from /proc. */
const rssMb = (pid: number) => residentBytes(pid) / 1024 / 1024;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! : 0;
}

const site = await prepareSite();
const server = await startServer(site.files, { NODE_ENV: "production", BCRYPT_COST: "12" });
console.log(`Soak: ${minutes} min on ${server.base} (app pid ${server.pid}, scratch ${site.dir}); report every ${reportMs / 1000} s`);
const soak = new Soak(server, site.slugs);
// The editor signs in before the other clients start (the first soak run found two simultaneous sign-ins
// of one account answering 500 once: fixed in the login throttle, and tested there).
const editor = await signIn(server.base, EMAIL, PASSWORD);
const clients = [soak.reader(), soak.reader(), soak.reader(), soak.newVisitor(), soak.searcher(), soak.editor(editor, site.categoryId), soak.signInOut()].map((client) =>
  client.catch((error: Error) => {
    soak.interval.errors += 1;
    soak.interval.samples.push(`a client stopped: ${error.message}`);
  }),
);

// RSS moves by tens of MB with each garbage collection: it is sampled every second and each interval
// reports its mean (and max), so growth compares means, not two single readings.
const rss: number[] = [];
let samples: number[] = [];
const sampler = setInterval(() => samples.push(rssMb(server.pid)), 1000);
const startedAt = Date.now();
const endAt = startedAt + minutes * 60_000;
console.log("  t(s)  requests  req/s  errors  429s  p50 ms  p99 ms  RSS MB mean (max)");
while (Date.now() < endAt) {
  await new Promise((r) => setTimeout(r, Math.min(reportMs, endAt - Date.now())));
  const i = soak.take();
  const sorted = i.latencies.sort((a, b) => a - b);
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  const interval = samples.length ? samples : [rssMb(server.pid)];
  samples = [];
  rss.push(interval.reduce((a, b) => a + b, 0) / interval.length);
  const line = [
    String(seconds).padStart(6),
    String(i.requests).padStart(9),
    (i.requests / (reportMs / 1000)).toFixed(0).padStart(6),
    String(i.errors).padStart(7),
    String(i.throttled).padStart(5),
    percentile(sorted, 50).toFixed(1).padStart(7),
    percentile(sorted, 99).toFixed(1).padStart(7),
    `${rss.at(-1)!.toFixed(1).padStart(7)} (${Math.max(...interval).toFixed(0)})`,
  ];
  console.log(line.join(" "));
  for (const sample of [...new Set(i.samples)].slice(0, 5)) console.log(`        ! ${sample}`);
}

clearInterval(sampler);
soak.stopped = true;
await Promise.all(clients);
server.process.kill("SIGTERM");
const ended = await server.exited;
const { requests, errors, throttled } = soak.totals;
console.log(`\nTotal: ${requests} requests, ${errors} errors, ${throttled} answered 429; app stopped with ${ended.code === 0 ? "exit 0" : JSON.stringify(ended)}`);
if (rss.length > 2) {
  // The first interval is warm-up (caches filling, code optimised): growth is from the second interval's
  // mean to the last one's.
  const [first, last] = [rss[1]!, rss.at(-1)!];
  const growth = ((last - first) / first) * 100;
  const range = `${Math.min(...rss.slice(1)).toFixed(1)}–${Math.max(...rss.slice(1)).toFixed(1)} MB`;
  console.log(`Memory after warm-up (interval means, first interval excluded): ${first.toFixed(1)} MB → ${last.toFixed(1)} MB (${growth >= 0 ? "+" : ""}${growth.toFixed(1)}%), means ranged ${range}`);
} else {
  console.log("Memory growth after warm-up: run longer than one report interval to measure it.");
}
// The app's own log says why a request failed: its errors are shown, and the scratch folder is kept.
const appErrors = server
  .output()
  .split("\n")
  .filter((line) => /"level":(50|60)/.test(line));
for (const line of appErrors.slice(0, 10)) console.log(`  app: ${line.slice(0, 2000)}`);
if (errors || ended.code !== 0) {
  fs.writeFileSync(path.join(site.dir, "app.log"), server.output());
  console.log(`Kept for inspection: ${site.dir} (app.log, portal.db)`);
  process.exit(1);
}
fs.rmSync(site.dir, { recursive: true, force: true });
