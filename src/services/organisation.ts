import type { PrismaClient } from "../db.js";
import { htmlToText } from "../lib/html-text.js";
import { photoView, type PhotoView } from "./media.js";
import { buildTree, type TreeNode } from "./organisation-tree.js";
import { telHref } from "./settings.js";
import { TAXONOMY_PATHS } from "./taxonomy.js";

// What the organisation page (/gioi-thieu/co-cau-to-chuc), its English twin and a unit's own page
// (/don-vi/:slug) show: the listed units as a tree, and the leaders in the office's order.

const SUMMARY_MAX = 220;

type UnitRow = Awaited<ReturnType<PrismaClient["department"]["findMany"]>>[number];

/** A phone and an e-mail as the pages link them (tel: with the country code). */
export interface ContactView {
  phone: string;
  phoneHref: string;
  email: string;
}

export const contactOf = (row: { phone: string; email: string }): ContactView => ({
  phone: row.phone,
  phoneHref: row.phone ? telHref(row.phone) : "",
  email: row.email,
});

export interface UnitView extends ContactView {
  id: number;
  name: string;
  nameEn: string;
  kind: string;
  organization: string;
  duties: string;
  dutiesEn: string;
  /** Plain text of the duties, cut at a word, for the chart's boxes. */
  summary: string;
  summaryEn: string;
  address: string;
  /** The unit's page with its articles. */
  url: string;
  /** Its box on the chart. */
  anchor: string;
  children: UnitView[];
}

/** A person as the chart and the directory name them. */
export interface PersonView extends ContactView {
  id: number;
  name: string;
  position: string;
  positionEn: string;
  unitName: string;
  unitNameEn: string;
}

export interface LeaderView extends PersonView {
  photo: PhotoView | null;
  /** Paragraphs of the short biography. */
  bio: string[];
  bioEn: string[];
}

/** Text cut at a word with an ellipsis. */
export function clipText(text: string, max = SUMMARY_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}

export const paragraphsOf = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export function unitView(unit: UnitRow, children: UnitView[] = []): UnitView {
  return {
    id: unit.id,
    name: unit.name,
    nameEn: unit.nameEn,
    kind: unit.kind,
    organization: unit.organization,
    duties: unit.duties,
    dutiesEn: unit.dutiesEn,
    summary: clipText(htmlToText(unit.duties)),
    summaryEn: clipText(htmlToText(unit.dutiesEn)),
    address: unit.address,
    ...contactOf(unit),
    url: `${TAXONOMY_PATHS.department}/${unit.slug}`,
    anchor: `don-vi-${unit.slug}`,
    children,
  };
}

/**
 * The chart: listed units only (a listed unit under an unlisted one moves up to the nearest listed
 * ancestor). When there is a single office at the top, units without a parent (the departments of a
 * site from before units had parents) are drawn under it, after its own units.
 */
export function chartOf(units: UnitRow[]): UnitView[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const nearestListed = (parentId: number | null): number | null => {
    const seen = new Set<number>();
    let id = parentId;
    while (id !== null && !seen.has(id)) {
      seen.add(id);
      const parent = byId.get(id);
      if (!parent) return null;
      if (parent.listed) return id;
      id = parent.parentId;
    }
    return null;
  };
  const shown = units.filter((u) => u.listed).map((u) => ({ ...u, parentId: nearestListed(u.parentId) }));
  const toView = (node: TreeNode<UnitRow>): UnitView => unitView(node.item, node.children.map(toView));
  const roots = buildTree(shown).map(toView);
  const offices = roots.filter((r) => r.kind === "office");
  if (offices.length !== 1 || roots.length === 1) return roots;
  const office = offices[0]!;
  return [{ ...office, children: [...office.children, ...roots.filter((r) => r !== office)] }];
}

interface PersonRow {
  id: number;
  name: string;
  position: string;
  positionEn: string;
  phone: string;
  email: string;
  unit: { name: string; nameEn: string } | null;
}

export const personViewOf = (p: PersonRow): PersonView => ({
  id: p.id,
  name: p.name,
  position: p.position,
  positionEn: p.positionEn,
  unitName: p.unit?.name ?? "",
  unitNameEn: p.unit?.nameEn ?? "",
  ...contactOf(p),
});

function leaderView(p: PersonRow & { bio: string; bioEn: string; photo: Parameters<typeof photoView>[0] | null }): LeaderView {
  return { ...personViewOf(p), photo: p.photo ? photoView(p.photo) : null, bio: paragraphsOf(p.bio), bioEn: paragraphsOf(p.bioEn) };
}

export interface Organisation {
  chart: UnitView[];
  leaders: LeaderView[];
  /** Whether any listed unit has an English name: the English organisation page exists only then. */
  hasEnglish: boolean;
}

export async function loadOrganisation(prisma: PrismaClient): Promise<Organisation> {
  const [units, leaders] = await Promise.all([
    prisma.department.findMany(),
    prisma.person.findMany({
      where: { leader: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      include: { unit: { select: { name: true, nameEn: true } }, photo: true },
    }),
  ]);
  return {
    chart: chartOf(units),
    leaders: leaders.map(leaderView),
    hasEnglish: units.some((u) => u.listed && u.nameEn.trim() !== ""),
  };
}

/** A unit's details for the top of its article listing (/don-vi/:slug), with its parent's name. */
export async function unitDetails(prisma: PrismaClient, slug: string) {
  const unit = await prisma.department.findUnique({ where: { slug }, include: { parent: true } });
  if (!unit) return null;
  const view = unitView(unit);
  const hasDetails = Boolean(view.duties || view.address || view.phone || view.email);
  return { ...view, parent: unit.parent ? unitView(unit.parent) : null, hasDetails, listed: unit.listed };
}
