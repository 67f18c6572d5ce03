import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import sharp from "sharp";
import { describe, expect, it, onTestFinished } from "vitest";
import { createPrisma } from "../../src/db.js";
import { foldedColumns } from "../../src/services/search-index.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { TEMPLATE_DB, TEMPLATE_UPLOADS, TMP_DIR } from "../helpers/paths.js";
import { Browser, BROWSER_UA, signIn, startServer, type ServerProcess, type SiteFiles } from "../helpers/server-process.js";

// The real server in its own process, on real files, killed with SIGKILL while writes are in
// flight and started again on the same files: everything it acknowledged must be there and whole.

/** A copy of the seeded template with an administrator, as `npm start` would find it; removed after the test. */
async function prepareSite(): Promise<SiteFiles & { email: string }> {
  const dir = path.join(TMP_DIR, `crash-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = { dbFile: path.join(dir, "portal.db"), uploadDir: path.join(dir, "uploads") };
  fs.copyFileSync(TEMPLATE_DB, files.dbFile);
  fs.cpSync(TEMPLATE_UPLOADS, files.uploadDir, { recursive: true });
  const prisma = createPrisma({ databaseUrl: `file:${files.dbFile}`, databaseKind: "sqlite" });
  const { email } = await buildUser(prisma, { role: "admin" });
  await prisma.$disconnect();
  return { ...files, email };
}

/** The real server on the site's files; killed after the test if the test left it running. */
async function start(site: SiteFiles, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServer(site, env);
  onTestFinished(() => void (server.process.exitCode === null && server.process.signalCode === null && server.process.kill("SIGKILL")));
  return server;
}

const token = () => crypto.randomBytes(3).toString("hex");
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

async function photoBytes(width: number, height: number): Promise<Buffer> {
  const background = { r: Math.floor(Math.random() * 255), g: 120, b: 60 };
  return sharp({ create: { width, height, channels: 3, background } }).jpeg({ quality: 90 }).toBuffer();
}

function photoForm(photos: Buffer[], captions: string[]): FormData {
  const form = new FormData();
  photos.forEach((bytes, i) => {
    form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), `anh-${i}.jpg`);
    form.append("caption", captions[i]!);
  });
  return form;
}

interface ArticleVersion {
  title: string;
  summary: string;
  body: string;
  status: "draft" | "published";
  photoIds: number[];
}

/** What the server acknowledged, and what was in flight when it died (may or may not be saved). */
class Ledger {
  constructor(readonly settingsBefore: string) {}
  // `version`: the article's version number from the last answer, sent with the next update (product.md).
  articles: { writer: number; id: number | null; version?: number; acked: ArticleVersion[]; pending: ArticleVersion | null }[] = [];
  photos = new Map<number, string>();
  settings = { acked: null as string | null, pending: null as string | null };
  feedback: { subject: string; message: string }[] = [];
  /** New visitors whose page view was answered. */
  views = 0;
  writes = 0;
}

/** Streams of writes from a few concurrent clients until the server dies. */
class WriteStream {
  private stopped = false;
  private readonly running: Promise<void>[] = [];

  constructor(
    private readonly server: ServerProcess,
    private readonly ledger: Ledger,
    private readonly admin: { browser: Browser; csrf: string },
    private readonly settingsRow: Record<string, unknown>,
  ) {}

  private json(pathname: string, body: unknown) {
    return this.admin.browser.fetch(pathname, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": this.admin.csrf },
    });
  }

  private async expectOk(res: Response, what: string): Promise<{ id: number; ids?: number[]; version?: number }> {
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as { id: number; ids?: number[]; version?: number };
  }

  private version(writer: number): ArticleVersion {
    const mark = `${writer}-${token()}`;
    const acked = [...this.ledger.photos.keys()];
    const photoIds = acked.length ? [...new Set([pick(acked), pick(acked)])] : [];
    return {
      title: `Cần Thơ cải cách hành chính ${mark}`,
      summary: `Tóm tắt ${mark}`,
      body: `<p>Nội dung bài ${mark}: một cửa, liên thông, dịch vụ công trực tuyến.</p>`,
      status: pick(["draft", "published"] as const),
      photoIds,
    };
  }

  private async saveArticle(writer: number, categoryId: number) {
    // Each writer edits only its own articles, so an article has at most one write in flight.
    const own = this.ledger.articles.filter((a) => a.writer === writer && a.id !== null);
    const version = this.version(writer);
    const body = { ...version, categoryId };
    if (!own.length || Math.random() < 0.4) {
      const entry = { writer, id: null as number | null, version: undefined as number | undefined, acked: [] as ArticleVersion[], pending: version as ArticleVersion | null };
      this.ledger.articles.push(entry);
      const { id, version: saved } = await this.expectOk(await this.json("/admin/articles", body), "article create");
      Object.assign(entry, { id, version: saved, acked: [version], pending: null });
    } else {
      const entry = pick(own);
      entry.pending = version;
      const saved = await this.expectOk(await this.json(`/admin/articles/${entry.id}`, { ...body, version: entry.version }), "article update");
      entry.version = saved.version;
      entry.acked.push(version);
      entry.pending = null;
    }
  }

  private async uploadPhotos() {
    const count = Math.random() < 0.3 ? 3 : 1;
    const captions = Array.from({ length: count }, () => `Ảnh hội nghị ${token()}`);
    const photos = await Promise.all(captions.map(() => photoBytes(640, 420)));
    const res = await this.admin.browser.fetch("/admin/media", {
      method: "POST",
      body: photoForm(photos, captions),
      headers: { accept: "application/json", "x-csrf-token": this.admin.csrf },
    });
    const saved = await this.expectOk(res, "photo upload");
    (saved.ids ?? [saved.id]).forEach((id, i) => this.ledger.photos.set(id, captions[i]!));
  }

  private async changeSettings() {
    const address = `Số 2 Hoà Bình, Ninh Kiều, Cần Thơ (${token()})`;
    this.ledger.settings.pending = address;
    await this.expectOk(await this.json("/admin/settings", { ...this.settingsRow, address }), "settings");
    this.ledger.settings = { acked: address, pending: null };
  }

  private async sendFeedback(n: number) {
    // Each message from its own address (behind a trusted proxy), so the five-per-address limit is not reached.
    const visitor = new Browser(this.server.base, { "x-forwarded-for": `10.9.${Math.floor(n / 250)}.${n % 250}` });
    const _csrf = await visitor.csrfFrom("/lien-he");
    const sent = { subject: `Góp ý thủ tục ${token()}`, message: `Xin hỏi về hồ sơ một cửa, mã ${token()}.` };
    const res = await visitor.postForm("/lien-he", { _csrf, name: "Trần Thị B", email: "b@example.vn", phone: "", website: "", ...sent });
    await res.arrayBuffer();
    if (res.status !== 303) throw new Error(`contact form answered ${res.status}`);
    this.ledger.feedback.push(sent);
  }

  private async newVisitor() {
    const res = await new Browser(this.server.base).fetch("/");
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`home page answered ${res.status}`);
    this.ledger.views += 1;
  }

  private loop(work: (n: number) => Promise<void>, pauseMs: number, countsAsWrite = true) {
    const run = async () => {
      for (let n = 0; !this.stopped; n++, await new Promise((r) => setTimeout(r, pauseMs))) {
        try {
          await work(n);
        } catch (error) {
          if (this.stopped) return; // cut off by the kill: neither acknowledged nor refused
          throw error;
        }
        if (countsAsWrite) this.ledger.writes += 1;
      }
    };
    this.running.push(run());
  }

  async start(categoryId: number, feedbackBase: number) {
    // A first photo, so that articles have photos to attach from the start.
    if (!this.ledger.photos.size) await this.uploadPhotos();
    // Paced so that photo uploads (slow: several re-encodings each) make a fair share of the writes.
    this.loop(() => this.saveArticle(1, categoryId), 150);
    this.loop(() => this.saveArticle(2, categoryId), 150);
    this.loop(() => this.uploadPhotos(), 0);
    this.loop((n) => (n % 2 ? this.sendFeedback(feedbackBase + n) : this.changeSettings()), 100);
    this.loop(() => this.newVisitor(), 20, false);
  }

  /** Kills the server with SIGKILL once `writes` writes have been acknowledged, requests still in flight. */
  async killAfter(writes: number) {
    const failed = Promise.race(this.running.map((p) => p.then(() => new Promise<never>(() => {}))));
    while (this.ledger.writes < writes) await Promise.race([failed, new Promise((r) => setTimeout(r, 2))]);
    this.stopped = true;
    this.server.process.kill("SIGKILL");
    const ended = await this.server.exited;
    expect(ended.signal).toBe("SIGKILL");
    await Promise.all(this.running);
  }
}

const verifiedPhotos = new Set<number>();

/** Everything the ledger says was acknowledged is in the database, whole, and nothing points nowhere. */
async function verify(files: SiteFiles, ledger: Ledger, visitsBefore: number) {
  const db = new Database(files.dbFile, { fileMustExist: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const count = (sql: string, ...args: unknown[]) => Number((db.prepare(sql).pluck().get(...args) as number | bigint) ?? 0);

    for (const article of ledger.articles) {
      if (article.id === null) continue; // created while the server died: never acknowledged
      const row = db.prepare(`SELECT title, summary, body, status, deletedAt FROM Article WHERE id = ?`).get(article.id) as
        | { title: string; summary: string; body: string; status: string; deletedAt: unknown }
        | undefined;
      expect(row, `article #${article.id}`).toBeDefined();
      const photoIds = db.prepare(`SELECT photoId FROM ArticlePhoto WHERE articleId = ? ORDER BY position`).pluck().all(article.id);
      const stored = { title: row!.title, summary: row!.summary, body: row!.body, status: row!.status, photoIds };
      // Whole: one version, the last acknowledged or the one in flight at the kill, never a mix.
      const allowed = [article.acked.at(-1)!, ...(article.pending ? [article.pending] : [])];
      expect(allowed, `article #${article.id}`).toContainEqual(stored);
      const searchRow = db.prepare(`SELECT title FROM ArticleSearch WHERE rowid = ?`).pluck().get(article.id);
      if (row!.status === "published") {
        expect(searchRow).toBe(foldedColumns(row!).title);
        expect(count(`SELECT count(*) FROM AuditLog WHERE action = 'article.publish' AND target = ?`, `bài viết #${article.id}`)).toBeGreaterThan(0);
      } else {
        expect(searchRow).toBeUndefined();
      }
    }

    for (const [id, caption] of ledger.photos) {
      expect(db.prepare(`SELECT caption FROM Photo WHERE id = ?`).pluck().get(id), `photo #${id}`).toBe(caption);
    }
    // Every photo row (acknowledged or not) has all its files, and each one decodes.
    const photos = db.prepare(`SELECT id, fileKey, widths FROM Photo`).all() as { id: number; fileKey: string; widths: string }[];
    for (const photo of photos.filter((p) => !verifiedPhotos.has(p.id))) {
      for (const width of photo.widths.split(",")) {
        for (const ext of ["webp", "jpg"]) {
          const { info } = await sharp(path.join(files.uploadDir, `${photo.fileKey}-${width}.${ext}`)).raw().toBuffer({ resolveWithObject: true });
          expect(info.width).toBe(Number(width));
        }
      }
      verifiedPhotos.add(photo.id);
    }

    const { acked, pending } = ledger.settings;
    const addresses = [acked ?? ledger.settingsBefore, ...(pending ? [pending] : [])];
    expect(addresses).toContain(db.prepare(`SELECT address FROM SiteSettings WHERE id = 1`).pluck().get());

    for (const sent of ledger.feedback) {
      expect(db.prepare(`SELECT message FROM FeedbackMessage WHERE subject = ?`).pluck().get(sent.subject), sent.subject).toBe(sent.message);
    }

    expect(count(`SELECT coalesce(sum(count), 0) FROM VisitDay`) - visitsBefore).toBeGreaterThanOrEqual(ledger.views);

    // Nothing points nowhere: photo links without their article or photo, search rows without a public article, and back.
    expect(count(`SELECT count(*) FROM ArticlePhoto WHERE articleId NOT IN (SELECT id FROM Article) OR photoId NOT IN (SELECT id FROM Photo)`)).toBe(0);
    expect(count(`SELECT count(*) FROM ArticleSearch WHERE rowid NOT IN (SELECT id FROM Article WHERE status = 'published' AND deletedAt IS NULL)`)).toBe(0);
    expect(count(`SELECT count(*) FROM Article WHERE status = 'published' AND deletedAt IS NULL AND id NOT IN (SELECT rowid FROM ArticleSearch)`)).toBe(0);
  } finally {
    db.close();
  }
}

/** One value from the database file, read before the server starts. */
function readOnce(dbFile: string, sql: string): unknown {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).get();
  } finally {
    db.close();
  }
}

/** The settings form as the page shows it, so a write changes one field and sends the rest unchanged. */
function settingsForm(dbFile: string): Record<string, unknown> {
  const { id: _id, updatedAt: _u, ...row } = readOnce(dbFile, `SELECT * FROM SiteSettings WHERE id = 1`) as Record<string, unknown>;
  return { ...row, visitBaseline: String(row["visitBaseline"]), bannerPhotoId: row["bannerPhotoId"] ?? "" };
}

describe("crash safety: SIGKILL in the middle of a stream of writes", () => {
  it("keeps every acknowledged write whole after kills at about 10, 40 and 80 acknowledged writes", { timeout: 120_000 }, async () => {
    const site = await prepareSite();
    const env = { TRUST_PROXY: "true" };
    const settingsRow = settingsForm(site.dbFile);
    const { visits } = readOnce(site.dbFile, `SELECT coalesce(sum(count), 0) AS visits FROM VisitDay`) as { visits: number };
    const { id: categoryId } = readOnce(site.dbFile, `SELECT id FROM Category ORDER BY position LIMIT 1`) as { id: number };
    const ledger = new Ledger(String(settingsRow["address"]));
    let server = await start(site, env);
    for (const [round, killAt] of [10, 40, 80].entries()) {
      const stream = new WriteStream(server, ledger, await signIn(server.base, site.email, TEST_PASSWORD), settingsRow);
      await stream.start(categoryId, round * 1000);
      await stream.killAfter(killAt);
      server = await start(site, env);
      await verify(site, ledger, visits);
    }
    // The stream did exercise each kind of write.
    expect(ledger.articles.filter((a) => a.acked.length > 1).length).toBeGreaterThan(2);
    expect(ledger.articles.filter((a) => a.acked.some((v) => v.photoIds.length)).length).toBeGreaterThan(2);
    expect(ledger.photos.size).toBeGreaterThan(1);
    expect(ledger.feedback.length).toBeGreaterThan(2);
    expect(ledger.settings.acked).not.toBeNull();
    expect(ledger.views).toBeGreaterThan(10);
    server.process.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});

/**
 * A request sent over its own connection with its last two bytes held back: the server has it in
 * hand, unfinished, until finish() sends the rest. Resolves with the status and body of the answer.
 */
function heldRequest(port: number, head: string[], body = Buffer.alloc(0)) {
  const whole = Buffer.concat([Buffer.from([...head, `Content-Length: ${body.length}`, "", ""].join("\r\n")), body]);
  const socket = net.connect(port, "127.0.0.1", () => socket.write(whole.subarray(0, -2)));
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
  });
  return { finish: () => socket.write(whole.subarray(-2)), answer };
}

const connectionRefused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(false)));
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });

describe("SIGTERM: a clean stop", () => {
  it("finishes the requests in flight with 2xx, refuses new connections, closes the database and exits 0", { timeout: 60_000 }, async () => {
    const site = await prepareSite();
    const server = await start(site);
    const { browser, csrf } = await signIn(server.base, site.email, TEST_PASSWORD);
    const captions = ["Ảnh lớn 1", "Ảnh lớn 2", "Ảnh lớn 3"];
    const multipart = new Response(photoForm(await Promise.all(captions.map(() => photoBytes(1600, 1200))), captions));
    const common = [`Host: 127.0.0.1:${server.port}`, `User-Agent: ${BROWSER_UA}`];
    const upload = heldRequest(
      server.port,
      ["POST /admin/media HTTP/1.1", ...common, `Cookie: ${browser.cookieHeader()}`, "Accept: application/json", `X-CSRF-Token: ${csrf}`,
        `Content-Type: ${multipart.headers.get("content-type")}`],
      Buffer.from(await multipart.arrayBuffer()),
    );
    const pages = ["/", "/tim-kiem?q=can+tho", "/lien-he", "/rss.xml"].flatMap((p) => [p, p]).map((p) => heldRequest(server.port, [`GET ${p} HTTP/1.1`, ...common]));
    // Connections are accepted in order: once a later one is answered, the server holds all of them.
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));

    server.process.kill("SIGTERM");
    let refused = false;
    for (const until = Date.now() + 5000; !refused && Date.now() < until; ) refused = await connectionRefused(server.port);
    expect(refused).toBe(true);

    for (const request of [upload, ...pages]) request.finish();
    const answers = await Promise.all([upload, ...pages].map((r) => r.answer));
    const lastAnswer = Date.now();
    expect(answers.map((a) => a.status)).toEqual([201, ...pages.map(() => 200)]);
    const { ids } = JSON.parse(answers[0]!.body) as { ids: number[] };
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Kept-alive connections were closed as soon as they fell idle, not left to time out (5 s).
    expect(Date.now() - lastAnswer).toBeLessThan(3000);

    // Closed cleanly: the last connection checkpointed the write-ahead log into the database file and removed it.
    expect(fs.existsSync(`${site.dbFile}-wal`)).toBe(false);
    const db = new Database(site.dbFile, { readonly: true });
    expect(db.prepare(`SELECT caption FROM Photo WHERE id IN (${ids.join(",")}) ORDER BY id`).pluck().all()).toEqual(captions);
    db.close();
  });
});
