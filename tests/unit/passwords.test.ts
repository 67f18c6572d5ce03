import bcrypt from "bcrypt";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { costOf, dummyHash, hashPassword, needsRehash, verifyPassword } from "../../src/services/passwords.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("password hashing", () => {
  it("tells apart two 80-byte passwords that share their first 72 bytes (bcrypt alone would not)", async () => {
    const prefix = "a".repeat(72);
    const [right, wrong] = [`${prefix}-dung-ne`, `${prefix}-sai-roi`];
    expect([bytes(right), bytes(wrong)]).toEqual([80, 80]);
    // What the finding was about: plain bcrypt compares them equal.
    expect(await bcrypt.compare(wrong, await bcrypt.hash(right, 4))).toBe(true);
    const hash = await hashPassword(right, 4);
    expect(await verifyPassword(right, hash)).toBe(true);
    expect(await verifyPassword(wrong, hash)).toBe(false);
  });

  it("does the same for Vietnamese passphrases, whose letters take 2 or 3 bytes each", async () => {
    // 57 characters but 79 bytes: bcrypt alone never sees the last words, where the two differ.
    const prefix = "Mùa nước nổi ở đồng bằng sông Cửu Long năm nay về sớm hơn";
    const right = `${prefix} mọi năm`;
    const wrong = `${prefix} năm ngoái`;
    expect([[...prefix].length, bytes(prefix)]).toEqual([57, 79]);
    expect(Buffer.from(right).subarray(0, 72).equals(Buffer.from(wrong).subarray(0, 72))).toBe(true);
    const hash = await hashPassword(right, 4);
    expect(await verifyPassword(right, hash)).toBe(true);
    expect(await verifyPassword(wrong, hash)).toBe(false);
    // The same letters typed as NFD (some Mac keyboards) are the same password.
    expect(await verifyPassword(right.normalize("NFD"), hash)).toBe(true);
  });

  it("still verifies hashes made before the pre-hash, and asks for them to be made again", async () => {
    const legacy = await bcrypt.hash("Mat-khau-cu-truoc-2026", 4);
    expect(await verifyPassword("Mat-khau-cu-truoc-2026", legacy)).toBe(true);
    expect(await verifyPassword("Mat-khau-khac-han", legacy)).toBe(false);
    expect(needsRehash(legacy, 4)).toBe(true);
    const current = await hashPassword("Mat-khau-moi-2026", 4);
    expect(needsRehash(current, 4)).toBe(false);
    expect(needsRehash(current, 12)).toBe(true); // BCRYPT_COST raised since
  });

  it("makes the dummy hash for unknown e-mails at the configured cost, once", async () => {
    for (const cost of [4, 5]) {
      const config = loadConfig({ NODE_ENV: "test", BCRYPT_COST: String(cost), SESSION_SECRET: "x".repeat(32), DATABASE_URL: "file:/tmp/cchc-unused/portal.db", UPLOAD_DIR: "/tmp/cchc-unused/uploads" });
      const hash = await dummyHash(config.bcryptCost);
      expect(costOf(hash)).toBe(config.bcryptCost);
      expect(await dummyHash(config.bcryptCost)).toBe(hash);
    }
  });
});
