// npm run cli -- <command>: the administrative command line.
//   user:create   --email E --name N --role admin|editor|author --password-stdin
//   user:password --email E --password-stdin [--reset-two-factor]   (a forgotten password, e.g. the only administrator's)
//   backup        --out FILE [--force]         (database snapshot + uploads + manifest, one tar.gz)
//   restore       --from FILE [--force]        (into an empty database and upload folder; --force replaces)
//   db:copy       --to postgresql://… [--sessions]   (the configured SQLite site into an empty PostgreSQL database)
//   demo:generate --articles N [--force] | --remove   (generated articles for benchmarks, src/demo)
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createBackup } from "./backup/backup.js";
import { formatBytes } from "./backup/manifest.js";
import { restoreBackup } from "./backup/restore.js";
import { loadConfig, type Config } from "./config.js";
import { createPrisma, type PrismaClient } from "./db.js";
import { applyMigrations } from "./db/migrations.js";
import { HttpError } from "./errors.js";
import type { Actor } from "./services/audit.js";
import { createUser, getUserByEmail, isRole, resetUserPassword, ROLES } from "./services/users.js";
import { checkPasswordPolicy } from "./services/password-policy.js";
import { PrismaSessionStore } from "./services/session-store.js";
import { resetTwoFactor } from "./services/two-factor.js";
import { copySqliteToPostgres, verifyCopy, type CopyResult } from "./db/copy-to-postgres.js";
import { displayUrl } from "./backup/postgres-snapshotter.js";
import { createFileStore } from "./services/file-store.js";
import { rebuildSearchIndex } from "./services/search-index.js";
import { generateDemoArticles, parseDemoArgs, removeDemoContent } from "./demo/generate.js";
import { seedDemo } from "../prisma/seed.js";

const USAGE = `Cách dùng:
  npm run cli -- user:create --email E --name N --role ${ROLES.join("|")} --password-stdin
  npm run cli -- user:password --email E --password-stdin [--reset-two-factor]
      (mật khẩu đọc từ đầu vào chuẩn, không bao giờ từ dòng lệnh)
  npm run cli -- backup --out TỆP.tar.gz [--force]
  npm run cli -- restore --from TỆP.tar.gz [--force]
  npm run cli -- db:copy --to postgresql://NGƯỜI@MÁY:5432/TÊN [--sessions]
  npm run cli -- demo:generate --articles N [--force]   (N bài viết tự sinh để thử tải, tối đa 1.000.000)
  npm run cli -- demo:generate --remove                  (xoá mọi bài viết và ảnh tự sinh)`;

// What the audit log shows as "who" for changes made here.
const CLI_ACTOR: Actor = { userId: null, ip: "dòng lệnh" };
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Mật khẩu (Enter để kết thúc): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && String(chunk).includes("\n")) break;
  }
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** Refuses with every problem at once, then reads the password and checks it before touching the database. */
async function passwordFor(email: string, problems: string[], passwordStdin: boolean | undefined): Promise<string> {
  if (!passwordStdin) problems.push("--password-stdin: mật khẩu phải được đọc từ đầu vào chuẩn");
  if (problems.length) throw new Error(`${problems.join("\n")}\n\n${USAGE}`);
  const password = await readStdin();
  const policy = checkPasswordPolicy(password, email);
  if (policy) throw new Error(policy);
  return password;
}

async function withDatabase(run: (prisma: PrismaClient, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfig();
  await applyMigrations(config);
  const prisma = createPrisma(config);
  try {
    await run(prisma, config);
  } finally {
    await prisma.$disconnect();
  }
}

async function userCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
  });
  const problems: string[] = [];
  if (!values.email || !EMAIL_PATTERN.test(values.email)) problems.push("--email: cần một thư điện tử hợp lệ");
  if (!values.name?.trim()) problems.push("--name: cần họ tên");
  if (!values.role || !isRole(values.role)) problems.push(`--role: một trong ${ROLES.join(", ")}`);
  const password = await passwordFor(values.email ?? "", problems, values["password-stdin"]);
  await withDatabase(async (prisma, config) => {
    const input = { email: values.email!, name: values.name!, role: values.role as (typeof ROLES)[number], password };
    const user = await createUser(prisma, input, config.bcryptCost, CLI_ACTOR);
    console.log(`Đã tạo tài khoản #${user.id} ${user.email} (${user.role}).`);
  });
}

async function userPassword(args: string[]): Promise<void> {
  const options = { email: { type: "string" }, "password-stdin": { type: "boolean" }, "reset-two-factor": { type: "boolean" } } as const;
  const { values } = parseArgs({ args, options });
  const problems: string[] = [];
  if (!values.email || !EMAIL_PATTERN.test(values.email)) problems.push("--email: cần một thư điện tử hợp lệ");
  const password = await passwordFor(values.email ?? "", problems, values["password-stdin"]);
  await withDatabase(async (prisma, config) => {
    const user = await getUserByEmail(prisma, values.email!);
    await resetUserPassword(prisma, CLI_ACTOR, user.id, password, config.bcryptCost);
    // The only administrator who lost both phone and recovery codes has nobody to reset it in the panel.
    const resetSecondFactor = Boolean(values["reset-two-factor"] && user.totpEnabledAt);
    if (resetSecondFactor) await resetTwoFactor(prisma, CLI_ACTOR, user.id);
    await new PrismaSessionStore(prisma).destroyUserSessions(user.id);
    console.log(`Đã đặt mật khẩu mới cho ${user.email}; mọi phiên đăng nhập của tài khoản này đã kết thúc.`);
    if (resetSecondFactor) console.log("Đã đặt lại xác thực hai lớp: đăng nhập bằng mật khẩu mới rồi thiết lập lại.");
    else if (user.totpEnabledAt) console.log("Xác thực hai lớp vẫn bật; thêm --reset-two-factor nếu người này mất cả điện thoại lẫn mã khôi phục.");
    if (user.disabled) console.log("Lưu ý: tài khoản này đang bị khoá; một quản trị viên cần mở khoá trước khi đăng nhập được.");
  });
}

const note = (line: string) => process.stderr.write(`${line}\n`);

function printRowCounts(counts: Record<string, number>): void {
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table}: ${n}`);
}

async function backup(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: "string" }, force: { type: "boolean" } } });
  if (!values.out) throw new Error(`--out: cần đường dẫn tệp sao lưu\n\n${USAGE}`);
  const result = await createBackup(loadConfig(), { out: values.out, force: values.force ?? false, note });
  console.log(`Đã sao lưu vào ${values.out} (${formatBytes(result.archiveBytes)}): cơ sở dữ liệu ${result.database.kind} ` +
    `(migration mới nhất ${result.database.newestMigration ?? "không có"}) và ${result.uploads.files} tệp tải lên (${formatBytes(result.uploads.bytes)}).`);
  console.log("Số dòng theo bảng:");
  printRowCounts(result.database.rowCounts);
}

async function restore(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: "string" }, force: { type: "boolean" } } });
  if (!values.from) throw new Error(`--from: cần đường dẫn tệp sao lưu\n\n${USAGE}`);
  const result = await restoreBackup(loadConfig(), { from: values.from, force: values.force ?? false, note });
  console.log(`Đã khôi phục từ ${values.from}: cơ sở dữ liệu và ${result.manifest.uploads.files} tệp tải lên.`);
  console.log(result.applied.length ? `Đã áp dụng migration mới: ${result.applied.join(", ")}` : "Cơ sở dữ liệu đã ở phiên bản mới nhất.");
  console.log("Số dòng theo bảng:");
  printRowCounts(result.rowCounts);
}

/** One line per table, rewritten in place on a terminal; in a log, a line at most every second and at the end. */
function progressPrinter() {
  let last = 0;
  return (label: string, done: number, total: number) => {
    const line = `  ${label}: ${done}/${total}`;
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}${done === total ? "\n" : ""}`);
    else if (done === total || Date.now() - last >= 1000) {
      process.stderr.write(`${line}\n`);
      last = Date.now();
    }
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace(".", ",")} giây`;

function printCopySummary(result: CopyResult, indexed: number, to: string, times: { copy: number; index: number; total: number }): void {
  console.log(`Đã chép sang ${displayUrl(to)} trong ${seconds(times.total)} (bảng và tệp ${seconds(times.copy)}, chỉ mục tìm kiếm ${seconds(times.index)}):`);
  printRowCounts(Object.fromEntries(result.tables.map((t) => [t.name, t.rows])));
  console.log(`  tệp: ${result.files.count} (${formatBytes(result.files.bytes)}) vào kho tệp trong cơ sở dữ liệu`);
  for (const s of result.skipped) console.log(`  không chép ${s.name} (${s.rows} dòng): ${s.reason}`);
  console.log(`Chỉ mục tìm kiếm: ${indexed} bài. Kiểm tra: số dòng từng bảng và sha256 từng tệp đều khớp.`);
  console.log(`Chạy trang trên PostgreSQL: DATABASE_URL=${displayUrl(to)} npm start (FILE_STORE mặc định là database).`);
}

async function dbCopy(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { to: { type: "string" }, sessions: { type: "boolean" } } });
  if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) throw new Error(`--to: cần địa chỉ PostgreSQL postgresql://…\n\n${USAGE}`);
  const config = loadConfig();
  if (config.databaseKind !== "sqlite") {
    throw new Error("db:copy chép trang đang cấu hình trên SQLite (DATABASE_URL=file:…); DATABASE_URL hiện đã là PostgreSQL.");
  }
  const sqliteFile = config.databaseUrl.slice("file:".length);
  if (!fs.existsSync(sqliteFile)) throw new Error(`Không tìm thấy cơ sở dữ liệu nguồn ${sqliteFile}.`);
  const started = Date.now();
  await withDatabase(async (prisma) => {
    const files = createFileStore(config, prisma);
    note(`Chép ${sqliteFile} và kho tệp (${config.fileStore === "local" ? config.uploadDir : "trong cơ sở dữ liệu"}) sang ${displayUrl(values.to!)}:`);
    const result = await copySqliteToPostgres({ sqliteFile, files, to: values.to!, sessions: values.sessions ?? false, progress: progressPrinter() });
    const copied = Date.now();
    const target = createPrisma({ databaseUrl: values.to!, databaseKind: "postgresql", databasePoolSize: 2 });
    let indexed: number;
    try {
      indexed = await rebuildSearchIndex(target);
    } finally {
      await target.$disconnect();
    }
    const index = Date.now() - copied;
    const problems = await verifyCopy(values.to!, result);
    if (problems.length) throw new Error(`Kiểm tra sau khi chép không khớp:\n  ${problems.join("\n  ")}`);
    printCopySummary(result, indexed, values.to!, { copy: copied - started, index, total: Date.now() - started });
  });
}

async function demoGenerate(args: string[]): Promise<void> {
  const request = parseDemoArgs(args, USAGE);
  await withDatabase(async (prisma, config) => {
    const media = { store: createFileStore(config, prisma), maxBytes: config.uploadMaxBytes, maxPixels: config.uploadMaxPixels };
    const show = progressPrinter();
    const started = Date.now();
    if (request.remove) {
      const r = await removeDemoContent(prisma, { media, actor: CLI_ACTOR, progress: (done, total) => show("bài đã xoá", done, total) });
      console.log(`Đã xoá ${r.articles} bài viết tự sinh và ${r.photos} ảnh tự sinh (${r.files} tệp) trong ${seconds(Date.now() - started)}.`);
      if (r.keptPhotos) console.log(`Giữ lại ${r.keptPhotos} ảnh tự sinh vì bài viết khác hoặc banner đang dùng.`);
      return;
    }
    // A brand-new database gets the seed page first, as `npm start` would: categories to file under.
    if (config.seedDemo && (await seedDemo(prisma, media))) note("Cơ sở dữ liệu mới: đã nạp nội dung mẫu (như npm start).");
    const r = await generateDemoArticles(prisma, { ...request, media, actor: CLI_ACTOR, progress: (done, total) => show("bài đã tạo", done, total) });
    console.log(`Đã tạo ${r.articles} bài viết tự sinh (${r.withPhotos} bài có ảnh, dùng chung ${r.photos} ảnh) trong ${seconds(Date.now() - started)}.`);
  });
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  "user:create": userCreate,
  "user:password": userPassword,
  backup,
  restore,
  "db:copy": dbCopy,
  "demo:generate": demoGenerate,
};

const [command, ...rest] = process.argv.slice(2);
try {
  const run = command ? COMMANDS[command] : undefined;
  if (run) await run(rest);
  else {
    console.error(command ? `Lệnh không tồn tại: ${command}\n\n${USAGE}` : USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  const fields = error instanceof HttpError ? Object.values(error.fields) : [];
  console.error(fields.length ? fields.join("\n") : error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
