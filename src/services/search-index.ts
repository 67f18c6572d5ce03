import type { PrismaClient } from "../db.js";

/**
 * Keeps the search index in step with one article: indexed when it may be public, removed otherwise.
 * Every write to an article (create, edit, publish, unpublish, trash, restore, delete) calls it.
 * Filled in by the search issue (FTS5 over folded text).
 */
export async function reindexArticle(_prisma: PrismaClient, _articleId: number): Promise<void> {}
