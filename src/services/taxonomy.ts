import type { PrismaClient } from "../db.js";
import { notFound } from "../errors.js";

// Categories, departments and authors share a shape (name, slug, position) and their rules.
export type TaxonomyKind = "category" | "department" | "author";

export interface TaxonomyEntry {
  id: number;
  name: string;
  slug: string;
  position: number;
}

export const TAXONOMY_PATHS: Record<TaxonomyKind, string> = {
  category: "/chuyen-muc",
  department: "/don-vi",
  author: "/tac-gia",
};

export const TAXONOMY_LABELS: Record<TaxonomyKind, string> = {
  category: "Chuyên mục",
  department: "Đơn vị",
  author: "Tác giả",
};

/** The Prisma delegate of a kind, typed to what the shared rules use. */
export function delegate(prisma: PrismaClient, kind: TaxonomyKind) {
  const byKind = { category: prisma.category, department: prisma.department, author: prisma.author };
  return byKind[kind] as unknown as {
    findUnique(args: { where: { slug: string } | { id: number } }): Promise<TaxonomyEntry | null>;
    findMany(args: { orderBy: object[] }): Promise<TaxonomyEntry[]>;
  };
}

export async function listEntries(prisma: PrismaClient, kind: TaxonomyKind): Promise<TaxonomyEntry[]> {
  return delegate(prisma, kind).findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
}

export async function findEntryBySlug(prisma: PrismaClient, kind: TaxonomyKind, slug: string): Promise<TaxonomyEntry> {
  const entry = await delegate(prisma, kind).findUnique({ where: { slug } });
  if (!entry) throw notFound(`Không tìm thấy ${TAXONOMY_LABELS[kind].toLowerCase()} này.`);
  return entry;
}

/** The article filter for one entry of a kind. */
export function articlesOf(kind: TaxonomyKind, id: number) {
  return kind === "category" ? { categoryId: id } : kind === "department" ? { departmentId: id } : { authorId: id };
}
