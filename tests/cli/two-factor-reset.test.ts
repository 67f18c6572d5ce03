// npm run cli -- user:password --reset-two-factor: the way back in for the only administrator who lost
// both phone and recovery codes (nobody is left to reset it in the panel). Run as a real process.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { testClock } from "../helpers/clock.js";
import { buildTwoFactorUser } from "../helpers/two-factor.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEW_PASSWORD = "Cho-noi-Cai-Rang-sang-som";

function userPassword(t: TestApp, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "user:password", ...args, "--password-stdin"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: t.config.databaseUrl, UPLOAD_DIR: t.config.uploadDir, NODE_ENV: "test", SESSION_SECRET: "test-secret-test-secret-test-secret", BCRYPT_COST: "4" },
    });
    let stdout = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
    child.stdin.end(`${NEW_PASSWORD}\n`);
  });
}

describe("user:password and the second factor", () => {
  it("keeps the second factor unless --reset-two-factor is given, then removes it (audited)", async () => {
    const clock = testClock("2026-11-27T02:00:10Z");
    const t = await createTestApp({ clock });
    const { user } = await buildTwoFactorUser(t, clock, { role: "admin" });

    const kept = await userPassword(t, ["--email", user.email]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain("Xác thực hai lớp vẫn bật; thêm --reset-two-factor");
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).not.toBeNull();

    const reset = await userPassword(t, ["--email", user.email, "--reset-two-factor"]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("Đã đặt lại xác thực hai lớp");
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.totpSecret, row.totpEnabledAt]).toEqual([null, null]);
    expect(await t.prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "user.2fa_reset" } });
    expect([entry.userId, entry.ip]).toEqual([null, "dòng lệnh"]);
  });
});
