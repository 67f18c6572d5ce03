import type { Db } from "../src/db.js";
import { fold } from "../src/lib/fold.js";
import { slugify, uniqueSlug } from "../src/lib/slug.js";
import { procedureHtml } from "../src/services/procedures-admin.js";
import { procedureSearchText, type OnlineLevel, type ProcedureLevel } from "../src/services/procedures.js";

// Demo administrative procedures (origin "seed"): home-affairs procedures as Can Tho's one-stop
// centres handle them after the 2025 reform (province and commune levels), written after the
// national procedure database's pages. Codes, times and documents look real but must be checked
// against the national database before a real office publishes them.

const PROVINCE_CENTRE = "Trung tâm Phục vụ hành chính công thành phố Cần Thơ";
const COMMUNE_CENTRE = "Trung tâm Phục vụ hành chính công xã, phường nơi có trụ sở hoặc nơi cư trú";
const PORTAL = (code: string) => `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${code}`;
const PUBLISHED_AT = new Date("2025-07-15T01:00:00Z");

const SECTORS = {
  organisation: "Tổ chức hành chính, đơn vị sự nghiệp",
  civilService: "Công chức, viên chức",
  emulation: "Thi đua, khen thưởng",
  belief: "Tín ngưỡng, tôn giáo",
} as const;

// Every procedure is received through the one-stop shop: the decree on it, and the city's own
// regulation when the documents seed has it (found by its title).
const ONE_STOP_DECREE = "118/2025/NĐ-CP";
const EMULATION_LAW = ["06/2022/QH15", "98/2023/NĐ-CP"];

interface SeedProcedure {
  code: string;
  name: string;
  sector: keyof typeof SECTORS;
  level: ProcedureLevel;
  processingTime: string;
  place: string;
  requirements: string[];
  steps: string[];
  basis: string[];
  onlineLevel: OnlineLevel;
}

export const SEED_PROCEDURES: SeedProcedure[] = [
  {
    code: "1.009318.000.00.00.H12",
    name: "Thẩm định thành lập đơn vị sự nghiệp công lập",
    sector: "organisation",
    level: "tinh",
    processingTime: "20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    place: PROVINCE_CENTRE,
    requirements: [
      "Tờ trình đề nghị thành lập đơn vị sự nghiệp công lập (bản chính)",
      "Đề án thành lập đơn vị sự nghiệp công lập (bản chính)",
      "Dự thảo quyết định thành lập và dự thảo quy chế tổ chức, hoạt động của đơn vị",
      "Ý kiến bằng văn bản của các cơ quan, tổ chức có liên quan",
    ],
    steps: [
      "Cơ quan đề nghị nộp hồ sơ tại Trung tâm Phục vụ hành chính công hoặc trên Cổng Dịch vụ công quốc gia",
      "Sở Nội vụ thẩm định hồ sơ; hồ sơ chưa đủ được hướng dẫn bổ sung một lần bằng văn bản",
      "Sở Nội vụ trình Ủy ban nhân dân thành phố xem xét, quyết định",
      "Trả kết quả tại Trung tâm Phục vụ hành chính công hoặc qua dịch vụ bưu chính công ích",
    ],
    basis: ["120/2020/NĐ-CP", "83/2024/NĐ-CP", ONE_STOP_DECREE],
    onlineLevel: "partial",
  },
  {
    code: "1.005385.000.00.00.H12",
    name: "Tiếp nhận vào làm công chức",
    sector: "civilService",
    level: "tinh",
    processingTime: "30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
    place: PROVINCE_CENTRE,
    requirements: [
      "Văn bản đề nghị tiếp nhận của cơ quan sử dụng công chức",
      "Sơ yếu lý lịch tự thuật có xác nhận của cơ quan có thẩm quyền trong thời hạn 30 ngày",
      "Bản sao các văn bằng, chứng chỉ theo yêu cầu của vị trí việc làm",
      "Giấy chứng nhận đủ sức khỏe do cơ sở y tế có thẩm quyền cấp trong thời hạn 12 tháng",
    ],
    steps: [
      "Cơ quan sử dụng công chức lập hồ sơ và nộp tại Trung tâm Phục vụ hành chính công",
      "Sở Nội vụ kiểm tra điều kiện, tiêu chuẩn và tổ chức sát hạch khi cần",
      "Cơ quan có thẩm quyền quyết định tiếp nhận và xếp lương",
    ],
    basis: ["80/2025/QH15", "170/2025/NĐ-CP", ONE_STOP_DECREE],
    onlineLevel: "partial",
  },
  {
    code: "1.000775.000.00.00.H12",
    name: "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố về thành tích thực hiện nhiệm vụ chính trị",
    sector: "emulation",
    level: "tinh",
    processingTime: "20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    place: PROVINCE_CENTRE,
    requirements: ["Tờ trình đề nghị khen thưởng", "Báo cáo thành tích của tập thể, cá nhân được đề nghị khen thưởng", "Biên bản họp Hội đồng thi đua, khen thưởng cấp trình"],
    steps: [
      "Cơ quan, đơn vị trình khen nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia",
      "Sở Nội vụ (Ban Thi đua – Khen thưởng) thẩm định, trình Chủ tịch Ủy ban nhân dân thành phố",
      "Chủ tịch Ủy ban nhân dân thành phố quyết định khen thưởng; kết quả trả trực tuyến và bản giấy",
    ],
    basis: [...EMULATION_LAW, ONE_STOP_DECREE],
    onlineLevel: "full",
  },
  {
    code: "2.000346.000.00.00.H12",
    name: "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích thi đua theo đợt, chuyên đề",
    sector: "emulation",
    level: "xa",
    processingTime: "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    place: COMMUNE_CENTRE,
    requirements: ["Tờ trình đề nghị khen thưởng", "Báo cáo tóm tắt thành tích của tập thể, cá nhân"],
    steps: [
      "Nộp hồ sơ trực tuyến hoặc tại Trung tâm Phục vụ hành chính công cấp xã",
      "Công chức phụ trách thi đua, khen thưởng thẩm định, trình Chủ tịch Ủy ban nhân dân cấp xã",
      "Trả quyết định khen thưởng và Giấy khen",
    ],
    basis: [...EMULATION_LAW, ONE_STOP_DECREE],
    onlineLevel: "full",
  },
  {
    code: "1.001090.000.00.00.H12",
    name: "Đăng ký hoạt động tín ngưỡng",
    sector: "belief",
    level: "xa",
    processingTime: "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
    place: COMMUNE_CENTRE,
    requirements: [
      "Văn bản đăng ký hoạt động tín ngưỡng (nêu tên cơ sở, loại hình, nội dung, quy mô, thời gian hoạt động)",
      "Danh sách người đại diện hoặc ban quản lý cơ sở tín ngưỡng",
    ],
    steps: [
      "Người đại diện cơ sở tín ngưỡng nộp hồ sơ trước ngày 15 tháng 10 hằng năm",
      "Ủy ban nhân dân cấp xã xem xét; trường hợp từ chối phải trả lời bằng văn bản, nêu rõ lý do",
    ],
    basis: ["02/2016/QH14", "95/2023/NĐ-CP", ONE_STOP_DECREE],
    onlineLevel: "partial",
  },
  {
    code: "1.000945",
    name: "Tặng Bằng khen của Thủ tướng Chính phủ",
    sector: "emulation",
    level: "trung-uong",
    processingTime: "30 ngày làm việc tại Bộ Nội vụ và 20 ngày làm việc tại Văn phòng Chính phủ",
    place: `${PROVINCE_CENTRE} (Ủy ban nhân dân thành phố trình Thủ tướng Chính phủ qua Bộ Nội vụ)`,
    requirements: ["Tờ trình của Ủy ban nhân dân thành phố", "Báo cáo thành tích có xác nhận của cấp trình khen", "Biên bản họp và kết quả bỏ phiếu của Hội đồng thi đua, khen thưởng thành phố"],
    steps: ["Sở Nội vụ tiếp nhận, thẩm định hồ sơ của các cơ quan, địa phương", "Ủy ban nhân dân thành phố trình Bộ Nội vụ", "Bộ Nội vụ thẩm định, trình Thủ tướng Chính phủ quyết định"],
    basis: [...EMULATION_LAW],
    onlineLevel: "none",
  },
];

async function sectorId(db: Db, name: string): Promise<number> {
  const slug = slugify(name);
  const found = await db.sector.findUnique({ where: { slug }, select: { id: true } });
  return (found ?? (await db.sector.create({ data: { name, slug, position: 50 }, select: { id: true } }))).id;
}

/** The seeded procedures, each linked to the legal documents of its basis that the documents seed has. */
export async function seedProcedures(db: Db): Promise<void> {
  const documents = await db.legalDocument.findMany({
    where: { deletedAt: null },
    select: { id: true, number: true, title: true },
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
  });
  const byNumber = new Map(documents.map((d) => [d.number, d.id]));
  // The newest regulation: an older one it replaced may be seeded too.
  const oneStop = documents.find((d) => /quy che.*mot cua/.test(fold(d.title)));
  for (const p of SEED_PROCEDURES) {
    if (await db.procedure.findFirst({ where: { code: p.code, deletedAt: null }, select: { id: true } })) continue;
    const name = SECTORS[p.sector];
    const slug = await uniqueSlug(p.name, async (s) => Boolean(await db.procedure.findUnique({ where: { slug: s }, select: { id: true } })));
    const basis = [...new Set([...p.basis.flatMap((n) => (byNumber.has(n) ? [byNumber.get(n)!] : [])), ...(oneStop ? [oneStop.id] : [])])];
    await db.procedure.create({
      data: {
        code: p.code,
        name: p.name,
        slug,
        sectorId: await sectorId(db, name),
        level: p.level,
        processingTime: p.processingTime,
        fee: "Không",
        place: p.place,
        requirements: procedureHtml(p.requirements.join("\n"), false),
        steps: procedureHtml(p.steps.join("\n"), true),
        onlineUrl: p.onlineLevel === "none" ? "" : PORTAL(p.code.split(".").slice(0, 2).join(".")),
        onlineLevel: p.onlineLevel,
        status: "published",
        publishedAt: PUBLISHED_AT,
        searchText: procedureSearchText(p, name),
        origin: "seed",
        legalBasis: { create: basis.map((documentId, position) => ({ documentId, position })) },
      },
    });
  }
}
