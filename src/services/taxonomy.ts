import type { Db, PrismaClient } from "../db.js";
import { conflict, HttpError, notFound } from "../errors.js";
import { slugify, uniqueSlug } from "../lib/slug.js";
import { recordAudit, type Actor } from "./audit.js";
import { refreshProcedureSearchText } from "./procedures-admin.js";

// Categories, departments and authors (the articles' lists) and the state-portal sections' lists
// (document types, issuing bodies, fields) share a shape (name, slug, position) and their rules.
export type ArticleTaxonomyKind = "category" | "department" | "author";
export type SectionTaxonomyKind = "documentType" | "documentIssuer" | "sector";
export type TaxonomyKind = ArticleTaxonomyKind | SectionTaxonomyKind;
export const TAXONOMY_KINDS: readonly TaxonomyKind[] = ["category", "department", "author", "documentType", "documentIssuer", "sector"];

export interface TaxonomyEntry {
  id: number;
  name: string;
  slug: string;
  position: number;
}

/** A full row: each kind has one extra field. */
export interface TaxonomyRow extends TaxonomyEntry {
  description?: string;
  organization?: string;
  departmentId?: number | null;
}

export interface TaxonomyInput {
  name: string;
  /** Blank: made from the name. */
  slug: string;
  description?: string;
  organization?: string;
  departmentId?: number | null;
}

/** The article kinds have their own public listing pages, /chuyen-muc/:slug and the like. */
export const TAXONOMY_PATHS: Record<ArticleTaxonomyKind, string> = {
  category: "/chuyen-muc",
  department: "/don-vi",
  author: "/tac-gia",
};

/** The section kinds are filters of the document list (/van-ban?loai=…); fields filter procedures too. */
const SECTION_FILTERS: Record<SectionTaxonomyKind, string> = {
  documentType: "/van-ban?loai=",
  documentIssuer: "/van-ban?co-quan=",
  sector: "/van-ban?linh-vuc=",
};

export const isArticleKind = (kind: TaxonomyKind): kind is ArticleTaxonomyKind => kind in TAXONOMY_PATHS;

/** Where readers see what an entry holds. */
export function entryPublicUrl(kind: TaxonomyKind, slug: string): string {
  return isArticleKind(kind) ? `${TAXONOMY_PATHS[kind]}/${slug}` : `${SECTION_FILTERS[kind]}${slug}`;
}

export const TAXONOMY_LABELS: Record<TaxonomyKind, string> = {
  category: "Chuyên mục",
  department: "Đơn vị",
  author: "Tác giả",
  documentType: "Loại văn bản",
  documentIssuer: "Cơ quan ban hành",
  sector: "Lĩnh vực",
};

/** Where each kind is managed in the panel. */
export const TAXONOMY_ADMIN_PATHS: Record<TaxonomyKind, string> = {
  category: "/admin/categories",
  department: "/admin/departments",
  author: "/admin/authors",
  documentType: "/admin/document-types",
  documentIssuer: "/admin/document-issuers",
  sector: "/admin/sectors",
};

type RowData = Omit<TaxonomyRow, "id">;

/** The Prisma delegate of a kind, typed to what the shared rules use. */
export function delegate(prisma: Pick<Db, "category" | "department" | "author" | "documentType" | "documentIssuer" | "sector">, kind: TaxonomyKind) {
  const byKind = {
    category: prisma.category,
    department: prisma.department,
    author: prisma.author,
    documentType: prisma.documentType,
    documentIssuer: prisma.documentIssuer,
    sector: prisma.sector,
  };
  return byKind[kind] as unknown as {
    findUnique(args: { where: { slug: string } | { id: number } }): Promise<TaxonomyRow | null>;
    findFirst(args: { where: object; orderBy?: object[]; select?: object }): Promise<TaxonomyRow | null>;
    findMany(args: { orderBy: object[] }): Promise<TaxonomyRow[]>;
    create(args: { data: RowData }): Promise<TaxonomyRow>;
    update(args: { where: { id: number }; data: Partial<RowData> }): Promise<TaxonomyRow>;
    delete(args: { where: { id: number } }): Promise<TaxonomyRow>;
  };
}

const noun = (kind: TaxonomyKind) => TAXONOMY_LABELS[kind].toLowerCase();

export async function listEntries(prisma: PrismaClient, kind: TaxonomyKind): Promise<TaxonomyRow[]> {
  return delegate(prisma, kind).findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
}

export async function findEntryBySlug(prisma: PrismaClient, kind: TaxonomyKind, slug: string): Promise<TaxonomyEntry> {
  const entry = await delegate(prisma, kind).findUnique({ where: { slug } });
  if (!entry) throw notFound(`Không tìm thấy ${noun(kind)} này.`);
  return entry;
}

export async function getEntry(prisma: Db, kind: TaxonomyKind, id: number): Promise<TaxonomyRow> {
  const entry = await delegate(prisma, kind).findUnique({ where: { id } });
  if (!entry) throw notFound(`Không tìm thấy ${noun(kind)} này.`);
  return entry;
}

/** The article filter for one entry of a kind. */
export function articlesOf(kind: ArticleTaxonomyKind, id: number) {
  return kind === "category" ? { categoryId: id } : kind === "department" ? { departmentId: id } : { authorId: id };
}

/** What points at entries: articles, authors (of a department), documents, procedures (of a field). */
export interface EntryUsage {
  articles: number;
  authors: number;
  documents: number;
  procedures: number;
}

const USAGE_NOUNS: [keyof EntryUsage, string][] = [
  ["articles", "bài viết"],
  ["authors", "tác giả"],
  ["documents", "văn bản"],
  ["procedures", "thủ tục hành chính"],
];

/** "2 bài viết và 1 tác giả"; "" when nothing uses the entry. */
export function describeUsage(usage: EntryUsage): string {
  return USAGE_NOUNS.filter(([key]) => usage[key])
    .map(([key, noun]) => `${usage[key]} ${noun}`)
    .join(" và ");
}

/** The column of the list page: what each kind counts. */
export const USAGE_COLUMN: Record<TaxonomyKind, { label: string; count: (u: EntryUsage) => number }> = {
  category: { label: "Bài viết", count: (u) => u.articles },
  department: { label: "Bài viết", count: (u) => u.articles },
  author: { label: "Bài viết", count: (u) => u.articles },
  documentType: { label: "Văn bản", count: (u) => u.documents },
  documentIssuer: { label: "Văn bản", count: (u) => u.documents },
  sector: { label: "Văn bản, thủ tục", count: (u) => u.documents + u.procedures },
};

/** What still points at an entry, in the trash too (trashed rows keep their links). */
export async function entryUsage(prisma: Db, kind: TaxonomyKind, id: number): Promise<EntryUsage> {
  const none = Promise.resolve(0);
  const [articles, authors, documents, procedures] = await Promise.all([
    isArticleKind(kind) ? prisma.article.count({ where: articlesOf(kind, id) }) : none,
    kind === "department" ? prisma.author.count({ where: { departmentId: id } }) : none,
    kind === "documentType"
      ? prisma.legalDocument.count({ where: { typeId: id } })
      : kind === "documentIssuer"
        ? prisma.legalDocument.count({ where: { issuerId: id } })
        : kind === "sector"
          ? prisma.legalDocument.count({ where: { sectorId: id } })
          : none,
    kind === "sector" ? prisma.procedure.count({ where: { sectorId: id } }) : none,
  ]);
  return { articles, authors, documents, procedures };
}

/** The list page: entries in order with what uses each; authors with their department's name. */
export async function listEntriesForAdmin(prisma: PrismaClient, kind: TaxonomyKind) {
  const rows = await listEntries(prisma, kind);
  const departments = kind === "author" ? await listEntries(prisma, "department") : [];
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      usage: await entryUsage(prisma, kind, row.id),
      publicUrl: entryPublicUrl(kind, row.slug),
      departmentName: departments.find((d) => d.id === row.departmentId)?.name ?? "",
    })),
  );
}

function extraData(kind: TaxonomyKind, input: TaxonomyInput): Partial<RowData> {
  if (kind === "category") return { description: input.description ?? "" };
  if (kind === "department") return { organization: input.organization ?? "" };
  if (kind === "author") return { departmentId: input.departmentId ?? null };
  return {};
}

// An explicit slug is the editor's choice: a clash is their mistake to fix (422), not renamed silently.
async function chooseSlug(prisma: Db, kind: TaxonomyKind, input: TaxonomyInput, selfId?: number): Promise<string> {
  const d = delegate(prisma, kind);
  const taken = async (slug: string) => {
    const found = await d.findUnique({ where: { slug } });
    return Boolean(found && found.id !== selfId);
  };
  if (!input.slug.trim()) return uniqueSlug(input.name, taken);
  const slug = slugify(input.slug);
  if (!slug) throw new HttpError(422, "Đường dẫn không hợp lệ.", { slug: "Đường dẫn cần có chữ cái hoặc chữ số." });
  if (await taken(slug)) {
    const message = `Đường dẫn “${slug}” đã được dùng cho ${noun(kind)} khác.`;
    throw new HttpError(422, message, { slug: message });
  }
  return slug;
}

async function assertDepartmentExists(prisma: Db, kind: TaxonomyKind, input: TaxonomyInput): Promise<void> {
  if (kind !== "author" || !input.departmentId) return;
  if (!(await prisma.department.findUnique({ where: { id: input.departmentId } }))) {
    throw new HttpError(422, "Đơn vị không tồn tại.", { departmentId: "Đơn vị đã chọn không tồn tại." });
  }
}

// Each write (checks, row, audit entry) is one transaction; the routes clear caches after it.
export async function createEntry(prisma: PrismaClient, actor: Actor, kind: TaxonomyKind, input: TaxonomyInput) {
  return prisma.$transaction(async (tx) => {
    await assertDepartmentExists(tx, kind, input);
    const d = delegate(tx, kind);
    const last = await d.findFirst({ where: {}, orderBy: [{ position: "desc" }] });
    const data = { name: input.name, slug: await chooseSlug(tx, kind, input), position: (last?.position ?? -1) + 1, ...extraData(kind, input) };
    const entry = await d.create({ data });
    await recordAudit(tx, { ...actor, action: `${kind}.create`, target: entry.name, detail: entry.slug });
    return entry;
  });
}

export async function updateEntry(prisma: PrismaClient, actor: Actor, kind: TaxonomyKind, id: number, input: TaxonomyInput) {
  return prisma.$transaction(async (tx) => {
    const before = await getEntry(tx, kind, id);
    await assertDepartmentExists(tx, kind, input);
    const slug = await chooseSlug(tx, kind, input, id);
    const entry = await delegate(tx, kind).update({ where: { id }, data: { name: input.name, slug, ...extraData(kind, input) } });
    // A field's name is part of each procedure's search text.
    if (kind === "sector" && before.name !== entry.name) await refreshProcedureSearchText(tx, id);
    const renamed = before.slug !== slug ? `${before.slug} → ${slug}` : slug;
    await recordAudit(tx, { ...actor, action: `${kind}.update`, target: entry.name, detail: renamed });
    return entry;
  });
}

/** Swaps an entry with its neighbour and renumbers the list 0, 1, 2, … so equal positions never stall a move. */
export async function moveEntry(prisma: PrismaClient, actor: Actor, kind: TaxonomyKind, id: number, direction: "up" | "down") {
  const list = await listEntries(prisma, kind);
  const index = list.findIndex((e) => e.id === id);
  if (index < 0) throw notFound(`Không tìm thấy ${noun(kind)} này.`);
  const other = direction === "up" ? index - 1 : index + 1;
  if (other < 0 || other >= list.length) return list[index]!;
  [list[index], list[other]] = [list[other]!, list[index]!];
  await prisma.$transaction(async (tx) => {
    for (const [position, entry] of list.entries()) {
      if (entry.position !== position) await delegate(tx, kind).update({ where: { id: entry.id }, data: { position } });
    }
    const moved = list[other]!;
    await recordAudit(tx, { ...actor, action: `${kind}.move`, target: moved.name, detail: `${direction === "up" ? "lên" : "xuống"}, vị trí ${other + 1}` });
  });
  return list[other]!;
}

/** Why an entry cannot go yet, naming what still uses it. */
function stillUsed(kind: TaxonomyKind, entry: TaxonomyRow, usage: EntryUsage) {
  const them = USAGE_NOUNS.filter(([key]) => usage[key])
    .map(([, noun]) => `các ${noun}`)
    .join(" và ");
  const trash = isArticleKind(kind) ? "kể cả bài trong thùng rác" : "kể cả trong thùng rác";
  return conflict(
    `Không thể xoá ${noun(kind)} “${entry.name}”: ${describeUsage(usage)} đang dùng ${noun(kind)} này (${trash}). ` +
      `Hãy chuyển ${them} sang ${noun(kind)} khác trước.`,
  );
}

/** Deletes an entry nothing uses; otherwise says what still uses it (409). */
export async function deleteEntry(prisma: PrismaClient, actor: Actor, kind: TaxonomyKind, id: number) {
  return prisma.$transaction(async (tx) => {
    const entry = await getEntry(tx, kind, id);
    const usage = await entryUsage(tx, kind, id);
    if (describeUsage(usage)) throw stillUsed(kind, entry, usage);
    await delegate(tx, kind).delete({ where: { id } });
    await recordAudit(tx, { ...actor, action: `${kind}.delete`, target: entry.name, detail: entry.slug });
    return entry;
  });
}
