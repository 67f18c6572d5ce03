import type { PrismaClient } from "../db.js";
import { notFound } from "../errors.js";
import { htmlToText } from "../lib/html-text.js";
import { ancestry, buildTree, type TreeNode } from "./organisation-tree.js";
import { clipText } from "./organisation.js";
import { englishUrl, introUrl, ORGANISATION_SLUG } from "./intro-pages.js";

// The public side of the introduction pages: which pages readers see (published, under published
// parents), the section menu, breadcrumbs, and the English pages (those with an English title).

export const DIRECTORY_PATH = "/danh-ba";

export interface IntroRow {
  id: number;
  parentId: number | null;
  position: number;
  title: string;
  slug: string;
  body: string;
  titleEn: string;
  slugEn: string | null;
  bodyEn: string;
  inMenu: boolean;
  updatedAt: Date;
}

export interface MenuItem {
  title: string;
  url: string;
  current: boolean;
  children: MenuItem[];
}

/** The published pages whose parents are all published, in the tree's order. */
export async function loadIntroRows(prisma: PrismaClient): Promise<IntroRow[]> {
  const all = await prisma.introPage.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
  return all.filter((page) => ancestry(all, page.id).every((p) => p.status === "published"));
}

/** The Vietnamese section menu: pages marked for it, the organisation page (where it sits, or last) and the directory. */
export function introMenu(rows: IntroRow[], currentPath: string): MenuItem[] {
  const toItem = (node: TreeNode<IntroRow>): MenuItem => {
    const url = introUrl(node.item.slug);
    return { title: node.item.title, url, current: url === currentPath, children: node.children.map(toItem) };
  };
  const items = buildTree(rows.filter((r) => r.inMenu)).map(toItem);
  const extra = (title: string, url: string): MenuItem => ({ title, url, current: url === currentPath, children: [] });
  const hasOrganisation = rows.some((r) => r.slug === ORGANISATION_SLUG && r.inMenu);
  return [
    ...items,
    ...(hasOrganisation ? [] : [extra("Cơ cấu tổ chức", introUrl(ORGANISATION_SLUG))]),
    extra("Danh bạ liên hệ", DIRECTORY_PATH),
  ];
}

/** The index page: every page of the menu with a line of its text. */
export function introIndex(rows: IntroRow[]) {
  const toEntry = (node: TreeNode<IntroRow>): { title: string; url: string; summary: string; children: unknown[] } => ({
    title: node.item.title,
    url: introUrl(node.item.slug),
    summary: clipText(htmlToText(node.item.body), 200),
    children: node.children.map(toEntry),
  });
  return buildTree(rows.filter((r) => r.inMenu)).map(toEntry);
}

/** One page with its breadcrumb (the pages above it). */
export function introPageOf(rows: IntroRow[], slug: string) {
  const page = rows.find((r) => r.slug === slug);
  if (!page) throw notFound("Không tìm thấy trang giới thiệu này.");
  const trail = ancestry(rows, page.id).slice(0, -1).map((p) => ({ title: p.title, url: introUrl(p.slug) }));
  return { page, trail, description: htmlToText(page.body) };
}

/** Pages with an English text, in the tree's order (a page without one lets its children up a level). */
export function englishRows(rows: IntroRow[]): IntroRow[] {
  return rows.filter((r) => r.titleEn.trim() !== "" && r.slugEn !== null);
}

/** The English section menu (pages marked for the menu; the organisation and contact pages are added by the caller). */
export function englishMenu(rows: IntroRow[], currentPath: string): MenuItem[] {
  const toItem = (node: TreeNode<IntroRow>): MenuItem => {
    const url = englishUrl(node.item.slugEn!);
    return { title: node.item.titleEn, url, current: url === currentPath, children: node.children.map(toItem) };
  };
  return buildTree(englishRows(rows).filter((r) => r.inMenu && r.slug !== ORGANISATION_SLUG)).map(toItem);
}
