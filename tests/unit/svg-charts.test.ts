import { describe, expect, it } from "vitest";
import { HtmlValidate } from "html-validate";
import { barChart, columnChart, escapeXml, rankChart, viNumber, wrapText } from "../../src/lib/svg-charts.js";

const hostile = `<script>alert("x")</script> & 'Đồng Tháp'`;

function svgIsWellFormed(svg: string): void {
  // Every opened element is closed in order (self-closing ones aside): enough for these builders.
  const stack: string[] = [];
  for (const [, close, name, selfClose] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClose) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
}

describe("viNumber", () => {
  it("writes a Vietnamese decimal comma and drops trailing zeros", () => {
    expect(viNumber(79.23)).toBe("79,23");
    expect(viNumber(6.5)).toBe("6,5");
    expect(viNumber(100)).toBe("100");
    expect(viNumber(90.625)).toBe("90,63");
    expect(viNumber(0)).toBe("0");
    expect(viNumber(-0.001)).toBe("0");
  });
});

describe("escapeXml and wrapText", () => {
  it("escapes the five XML specials", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
  it("wraps words into lines, keeping a long word whole", () => {
    expect(wrapText("Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", 20)).toEqual([
      "Xây dựng và tổ chức",
      "thực hiện văn bản",
      "quy phạm pháp luật",
    ]);
    expect(wrapText("a-very-long-word-that-does-not-fit", 10)).toEqual(["a-very-long-word-that-does-not-fit"]);
    expect(wrapText("")).toEqual([""]);
  });
});

describe("columnChart", () => {
  const chart = columnChart({
    id: "tong",
    title: `Điểm ${hostile}`,
    description: "Điểm tổng qua các năm",
    columns: [
      { label: "2015", sublabel: "hạng 20/63", share: 0.75, valueLabel: "75%", hatched: true },
      { label: "2016", sublabel: "hạng 16/63", share: 0.7923, valueLabel: "79,23%" },
      { label: hostile, share: 1.5, valueLabel: "150%" },
    ],
    legend: [{ label: "Số liệu minh họa", hatched: true }],
  });

  it("is an accessible, scalable image", () => {
    expect(chart).toMatch(/^<svg class="chart" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 360 [\d.]+" width="100%" role="img" aria-labelledby="tong-title tong-desc"/);
    expect(chart).toContain('<title id="tong-title">');
    expect(chart).toContain('<desc id="tong-desc">Điểm tổng qua các năm</desc>');
    expect(chart).not.toMatch(/style=/);
    svgIsWellFormed(chart);
  });

  it("escapes every label and title", () => {
    expect(chart).not.toContain("<script>");
    expect(chart).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;Đồng Tháp&#39;");
  });

  it("writes each value and label as text, hatches demo columns and explains them in a legend", () => {
    for (const t of ["75%", "79,23%", "2015", "2016", "hạng 16/63", "Số liệu minh họa"]) expect(chart).toContain(`>${t}</text>`);
    expect(chart).toContain('<pattern id="tong-hatch"');
    expect(chart.match(/fill="url\(#tong-hatch\)"/g)).toHaveLength(2); // the demo column and its legend swatch
  });

  it("keeps a share above 1 inside the plot", () => {
    const heights = [...chart.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" class="chart-bar/g)].map((m) => Number(m[1]));
    expect(Math.max(...heights)).toBe(180);
  });

  it("has no pattern when nothing is hatched", () => {
    const plain = columnChart({ id: "p", title: "t", description: "d", columns: [{ label: "2016", share: 0.5, valueLabel: "50%" }] });
    expect(plain).not.toContain("<pattern");
  });
});

describe("rankChart", () => {
  const chart = rankChart({
    id: "hang",
    title: "Thứ hạng",
    description: "Thứ hạng qua các năm",
    points: [
      { label: "2015", rank: 20, ranked: 63, valueLabel: "20/63", hollow: true },
      { label: "2016", rank: 16, ranked: 63, valueLabel: "16/63" },
      { label: "2025", rank: 1, ranked: 34, valueLabel: "1/34" },
    ],
    legend: [{ label: "Số liệu minh họa" }],
  });

  it("draws a line through the points, first place at the top, each labelled", () => {
    expect(chart).toContain("<polyline");
    for (const t of ["20/63", "16/63", "1/34", "2015", "hạng 1", "Số liệu minh họa"]) expect(chart).toContain(`>${t}</text>`);
    const ys = [...chart.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)" r="5" class="chart-point/g)].map((m) => Number(m[1]));
    // The legend's hollow point first, then the three points: rank 1 is highest (smallest y).
    const [, p2015, p2016, p2025] = ys;
    expect(p2025).toBeLessThan(p2016!);
    expect(p2016).toBeLessThan(p2015!);
    expect(chart.match(/chart-point-hollow/g)).toHaveLength(2);
    svgIsWellFormed(chart);
  });
});

describe("barChart", () => {
  it("draws each component against its own maximum with its value written beside it", () => {
    const chart = barChart({
      id: "tp",
      title: "Chỉ số thành phần",
      description: "d",
      series: [{ name: "2016", hatched: false }],
      groups: [
        { label: "Cải cách tổ chức bộ máy hành chính nhà nước", values: [{ share: 1, valueLabel: "6,5/6,5 (100%)" }] },
        { label: hostile, values: [{ share: 0.4722, valueLabel: "47,22/100 (47,22%)" }] },
      ],
    });
    expect(chart).toContain(">6,5/6,5 (100%)</text>");
    expect(chart).toContain(">Cải cách tổ chức bộ máy hành chính nhà nước</text>");
    expect(chart).not.toContain("<script>");
    expect(chart).not.toContain("<pattern");
    expect(chart).toContain('width="206" height="16" class="chart-bar"');
    svgIsWellFormed(chart);
  });

  it("compares two years: the earlier hatched, a component new this year said so", () => {
    const chart = barChart({
      id: "ss",
      title: "So sánh",
      description: "d",
      series: [
        { name: "2017", hatched: false },
        { name: "2016", hatched: true },
      ],
      groups: [
        { label: "Hiện đại hóa hành chính", values: [{ share: 0.6, valueLabel: "60%" }, { share: 0.4722, valueLabel: "47,22%" }] },
        { label: "Chỉ số mới", values: [{ share: 0.5, valueLabel: "50%" }, null], missingLabel: "chưa có" },
      ],
    });
    expect(chart).toContain(">2017: 60%</text>");
    expect(chart).toContain(">2016: 47,22%</text>");
    expect(chart).toContain(">2016: chưa có</text>");
    expect(chart).toContain('fill="url(#ss-hatch)"');
    svgIsWellFormed(chart);
  });
});

describe("inside an HTML page", () => {
  it("is valid HTML5", async () => {
    const svg = barChart({ id: "v", title: "t", description: "d", series: [{ name: "a", hatched: true }, { name: "b", hatched: false }], groups: [{ label: "x", values: [{ share: 0.3, valueLabel: "30%" }, null] }] });
    const html = `<!DOCTYPE html><html lang="vi"><head><title>t</title></head><body><main><figure>${svg}<figcaption>c</figcaption></figure></main></body></html>`;
    const report = await new HtmlValidate({ extends: ["html-validate:standard"] }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
  });
});
