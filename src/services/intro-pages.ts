import type { Db, PrismaClient } from "../db.js";
import { conflict, HttpError, notFound } from "../errors.js";
import { sanitizeArticleHtml } from "../lib/sanitize.js";
import { recordAudit, type Actor } from "./audit.js";
import { buildTree, checkParent, chooseSlug, flattenTree, nextPosition, parentChoices, reorderSiblings } from "./organisation-tree.js";

// Introduction pages (/gioi-thieu/:slug) in a tree, each with an optional English text (/en/:slugEn).
// The page whose slug is ORGANISATION_SLUG is the organisation page: its text heads the chart.

export const INTRO_BASE = "/gioi-thieu";
export const ORGANISATION_SLUG = "co-cau-to-chuc";
export const ENGLISH_ORGANISATION_SLUG = "organisation";
export const ENGLISH_CONTACT_SLUG = "contact";
/** English addresses of fixed pages (/en/organisation, /en/contact): no introduction page may take them. */
export const RESERVED_ENGLISH_SLUGS = [ENGLISH_ORGANISATION_SLUG, ENGLISH_CONTACT_SLUG] as const;

export const INTRO_STATUSES = ["draft", "published"] as const;
export type IntroStatus = (typeof INTRO_STATUSES)[number];

export interface IntroPageInput {
  parentId: number | null;
  title: string;
  /** Blank: made from the title. */
  slug: string;
  body: string;
  titleEn: string;
  /** Blank: made from the English title. */
  slugEn: string;
  bodyEn: string;
  inMenu: boolean;
  status: IntroStatus;
}

export const introUrl = (slug: string) => `${INTRO_BASE}/${slug}`;
export const englishUrl = (slugEn: string) => `/en/${slugEn}`;

const TREE_FIELDS = { id: true, parentId: true, position: true, title: true, slug: true, slugEn: true } as const;
const treeRows = (db: Db) => db.introPage.findMany({ select: TREE_FIELDS });

export async function getIntroPage(db: Db, id: number) {
  const page = await db.introPage.findUnique({ where: { id } });
  if (!page) throw notFound("Không tìm thấy trang giới thiệu này.");
  return page;
}

/** The admin list: the tree depth first, with each page's place among its siblings (for the move buttons). */
export async function listIntroPagesForAdmin(prisma: PrismaClient) {
  const pages = await prisma.introPage.findMany({
    select: { ...TREE_FIELDS, titleEn: true, inMenu: true, status: true, origin: true },
  });
  return flattenTree(buildTree(pages)).map(({ item, ...place }) => ({ ...item, ...place }));
}

export async function introParentChoices(prisma: PrismaClient, selfId: number | null) {
  return parentChoices(await treeRows(prisma), (p) => p.title, selfId);
}

async function englishSlug(rows: { id: number; slugEn: string | null }[], input: IntroPageInput, slug: string, selfId: number | null) {
  if (!input.titleEn) {
    if (input.bodyEn) {
      const message = "Trang có nội dung tiếng Anh cần có tiêu đề tiếng Anh (hoặc xoá nội dung tiếng Anh).";
      throw new HttpError(422, message, { titleEn: message });
    }
    return null;
  }
  // The organisation page's English twin is the English organisation chart.
  if (slug === ORGANISATION_SLUG) return ENGLISH_ORGANISATION_SLUG;
  return chooseSlug({
    typed: input.slugEn,
    fallback: input.titleEn,
    field: "slugEn",
    taken: async (s) => rows.some((r) => r.slugEn === s && r.id !== selfId),
    takenMessage: (s) => `Đường dẫn tiếng Anh “${s}” đã được dùng cho trang khác.`,
    reserved: RESERVED_ENGLISH_SLUGS,
  });
}

async function pageData(db: Db, input: IntroPageInput, selfId: number | null) {
  const rows = await treeRows(db);
  checkParent(rows, selfId, input.parentId, "Trang");
  const slug = await chooseSlug({
    typed: input.slug,
    fallback: input.title,
    field: "slug",
    taken: async (s) => rows.some((r) => r.slug === s && r.id !== selfId),
    takenMessage: (s) => `Đường dẫn “${s}” đã được dùng cho trang giới thiệu khác.`,
  });
  const slugEn = await englishSlug(rows, input, slug, selfId);
  const data = { ...input, slug, slugEn, body: sanitizeArticleHtml(input.body), bodyEn: sanitizeArticleHtml(input.bodyEn) };
  return { data, rows };
}

// Each write (checks, row, audit entry) is one transaction; the routes clear caches after it.
export async function createIntroPage(prisma: PrismaClient, actor: Actor, input: IntroPageInput) {
  return prisma.$transaction(async (tx) => {
    const { data, rows } = await pageData(tx, input, null);
    const page = await tx.introPage.create({ data: { ...data, position: nextPosition(rows, data.parentId) } });
    await recordAudit(tx, { ...actor, action: "intro.create", target: page.title, detail: page.slug });
    return page;
  });
}

export async function updateIntroPage(prisma: PrismaClient, actor: Actor, id: number, input: IntroPageInput) {
  return prisma.$transaction(async (tx) => {
    const before = await getIntroPage(tx, id);
    const { data, rows } = await pageData(tx, input, id);
    const position = before.parentId === data.parentId ? before.position : nextPosition(rows, data.parentId, id);
    const page = await tx.introPage.update({ where: { id }, data: { ...data, position } });
    const renamed = before.slug !== page.slug ? `${before.slug} → ${page.slug}` : page.slug;
    await recordAudit(tx, { ...actor, action: "intro.update", target: page.title, detail: renamed });
    return page;
  });
}

/** Up or down among the pages of the same parent (the menu's order). */
export async function moveIntroPage(prisma: PrismaClient, actor: Actor, id: number, direction: "up" | "down") {
  return prisma.$transaction(async (tx) => {
    const page = await getIntroPage(tx, id);
    const changes = reorderSiblings(await treeRows(tx), id, direction);
    for (const change of changes) await tx.introPage.update({ where: { id: change.id }, data: { position: change.position } });
    if (changes.length) await recordAudit(tx, { ...actor, action: "intro.move", target: page.title, detail: direction });
    return page;
  });
}

/** How many pages sit right under a page (it cannot be deleted while any do). */
export const countIntroChildren = (db: Db, id: number) => db.introPage.count({ where: { parentId: id } });

/** Only a page without pages under it can go (409 otherwise: its children would lose their place). */
export async function deleteIntroPage(prisma: PrismaClient, actor: Actor, id: number) {
  return prisma.$transaction(async (tx) => {
    const page = await getIntroPage(tx, id);
    const children = await countIntroChildren(tx, id);
    if (children) {
      throw conflict(`Không thể xoá trang “${page.title}”: còn ${children} trang con bên dưới. Hãy chuyển hoặc xoá các trang con trước.`);
    }
    await tx.introPage.delete({ where: { id } });
    await recordAudit(tx, { ...actor, action: "intro.delete", target: page.title, detail: page.slug });
    return page;
  });
}
