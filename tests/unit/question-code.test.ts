import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_PATTERN, newQuestionCode, normalizeQuestionCode } from "../../src/services/questions-code.js";

describe("question tracking codes", () => {
  it("uses 32 characters that cannot be mistaken for each other", () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    for (const confusable of ["0", "O", "1", "I"]) expect(CODE_ALPHABET).not.toContain(confusable);
  });

  it("draws HD- and eight characters from the random source", () => {
    const draws = [0, 31, 1, 30, 2, 29, 3, 28];
    expect(newQuestionCode(() => draws.shift()!)).toBe("HD-2Z3Y4X5W");
    for (let i = 0; i < 200; i++) expect(newQuestionCode()).toMatch(CODE_PATTERN);
    expect(new Set(Array.from({ length: 200 }, () => newQuestionCode())).size).toBe(200);
  });

  it("reads a code however it was typed", () => {
    for (const typed of ["HD-7KQ2M9XW", "hd-7kq2m9xw", "  HD-7KQ2M9XW ", "HD 7KQ2 M9XW", "7KQ2M9XW", "7kq2-m9xw", "hd7kq2m9xw"]) {
      expect(normalizeQuestionCode(typed), typed).toBe("HD-7KQ2M9XW");
    }
  });

  it("refuses what cannot be a code", () => {
    for (const typed of ["", "HD-", "HD-7KQ2M9X", "HD-7KQ2M9XWZ", "HD-0KQ2M9XW", "HD-OKQ2M9XW", "HD-IKQ2M9XW", "HD-1KQ2M9XW", "XX-7KQ2M9XW", "HD-7KQ2M9X%", "HD-7KQ2M9XẂ"]) {
      expect(normalizeQuestionCode(typed), typed).toBeNull();
    }
  });
});
