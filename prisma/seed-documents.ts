import fs from "node:fs";
import path from "node:path";
import type { Db, PrismaClient } from "../src/db.js";
import { slugify } from "../src/lib/slug.js";
import { htmlToText } from "../src/lib/html-text.js";
import { addAttachmentRows, checkAttachment, withStoredFiles, type CheckedAttachment } from "../src/services/attachments.js";
import { documentSearchText, type LinkKind } from "../src/services/documents.js";
import type { FileStore } from "../src/services/file-store.js";
import { searchTextOf } from "../src/services/section-search.js";
import { delegate } from "../src/services/taxonomy.js";

// Demo legal documents (origin "seed") of the kind Phòng CCHC publishes: the central decrees on the
// one-stop shop, the city's one-stop regulation the ticker article announced (and the one that
// replaced it), the yearly reform plan, the PAR Index decision and a guiding letter. Numbers, days
// and signers look real but are demo content: check them against the official texts before a real
// office publishes them. The two PDFs are short illustrative extracts, each marked as such on the
// page; they were printed from the HTML beside them with
//   chromium --headless --no-pdf-header-footer --print-to-pdf=X.pdf X.html

const FILES = path.join(import.meta.dirname, "seed-files");

const TYPES = ["Quyết định", "Kế hoạch", "Công văn", "Nghị định", "Thông tư"];
const ISSUERS = ["UBND thành phố Cần Thơ", "Sở Nội vụ thành phố Cần Thơ", "Chính phủ", "Bộ Nội vụ"];
const SECTORS = ["Cải cách hành chính", "Kiểm soát thủ tục hành chính", "Tổ chức bộ máy", "Thi đua, khen thưởng"];

interface SeedDocument {
  key: string;
  number: string;
  title: string;
  type: string;
  issuer: string;
  sector: string;
  signer: string;
  issuedOn: string;
  effectiveOn?: string;
  expiresOn?: string;
  publishedAt: string;
  body?: string;
  file?: string;
  links?: [LinkKind, string][];
}

// In order of creation: the regulation in force comes before the one it replaced.
const DOCUMENTS: SeedDocument[] = [
  {
    key: "decree-118",
    number: "118/2025/NĐ-CP",
    title: "Về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia",
    type: "Nghị định",
    issuer: "Chính phủ",
    sector: "Kiểm soát thủ tục hành chính",
    signer: "Trần Hồng Hà",
    issuedOn: "2025-06-09",
    effectiveOn: "2025-07-01",
    publishedAt: "2025-06-12T02:00:00Z",
    links: [["replaces", "decree-61"]],
  },
  {
    key: "regulation-2019",
    number: "14/2019/QĐ-UBND",
    title: "Ban hành Quy chế thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính trên địa bàn thành phố Cần Thơ",
    type: "Quyết định",
    issuer: "UBND thành phố Cần Thơ",
    sector: "Kiểm soát thủ tục hành chính",
    signer: "Lê Quang Mạnh",
    issuedOn: "2019-06-28",
    effectiveOn: "2019-07-10",
    publishedAt: "2019-07-01T02:00:00Z",
    body:
      "<p><strong>Điều 1.</strong> Ban hành kèm theo Quyết định này Quy chế thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính trên địa bàn thành phố Cần Thơ.</p>" +
      "<p><strong>Điều 2.</strong> Quyết định này có hiệu lực kể từ ngày 10 tháng 7 năm 2019 và thay thế Quyết định số 22/2017/QĐ-UBND.</p>",
    file: "quy-che-mot-cua-14-2019-qd-ubnd.pdf",
    links: [["replaces", "regulation-2017"], ["related", "decree-61"]],
  },
  {
    key: "regulation-2017",
    number: "22/2017/QĐ-UBND",
    title: "Ban hành Quy chế thực hiện cơ chế một cửa, một cửa liên thông tại các cơ quan hành chính nhà nước trên địa bàn thành phố Cần Thơ",
    type: "Quyết định",
    issuer: "UBND thành phố Cần Thơ",
    sector: "Kiểm soát thủ tục hành chính",
    signer: "Võ Thành Thống",
    issuedOn: "2017-07-21",
    effectiveOn: "2017-08-01",
    expiresOn: "2019-07-10",
    publishedAt: "2017-07-31T02:00:00Z",
  },
  {
    key: "decree-61",
    number: "61/2018/NĐ-CP",
    title: "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
    type: "Nghị định",
    issuer: "Chính phủ",
    sector: "Kiểm soát thủ tục hành chính",
    signer: "Nguyễn Xuân Phúc",
    issuedOn: "2018-04-23",
    effectiveOn: "2018-06-21",
    expiresOn: "2025-07-01",
    publishedAt: "2018-04-25T02:00:00Z",
  },
  {
    key: "plan-2025",
    number: "18/KH-UBND",
    title: "Kế hoạch cải cách hành chính nhà nước thành phố Cần Thơ năm 2025",
    type: "Kế hoạch",
    issuer: "UBND thành phố Cần Thơ",
    sector: "Cải cách hành chính",
    signer: "Nguyễn Thực Hiện",
    issuedOn: "2025-01-20",
    publishedAt: "2025-01-22T02:00:00Z",
    file: "ke-hoach-cai-cach-hanh-chinh-2025.pdf",
    links: [["related", "par-index-2024"]],
  },
  {
    key: "par-index-2024",
    number: "512/QĐ-UBND",
    title: "Phê duyệt và công bố Chỉ số cải cách hành chính năm 2024 của các sở, ban, ngành thành phố và Ủy ban nhân dân quận, huyện",
    type: "Quyết định",
    issuer: "UBND thành phố Cần Thơ",
    sector: "Cải cách hành chính",
    signer: "Nguyễn Thực Hiện",
    issuedOn: "2025-03-05",
    publishedAt: "2025-03-07T02:00:00Z",
  },
  {
    key: "guidance-2024",
    number: "1235/SNV-CCHC",
    title: "Hướng dẫn tự đánh giá, chấm điểm xác định Chỉ số cải cách hành chính năm 2024",
    type: "Công văn",
    issuer: "Sở Nội vụ thành phố Cần Thơ",
    sector: "Cải cách hành chính",
    signer: "Trần Thị Xuân Mai",
    issuedOn: "2024-11-15",
    publishedAt: "2024-11-18T02:00:00Z",
    links: [["related", "par-index-2024"]],
  },
  {
    key: "emulation-decree",
    number: "98/2023/NĐ-CP",
    title: "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    type: "Nghị định",
    issuer: "Chính phủ",
    sector: "Thi đua, khen thưởng",
    signer: "Trần Lưu Quang",
    issuedOn: "2023-12-31",
    effectiveOn: "2024-01-01",
    publishedAt: "2024-01-05T02:00:00Z",
  },
];

/** An entry of a list by name: found by its slug (another seed may have made it), else created. */
async function entryId(db: Db, kind: "documentType" | "documentIssuer" | "sector", name: string, position: number): Promise<number> {
  const slug = slugify(name);
  const lists = delegate(db, kind);
  return ((await lists.findUnique({ where: { slug } })) ?? (await lists.create({ data: { name, slug, position } }))).id;
}

/**
 * The demo documents with their lists, links and two PDFs (checked and stored like uploads, their
 * text searchable). Files are stored before the transaction (the database file store cannot write
 * inside one on SQLite) and removed again if it fails. Does nothing when documents exist.
 */
export async function seedDocuments(prisma: PrismaClient, store: FileStore): Promise<void> {
  if ((await prisma.legalDocument.count()) > 0) return;
  const files = new Map<string, CheckedAttachment>();
  for (const doc of DOCUMENTS) {
    if (doc.file) files.set(doc.key, await checkAttachment(fs.readFileSync(path.join(FILES, doc.file)), doc.file));
  }
  // The searchable text of each PDF is that of the HTML it was printed from: reading it back from the
  // PDF (what an upload does) takes seconds a file here, too slow for a seed run before every test run.
  const texts = new Map<string, string>();
  for (const doc of DOCUMENTS) {
    if (!doc.file) continue;
    const html = fs.readFileSync(path.join(FILES, doc.file.replace(/\.pdf$/, ".html")), "utf8");
    texts.set(doc.key, searchTextOf(htmlToText(html.slice(html.indexOf("<body")))));
  }

  await withStoredFiles(store, [...files.values()], () =>
    prisma.$transaction(async (tx) => {
      const ids = new Map<string, number>();
      for (const doc of DOCUMENTS) {
        const row = await tx.legalDocument.create({
          data: {
            number: doc.number,
            title: doc.title,
            slug: slugify(`${doc.number} ${doc.title}`),
            typeId: await entryId(tx, "documentType", doc.type, TYPES.indexOf(doc.type)),
            issuerId: await entryId(tx, "documentIssuer", doc.issuer, ISSUERS.indexOf(doc.issuer)),
            sectorId: await entryId(tx, "sector", doc.sector, SECTORS.indexOf(doc.sector)),
            signer: doc.signer,
            issuedOn: doc.issuedOn,
            effectiveOn: doc.effectiveOn ?? null,
            expiresOn: doc.expiresOn ?? null,
            body: doc.body ?? "",
            status: "published",
            publishedAt: new Date(doc.publishedAt),
            searchText: documentSearchText(doc),
            fileText: texts.get(doc.key) ?? "",
            origin: "seed",
          },
        });
        ids.set(doc.key, row.id);
        const file = files.get(doc.key);
        if (file) await addAttachmentRows(tx, { type: "document", id: row.id }, [file], null);
      }
      for (const doc of DOCUMENTS) {
        for (const [kind, other] of doc.links ?? []) {
          await tx.documentLink.create({ data: { fromId: ids.get(doc.key)!, toId: ids.get(other)!, kind } });
        }
      }
      // Every list the form offers, the types without a seeded document included.
      for (const [position, name] of TYPES.entries()) await entryId(tx, "documentType", name, position);
    }),
  );
}
