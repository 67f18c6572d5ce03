import type { Db } from "../src/db.js";
import { MAIN_ARTICLE } from "./seed-data.js";

// The PAR Index years of the demo site. 2016 holds exactly what the seed article says (origin
// "seed"); 2017 and 2018 are invented so the charts have a trend (origin "demo", marked on the page
// and in the note as «Số liệu minh họa»). The article gives three components only as percentages of
// their maximum: they are entered on a scale of 100, and the note says so.

const ARTICLE_DATE = "01/08/2017";

export const PAR_SEED_2016 = {
  year: 2016,
  total: 79.23,
  max: 100,
  rank: 16,
  ranked: 63,
  origin: "seed",
  note:
    `Nhập từ bài viết «${MAIN_ARTICLE.title}» (${ARTICLE_DATE}): điểm tổng 79,23%, hạng 16/63; lĩnh vực Cải cách tổ chức bộ máy hành chính nhà nước đạt 6,5/6,5 điểm. ` +
    "Ba chỉ số thành phần khác bài viết chỉ nêu bằng tỷ lệ phần trăm (93,33%, 90,63%, 47,22%), nên được ghi trên thang 100; bài không có điểm và điểm tối đa gốc của chúng. " +
    "Bài viết không nêu các chỉ số thành phần còn lại (bộ chỉ số năm 2015 có 8 lĩnh vực) và không nêu điểm trung bình cả nước (chỉ nói cao hơn giá trị trung bình 4,59%), nên chưa có dòng so sánh. " +
    "Bài viết còn cho biết thành phố xếp thứ 5 trong năm thành phố trực thuộc Trung ương và thứ 2 khu vực Đồng bằng sông Cửu Long (sau Đồng Tháp).",
  components: [
    { name: "Cải cách tổ chức bộ máy hành chính nhà nước", score: 6.5, max: 6.5 },
    { name: "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", score: 93.33, max: 100 },
    { name: "Một cửa, Một cửa liên thông", score: 90.63, max: 100 },
    { name: "Hiện đại hóa hành chính", score: 47.22, max: 100 },
  ],
  comparisons: [] as { label: string; total: number; rank: number | null }[],
};

const DEMO_NOTE = "Số liệu minh họa: không phải kết quả chính thức, chỉ để trang có xu hướng nhiều năm. Hãy xoá hoặc thay bằng số liệu công bố.";

export const PAR_DEMO_YEARS = [
  {
    year: 2017,
    total: 81.47,
    max: 100,
    rank: 12,
    ranked: 63,
    origin: "demo",
    note: DEMO_NOTE,
    components: [
      { name: "Cải cách tổ chức bộ máy hành chính nhà nước", score: 6, max: 6.5 },
      { name: "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", score: 95, max: 100 },
      { name: "Một cửa, Một cửa liên thông", score: 92.5, max: 100 },
      { name: "Hiện đại hóa hành chính", score: 58.3, max: 100 },
      { name: "Tác động của cải cách hành chính đến người dân, tổ chức", score: 72.4, max: 100 },
    ],
    comparisons: [{ label: "Trung bình cả nước (minh họa)", total: 77.2, rank: null }],
  },
  {
    year: 2018,
    total: 80.12,
    max: 100,
    rank: 15,
    ranked: 63,
    origin: "demo",
    note: DEMO_NOTE,
    components: [],
    comparisons: [{ label: "Trung bình cả nước (minh họa)", total: 78.05, rank: null }],
  },
];

/** Puts the seed and demo years in an empty site (inside the seed's transaction). */
export async function seedParIndex(tx: Db): Promise<void> {
  for (const y of [PAR_SEED_2016, ...PAR_DEMO_YEARS]) {
    await tx.parYear.create({
      data: {
        year: y.year,
        total: y.total,
        max: y.max,
        rank: y.rank,
        ranked: y.ranked,
        note: y.note,
        origin: y.origin,
        components: { create: y.components.map((c, position) => ({ ...c, position })) },
        comparisons: { create: y.comparisons.map((c, position) => ({ ...c, position })) },
      },
    });
  }
}
