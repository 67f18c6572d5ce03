import { databaseKindOf, type PrismaClient } from "../../src/db.js";

/** What the search index holds (article id and folded title), read the way each database stores it. */
export async function indexRows(prisma: PrismaClient): Promise<{ id: number; title: string }[]> {
  const rows =
    databaseKindOf(prisma) === "postgresql"
      ? await prisma.$queryRaw<{ id: number; title: string }[]>`SELECT "articleId" AS id, "title" FROM "ArticleSearch"`
      : await prisma.$queryRaw<{ id: bigint; title: string }[]>`SELECT rowid AS id, "title" FROM "ArticleSearch"`;
  return rows.map((r) => ({ id: Number(r.id), title: r.title }));
}

export async function isIndexed(prisma: PrismaClient, id: number): Promise<boolean> {
  return (await indexRows(prisma)).some((r) => r.id === id);
}
