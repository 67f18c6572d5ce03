import crypto from "node:crypto";
import type { PrismaClient } from "../../src/db.js";
import { procedureSearchText } from "../../src/services/procedures.js";
import { buildDocument, buildDocumentLists } from "./documents.js";

// Factories for the procedures tests: sectors, legal documents (with their own type and issuer)
// and procedures, each with unique values.

const unique = () => crypto.randomBytes(4).toString("hex");

export async function buildSector(prisma: PrismaClient, data: { name?: string; slug?: string } = {}) {
  const id = unique();
  return prisma.sector.create({ data: { name: data.name ?? `Lĩnh vực ${id}`, slug: data.slug ?? `linh-vuc-${id}`, position: 100 } });
}

/** A published document with its own type and issuer (documents' factories), for a legal basis. */
export async function buildLegalDocument(
  prisma: PrismaClient,
  data: { number?: string; title?: string; status?: "draft" | "published"; deletedAt?: Date | null; slug?: string } = {},
) {
  const id = unique();
  const { type, issuer } = await buildDocumentLists(prisma);
  return buildDocument(prisma, {
    number: data.number ?? `${Number.parseInt(id.slice(0, 4), 16)}/2025/QĐ-UBND`,
    title: data.title ?? `Về việc ban hành quy chế ${id}`,
    slug: data.slug ?? `van-ban-${id}`,
    typeId: type.id,
    issuerId: issuer.id,
    issuedOn: "2025-03-01",
    status: data.status ?? "published",
    publishedAt: new Date(),
    deletedAt: data.deletedAt ?? null,
  });
}

export interface ProcedureOverrides {
  code?: string;
  name?: string;
  slug?: string;
  sectorId?: number | null;
  level?: string;
  processingTime?: string;
  fee?: string;
  place?: string;
  requirements?: string;
  steps?: string;
  onlineUrl?: string;
  onlineLevel?: string;
  status?: string;
  createdById?: number | null;
  deletedAt?: Date | null;
  publishedAt?: Date | null;
}

/** A published procedure at province level unless told otherwise, its searchText as the service makes it. */
export async function buildProcedure(prisma: PrismaClient, data: ProcedureOverrides = {}) {
  const id = unique();
  const code = data.code ?? `9.${Number.parseInt(id, 16)}.000.00.00.H12`;
  const name = data.name ?? `Thủ tục thử ${id}`;
  const place = data.place ?? "Trung tâm Phục vụ hành chính công thành phố Cần Thơ";
  const sector = data.sectorId ? await prisma.sector.findUnique({ where: { id: data.sectorId } }) : null;
  const status = data.status ?? "published";
  return prisma.procedure.create({
    data: {
      code,
      name,
      slug: data.slug ?? `thu-tuc-thu-${id}`,
      sectorId: data.sectorId ?? null,
      level: data.level ?? "tinh",
      processingTime: data.processingTime ?? "10 ngày làm việc",
      fee: data.fee ?? "Không",
      place,
      requirements: data.requirements ?? "<ul><li>Tờ trình</li></ul>",
      steps: data.steps ?? "<ol><li>Nộp hồ sơ</li></ol>",
      onlineUrl: data.onlineUrl ?? "",
      onlineLevel: data.onlineLevel ?? "none",
      status,
      publishedAt: data.publishedAt === undefined ? (status === "published" ? new Date() : null) : data.publishedAt,
      searchText: procedureSearchText({ code, name, place }, sector?.name ?? null),
      createdById: data.createdById ?? null,
      deletedAt: data.deletedAt ?? null,
    },
  });
}

/** A valid procedure form as a browser posts it (strings only). */
export function procedureForm(csrf: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _csrf: csrf,
    code: `1.${Number.parseInt(unique(), 16)}.000.00.00.H12`,
    name: "Thủ tục thẩm định việc thành lập đơn vị sự nghiệp công lập",
    fieldId: "",
    level: "tinh",
    processingTime: "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    fee: "Không",
    place: "Trung tâm Phục vụ hành chính công thành phố Cần Thơ",
    requirements: "Tờ trình đề nghị thành lập\nĐề án thành lập",
    steps: "Nộp hồ sơ\nThẩm định\nTrả kết quả",
    onlineUrl: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.009318",
    onlineLevel: "partial",
    status: "draft",
    ...overrides,
  };
}

/** The id in a redirect to a procedure's edit page. */
export function procedureIdFrom(location: string | undefined): number {
  const match = /\/admin\/procedures\/(\d+)\/edit/.exec(location ?? "");
  if (!match) throw new Error(`not a procedure edit page: ${location}`);
  return Number(match[1]);
}
