import crypto from "node:crypto";
import type { PrismaClient } from "../../src/db.js";

const unique = () => crypto.randomBytes(4).toString("hex");

export async function buildCategory(prisma: PrismaClient, data: { name?: string; slug?: string; position?: number } = {}) {
  const id = unique();
  return prisma.category.create({
    data: { name: data.name ?? `Chuyên mục ${id}`, slug: data.slug ?? `chuyen-muc-${id}`, position: data.position ?? 100 },
  });
}

export async function buildDepartment(prisma: PrismaClient, data: { name?: string; slug?: string } = {}) {
  const id = unique();
  return prisma.department.create({ data: { name: data.name ?? `Đơn vị ${id}`, slug: data.slug ?? `don-vi-${id}` } });
}

export async function buildAuthor(prisma: PrismaClient, data: { name?: string; slug?: string; departmentId?: number } = {}) {
  const id = unique();
  return prisma.author.create({
    data: { name: data.name ?? `Tác giả ${id}`, slug: data.slug ?? `tac-gia-${id}`, departmentId: data.departmentId ?? null },
  });
}

export interface ArticleOverrides {
  title?: string;
  slug?: string;
  summary?: string;
  body?: string;
  status?: "draft" | "pending" | "published";
  publishedAt?: Date | null;
  featured?: boolean;
  ticker?: boolean;
  categoryId?: number;
  departmentId?: number | null;
  authorId?: number | null;
  createdById?: number | null;
  deletedAt?: Date | null;
}

/** A published article dated now unless told otherwise; a new category when none is given. */
export async function buildArticle(prisma: PrismaClient, data: ArticleOverrides = {}) {
  const id = unique();
  const categoryId = data.categoryId ?? (await buildCategory(prisma)).id;
  return prisma.article.create({
    data: {
      title: data.title ?? `Bài viết thử ${id}`,
      slug: data.slug ?? `bai-viet-thu-${id}`,
      summary: data.summary ?? "Tóm tắt bài viết thử.",
      body: data.body ?? "<p>Nội dung bài viết thử.</p>",
      status: data.status ?? "published",
      publishedAt: data.publishedAt === undefined ? new Date() : data.publishedAt,
      featured: data.featured ?? false,
      ticker: data.ticker ?? false,
      categoryId,
      departmentId: data.departmentId ?? null,
      authorId: data.authorId ?? null,
      createdById: data.createdById ?? null,
      deletedAt: data.deletedAt ?? null,
    },
  });
}
