import { describe, expect, it } from "vitest";
import { fold } from "../../src/lib/fold.js";
import { highlight, snippet } from "../../src/lib/highlight.js";
import { htmlToText } from "../../src/lib/html-text.js";
import { ftsMatch, ftsTitleMatch, parseSearchQuery } from "../../src/lib/search-terms.js";

const marked = (parts: { text: string; hit: boolean }[]) => parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join("");

describe("fold", () => {
  it.each([
    ["Cần Thơ", "can tho"],
    ["CẦN THƠ", "can tho"],
    ["Cần Thơ".normalize("NFD"), "can tho"],
    ["Đồng Tháp", "dong thap"],
    ["đường Lý Tự Trọng", "duong ly tu trong"],
    ["Ủy ban nhân dân", "uy ban nhan dan"],
    ["Quốc hội khóa XV", "quoc hoi khoa xv"],
  ])("%j → %j", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe("parseSearchQuery", () => {
  it("folds, splits into words and drops repeats", () => {
    expect(parseSearchQuery("  Cần   Thơ, cần thơ! ").terms).toEqual(["can", "tho"]);
  });

  it("never lets FTS5 syntax through: operators dropped, every word quoted", () => {
    const parsed = parseSearchQuery('"can" AND tho* NEAR(mot cua) -x (y) title:z');
    expect(parsed.terms).toEqual(["can", "tho", "mot", "cua", "x", "y", "title", "z"]);
    expect(ftsMatch(parsed.terms)).toBe('"can" "tho" "mot" "cua" "x" "y" "title" "z"');
    expect(ftsTitleMatch(["can"])).toBe('{title} : ("can")');
  });

  it("keeps lower-case words that happen to spell operators", () => {
    expect(parseSearchQuery("not and or near").terms).toEqual(["not", "and", "or", "near"]);
  });

  it("caps the length and the number of words", () => {
    const long = parseSearchQuery("ả".repeat(500));
    expect(long.truncated).toBe(true);
    expect([...long.text]).toHaveLength(200);
    const many = parseSearchQuery("a b c d e f g h i j k l");
    expect(many.terms).toHaveLength(10);
    expect(many.tooManyTerms).toBe(true);
  });

  it("punctuation only gives no words", () => {
    expect(parseSearchQuery(`" * - ( ) ^ : {}`).terms).toEqual([]);
  });
});

describe("highlight and snippet", () => {
  const terms = new Set(["dong", "thap"]);

  it("marks words of the original text whose folded form is a term", () => {
    expect(marked(highlight("Xếp thứ 2 (sau Đồng Tháp).", terms))).toBe("Xếp thứ 2 (sau [Đồng] [Tháp]).");
  });

  it("works on NFD text too", () => {
    const nfd = "Đồng Tháp".normalize("NFD");
    expect(marked(highlight(nfd, terms))).toBe(`[${"Đồng".normalize("NFD")}] [${"Tháp".normalize("NFD")}]`);
  });

  it("does not mark a word that only contains a term", () => {
    expect(marked(highlight("Dongthap không khớp", terms))).toBe("Dongthap không khớp");
  });

  it("cuts a passage around the matches with ellipses", () => {
    const text = `${"mở đầu ".repeat(40)}xếp sau Đồng Tháp ${"kết thúc ".repeat(40)}`.trim();
    const out = marked(snippet(text, terms, 12));
    expect(out.startsWith("… ")).toBe(true);
    expect(out.endsWith(" …")).toBe(true);
    expect(out).toContain("xếp sau [Đồng] [Tháp]");
    expect(out.split(" ").length).toBeLessThan(20);
  });

  it("starts at the beginning when nothing matches", () => {
    expect(marked(snippet("Một hai ba bốn năm", terms, 3))).toBe("Một hai ba …");
  });
});

describe("htmlToText", () => {
  it("keeps words apart across tags and decodes entities", () => {
    expect(htmlToText("<p>Một&nbsp;cửa</p><p>liên&#32;thông &amp; <b>dịch</b> vụ</p><script>x()</script>")).toBe(
      "Một cửa liên thông & dịch vụ",
    );
  });

  it("normalises to NFC", () => {
    expect(htmlToText("<p>" + "Cần".normalize("NFD") + "</p>")).toBe("Cần");
  });
});
