import { describe, expect, it } from "vitest";
import { shortName } from "../../src/lib/short-name.js";

describe("shortName", () => {
  it("keeps the family name and shortens the others to initials", () => {
    expect(shortName("Nguyễn Văn An")).toBe("Nguyễn V. A.");
    expect(shortName("Trần Thị Ngọc Ánh")).toBe("Trần T. N. Á.");
    expect(shortName("Lê Bình")).toBe("Lê B.");
    expect(shortName("Đặng đức Độ")).toBe("Đặng Đ. Đ.");
  });

  it("accepts extra spaces, NFD input and lower case, and answers in NFC", () => {
    const result = shortName("  nguyễn   văn  an ".normalize("NFD"));
    expect(result).toBe("Nguyễn V. A.");
    expect(result).toBe(result.normalize("NFC"));
  });

  it("leaves one word as it is and a blank name empty", () => {
    expect(shortName("Hùng")).toBe("Hùng");
    expect(shortName("   ")).toBe("");
    expect(shortName("")).toBe("");
  });

  it("skips words without a letter and takes the first letter of the others", () => {
    expect(shortName("Phạm - (Minh) Tuấn")).toBe("Phạm M. T.");
  });
});
