// The second pass of `npm test`: the HTTP suite and tests/postgres again, on PostgreSQL
// (TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres; each test file makes and
// drops its own database). Without a server it says so and stops there, unless REQUIRE_POSTGRES=1
// (CI), where a missing server is a failure.
import { spawnSync } from "node:child_process";
import pg from "pg";

const url = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
let reachable = true;
try {
  await client.connect();
  await client.query("SELECT 1");
} catch (error) {
  reachable = false;
  const required = process.env.REQUIRE_POSTGRES === "1";
  console.error(
    `\nPostgreSQL không trả lời tại ${url} (${error instanceof Error ? error.message : error}).\n` +
      (required
        ? "REQUIRE_POSTGRES=1: kiểm thử trên PostgreSQL là bắt buộc, dừng với lỗi.\n"
        : "Đã chạy xong bộ kiểm thử SQLite; bỏ qua lượt PostgreSQL. Để chạy: khởi động PostgreSQL 15+ (ví dụ\n" +
          "  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) hoặc đặt TEST_POSTGRES_URL.\n"),
  );
  process.exitCode = required ? 1 : 0;
} finally {
  await client.end().catch(() => {});
}
if (reachable) {
  console.log(`\nLượt kiểm thử thứ hai trên PostgreSQL (${url}): tests/http và tests/postgres`);
  const run = spawnSync("npx", ["vitest", "run", "tests/http", "tests/postgres"], {
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE: "postgresql", TEST_TMP_DIR: "tests/.tmp/pg" },
  });
  process.exitCode = run.status ?? 1;
}
