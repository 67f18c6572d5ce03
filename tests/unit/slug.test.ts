import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "../../src/lib/slug.js";

describe("slugs", () => {
  it("turns the seed title into the documented slug", () => {
    expect(slugify("Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016")).toBe(
      "thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016",
    );
  });

  it("makes đ and Đ into d", () => {
    expect(slugify("Đà Nẵng đổi mới")).toBe("da-nang-doi-moi");
    expect(slugify("ĐỒNG THÁP")).toBe("dong-thap");
  });

  it("gives the same slug for NFD input as for NFC", () => {
    const nfd = "Cần Thơ".normalize("NFD");
    expect(nfd).not.toBe("Cần Thơ");
    expect(slugify(nfd)).toBe("can-tho");
  });

  it("drops punctuation and never leaves dashes at the ends", () => {
    expect(slugify("  “Một cửa” – liên thông!!  ")).toBe("mot-cua-lien-thong");
  });

  it("adds -2, -3 on a clash", async () => {
    const taken = new Set(["mot-cua", "mot-cua-2"]);
    expect(await uniqueSlug("Một cửa", async (s) => taken.has(s))).toBe("mot-cua-3");
    expect(await uniqueSlug("Một cửa mới", async (s) => taken.has(s))).toBe("mot-cua-moi");
  });
});
