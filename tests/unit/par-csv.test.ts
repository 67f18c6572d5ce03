import { describe, expect, it } from "vitest";
import { parCsvTemplate, parseDecimal, parseParCsv, rankProblem, scoreProblem, yearProblem } from "../../src/lib/par-csv.js";

const HEADER = "year,component,score,max,rank,ranked";
const read = (text: string | Buffer) => parseParCsv(text, { maxYear: 2027 });
const errorsOf = (text: string | Buffer) => {
  const result = read(text);
  if (result.ok) throw new Error("expected a refusal");
  return result.errors;
};

describe("numbers", () => {
  it("reads a decimal comma or a dot, nothing else", () => {
    expect(parseDecimal("79,23")).toBe(79.23);
    expect(parseDecimal(" 6.5 ")).toBe(6.5);
    expect(parseDecimal("100")).toBe(100);
    expect(parseDecimal("-1")).toBe(-1);
    for (const bad of ["", "1.234,5", "1,234.5", "12,5%", "abc", "1e3", "12,"]) expect(parseDecimal(bad)).toBeNull();
  });

  it("states each rule in Vietnamese", () => {
    expect(scoreProblem(12.5, 10)).toBe("điểm 12,5 lớn hơn điểm tối đa 10.");
    expect(scoreProblem(-1, 10)).toBe("điểm không được âm (đang là -1).");
    expect(scoreProblem(1, 0)).toBe("điểm tối đa phải lớn hơn 0 (đang là 0).");
    expect(scoreProblem(10, 10)).toBeNull();
    expect(rankProblem(64, 63)).toBe("hạng 64 lớn hơn số tỉnh, thành được xếp hạng 63.");
    expect(rankProblem(5, null)).toContain("cần ghi cả hạng");
    expect(rankProblem(null, null)).toBeNull();
    expect(rankProblem(1, 34)).toBeNull();
    expect(yearProblem(2011, 2027)).toBe("năm phải từ 2012 đến 2027.");
    expect(yearProblem(2027, 2027)).toBeNull();
  });
});

describe("parseParCsv", () => {
  it("reads a file with a BOM, CRLF, quoted commas, both decimal marks and blank lines", () => {
    const text =
      `\uFEFF${HEADER}\r\n2016,Tổng,"79,23",100,16,63\r\n\r\n` +
      `2016,"Một cửa, một cửa liên thông","9,06",10,,\r\n2016,Hiện đại hóa hành chính,4.25,9,,\r\n` +
      `2017,tổng,80.5,100,14,63\r\n2017,Cải cách thủ tục hành chính,10,12\r\n`;
    const result = read(Buffer.from(text, "utf8"));
    expect(result).toEqual({
      ok: true,
      rows: 5,
      years: [
        {
          year: 2016,
          total: 79.23,
          max: 100,
          rank: 16,
          ranked: 63,
          components: [
            { name: "Một cửa, một cửa liên thông", score: 9.06, max: 10 },
            { name: "Hiện đại hóa hành chính", score: 4.25, max: 9 },
          ],
        },
        { year: 2017, total: 80.5, max: 100, rank: 14, ranked: 63, components: [{ name: "Cải cách thủ tục hành chính", score: 10, max: 12 }] },
      ],
    });
  });

  it("reads a semicolon file as Excel writes it with Vietnamese settings", () => {
    const result = read("year;component;score;max;rank;ranked\n2025;Tổng;88,1;100;3;34\n2025;Cải cách thể chế;9,5;10;;\n");
    expect(result.ok && result.years[0]).toMatchObject({ year: 2025, total: 88.1, rank: 3, ranked: 34, components: [{ name: "Cải cách thể chế", score: 9.5 }] });
  });

  it("normalises names to NFC", () => {
    const result = read(`${HEADER}\n2016,Tổng,79,100,16,63\n2016,${"Hiện đại hóa".normalize("NFD")},4,9,,\n`.replace("79,100", '"79",100'));
    expect(result.ok && result.years[0]!.components[0]!.name).toBe("Hiện đại hóa".normalize("NFC"));
  });

  it("refuses an empty file, a file with only its header, and a wrong header", () => {
    expect(errorsOf("")).toEqual(["Tệp trống: không có dòng nào. Hãy tải tệp mẫu, điền số liệu rồi nhập lại."]);
    expect(errorsOf("\uFEFF\r\n  \r\n")).toHaveLength(1);
    expect(errorsOf(`${HEADER}\r\n`)).toEqual(["Tệp chỉ có dòng tiêu đề, chưa có dòng số liệu nào."]);
    expect(errorsOf("nam,chi so,diem,toi da\n2016,Tổng,1,2\n")[0]).toMatch(/^Dòng 1: dòng tiêu đề phải đúng là «year,component,score,max,rank,ranked»/);
    expect(errorsOf(`\n${HEADER}\n2016,Tổng,1,2,,\n`)[0]).toMatch(/^Dòng 1: /);
  });

  it("refuses a file that is not UTF-8", () => {
    const latin1 = Buffer.from(`${HEADER}\n2016,T\xf4ng,1,2,,\n`, "latin1");
    expect(errorsOf(latin1)[0]).toContain("không phải văn bản UTF-8");
  });

  it("names the line of each bad row, counting the header as line 1 and blank lines too", () => {
    const text = [
      HEADER,
      '2016,Tổng,"79,23",100,16,63',
      "",
      '2016,Cải cách hành chính,"12,5",20,,',
      "2016,Hiện đại hóa,abc,10,,",
      "2016,Một cửa,12,5,10,,",
      '2016,Cải cách thể chế,"12,5",10,,',
      "2011,Tổng,50,100,,",
      "2016,Chỉ số có hạng,5,10,3,63",
      "2018,Tổng,70,100,70,63",
      "2019,Tổng,70,100,5,",
      '2016,"Hai\ndòng",5,10,,',
      "2016,Cải cách hành chính,1,10,,",
      "2016,Tổng,1,100,,",
      "2020,Chỉ số,1,2,,",
      "2016,,1,2,,",
      "2016,X,1",
    ].join("\r\n");
    expect(errorsOf(text)).toEqual([
      "Dòng 5: điểm «abc» không phải là số (viết 12,5 hoặc 12.5).",
      'Dòng 6: có 7 cột thay vì 6. Số có dấu phẩy thập phân phải nằm trong ngoặc kép ("12,5"), hoặc viết bằng dấu chấm (12.5).',
      "Dòng 7: điểm 12,5 lớn hơn điểm tối đa 10.",
      "Dòng 8: năm phải từ 2012 đến 2027 (đang là 2011).",
      "Dòng 9: hạng chỉ ghi ở dòng «Tổng»; dòng chỉ số thành phần để trống cột rank và ranked.",
      "Dòng 10: hạng 70 lớn hơn số tỉnh, thành được xếp hạng 63.",
      "Dòng 11: cần ghi cả hạng và số tỉnh, thành được xếp hạng, hoặc bỏ trống cả hai.",
      "Dòng 14: chỉ số «Cải cách hành chính» của năm 2016 đã có ở dòng 4.",
      "Dòng 15: năm 2016 đã có dòng «Tổng» ở dòng 2.",
      "Dòng 16: năm 2020 không có dòng «Tổng» ghi điểm tổng của năm.",
      "Dòng 17: thiếu tên chỉ số (cột component).",
      "Dòng 18: có 3 cột; cần ít nhất 4 cột: year, component, score, max.",
    ]);
  });

  it("names the line of an unclosed quote", () => {
    expect(errorsOf(`${HEADER}\n2016,Tổng,1,100,,\n2016,"Không đóng,1,2,,\n`)[0]).toMatch(/^Dòng \d+: dấu ngoặc kép không khớp/);
  });

  it("gives a template that reads back as the 2016 figures of the seed article", () => {
    const template = parCsvTemplate();
    expect(template.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const result = read(template);
    expect(result.ok && result.years).toEqual([
      expect.objectContaining({ year: 2016, total: 79.23, max: 100, rank: 16, ranked: 63 }),
    ]);
    expect(result.ok && result.years[0]!.components).toContainEqual({ name: "Cải cách tổ chức bộ máy hành chính nhà nước", score: 6.5, max: 6.5 });
  });
});
