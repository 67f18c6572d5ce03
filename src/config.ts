import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "phải bắt đầu bằng file: hoặc postgresql://")
    .default("file:./data/portal.db"),
  UPLOAD_DIR: z.string().min(1).default("./uploads"),
  // Where stored files live: the local folder, or the database (shared by every instance).
  FILE_STORE: z.enum(["local", "database"], { message: "phải là local hoặc database" }).optional(),
  FILE_CACHE_DIR: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(16, "cần ít nhất 16 ký tự").optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  TRUST_PROXY: z.string().optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  UPLOAD_MAX_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  // Largest attachment (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS) accepted, in MB.
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(500, "tối đa 500").default(20),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  // A session ends this long after sign-in however active it is (a stolen cookie does not live forever).
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  // Delay before checking a password for an account under attack, from an address that never signed in to it.
  LOGIN_SLOWDOWN_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  // How late the visit block may show a visit (ms): kept pages are rebuilt at most this often.
  VISIT_DISPLAY_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  // Other names the site answers to (comma-separated host or host:port), used in absolute links when
  // SITE_URL is not set; any other Host header gets the listening address instead.
  ALLOWED_HOSTS: z
    .string()
    .regex(/^\s*[a-z0-9.-]+(:\d{1,5})?(\s*,\s*[a-z0-9.-]+(:\d{1,5})?)*\s*$/i, "danh sách tên máy, cách nhau bởi dấu phẩy, ví dụ cchc.cantho.gov.vn,www.cchc.cantho.gov.vn")
    .optional(),
  // Outgoing mail (the Q&A tracking code): smtp://user:password@host:587 or smtps://…:465; no mail without it.
  SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/i, "phải có dạng smtp://người-dùng:mật-khẩu@máy-chủ:587").optional(),
  MAIL_FROM: z.string().min(3).default("Trang thông tin CCHC <no-reply@localhost>"),
  // Public address for canonical links, feeds and the sitemap; without it the request's host is used.
  SITE_URL: z
    .string()
    .regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?\/?$/i, "phải là địa chỉ gốc của trang, ví dụ https://cchc.cantho.gov.vn")
    .optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly databaseKind: "sqlite" | "postgresql";
  /** Connections each instance keeps to PostgreSQL (unused on SQLite: one connection). */
  readonly databasePoolSize: number;
  readonly dataDir: string;
  readonly uploadDir: string;
  /** local: files in uploadDir; database: in the StoredFile table, cached per instance in fileCacheDir. */
  readonly fileStore: "local" | "database";
  readonly fileCacheDir: string;
  readonly sessionSecret: string;
  readonly env: "development" | "production" | "test";
  readonly trustProxy: boolean | number | string;
  readonly uploadMaxBytes: number;
  readonly uploadMaxPixels: number;
  /** Largest attachment accepted (ATTACHMENT_MAX_MB), in bytes. */
  readonly attachmentMaxBytes: number;
  readonly seedDemo: boolean;
  readonly bcryptCost: number;
  readonly sessionIdleMs: number;
  readonly visitDisplayIntervalMs: number;
  readonly sessionMaxMs: number;
  readonly loginSlowdownMs: number;
  readonly siteUrl: string | null;
  /** Outgoing mail server (SMTP_URL), or null: no mail is sent. */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /** Host headers trusted in absolute links without SITE_URL; the first is used for any other. */
  readonly allowedHosts: readonly string[];
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (value === "true") return true;
  const hops = Number(value);
  return Number.isInteger(hops) ? hops : value;
}

// A secret generated once and kept under data/, so sessions survive restarts without setup.
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The listening address (as a browser on this machine names it) and ALLOWED_HOSTS, lowercase. */
function allowedHosts(host: string, port: number, extra: string | undefined): string[] {
  const listening = ["0.0.0.0", "::", "127.0.0.1", "::1", "localhost"].includes(host)
    ? [`127.0.0.1:${port}`, `localhost:${port}`]
    : [host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`];
  const named = (extra ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  return [...new Set([...named, ...listening])];
}

/** Reads the environment once; fails listing every problem so an operator fixes them in one go. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Cấu hình không hợp lệ:\n${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && e.BCRYPT_COST < 12) {
    throw new Error("Cấu hình không hợp lệ:\n  BCRYPT_COST: phải từ 12 trở lên khi chạy production");
  }
  const databaseKind = e.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";
  const databaseUrl =
    databaseKind === "sqlite" ? `file:${path.resolve(cwd, e.DATABASE_URL.slice("file:".length))}` : e.DATABASE_URL;
  const dataDir = databaseKind === "sqlite" ? path.dirname(databaseUrl.slice("file:".length)) : path.resolve(cwd, "data");
  fs.mkdirSync(dataDir, { recursive: true });
  const uploadDir = path.resolve(cwd, e.UPLOAD_DIR);
  fs.mkdirSync(uploadDir, { recursive: true });
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl,
    databaseKind,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir,
    uploadDir,
    // One machine keeps its files in a folder; instances sharing PostgreSQL share the database.
    fileStore: e.FILE_STORE ?? (databaseKind === "postgresql" ? "database" : "local"),
    fileCacheDir: e.FILE_CACHE_DIR ? path.resolve(cwd, e.FILE_CACHE_DIR) : path.join(dataDir, "file-cache"),
    sessionSecret: e.SESSION_SECRET ?? persistentSecret(dataDir),
    env: e.NODE_ENV,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    uploadMaxPixels: e.UPLOAD_MAX_PIXELS,
    attachmentMaxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024),
    seedDemo: e.SEED_DEMO === "1",
    bcryptCost: e.BCRYPT_COST,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60 * 1000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 60 * 60 * 1000,
    loginSlowdownMs: e.LOGIN_SLOWDOWN_MS,
    visitDisplayIntervalMs: e.VISIT_DISPLAY_INTERVAL_MS,
    siteUrl: e.SITE_URL ? e.SITE_URL.replace(/\/+$/, "") : null,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    allowedHosts: allowedHosts(e.HOST, e.PORT, e.ALLOWED_HOSTS),
  });
}
