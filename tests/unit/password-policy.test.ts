import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { checkPasswordPolicy, isCommonPassword, MIN_PASSWORD_LENGTH } from "../../src/services/password-policy.js";

const EMAIL = "nguyen.van.an@cantho.gov.vn";

describe("password policy", () => {
  it("accepts a long, uncommon password", () => {
    expect(checkPasswordPolicy("Lua-ngo-dong-bang-2026", EMAIL)).toBeNull();
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters`, () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(checkPasswordPolicy("Ngan-9ky!", EMAIL)).toBe("Mật khẩu cần ít nhất 10 ký tự.");
    expect(checkPasswordPolicy("Du-10-ky-!", EMAIL)).toBeNull();
  });

  it("refuses the e-mail address or its local part, whatever the case", () => {
    expect(checkPasswordPolicy("Nguyen.Van.An@CanTho.gov.vn", EMAIL)).toBe("Mật khẩu không được trùng với thư điện tử.");
    expect(checkPasswordPolicy("NGUYEN.VAN.AN", EMAIL)).toBe("Mật khẩu không được trùng với thư điện tử.");
  });

  it("refuses the top-1000 common passwords, case-insensitively", () => {
    for (const common of ["password123", "PASSWORD123", "1234567890", "qwertyuiop", "1q2w3e4r5t"]) {
      expect(checkPasswordPolicy(common, EMAIL)).toMatch(/quá phổ biến/);
    }
  });

  it("uses the first 1000 of the ranked list only", () => {
    expect(isCommonPassword("123456")).toBe(true); // rank 1
    expect(isCommonPassword("password123")).toBe(true); // rank 796
    expect(isCommonPassword("12345678910")).toBe(false); // further down the list
  });

  it("refuses a password over 200 characters", () => {
    expect(checkPasswordPolicy("a".repeat(201), EMAIL)).toBe("Mật khẩu không được quá 200 ký tự.");
  });
});

describe("bcrypt cost in the configuration", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-config-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { DATABASE_URL: "file:./portal.db", UPLOAD_DIR: "./uploads", SESSION_SECRET: "x".repeat(32) };

  it("defaults to 12", () => {
    expect(loadConfig({ ...env }, dir).bcryptCost).toBe(12);
    expect(loadConfig({ ...env, NODE_ENV: "production" }, dir).bcryptCost).toBe(12);
  });

  it("refuses a cost under 12 in production, with the reason", () => {
    expect(() => loadConfig({ ...env, NODE_ENV: "production", BCRYPT_COST: "10" }, dir)).toThrow(/BCRYPT_COST: phải từ 12 trở lên/);
    expect(loadConfig({ ...env, NODE_ENV: "production", BCRYPT_COST: "13" }, dir).bcryptCost).toBe(13);
  });
});
