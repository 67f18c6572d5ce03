import type { Db, PrismaClient } from "../db.js";
import { conflict, notFound } from "../errors.js";
import { sanitizeArticleHtml } from "../lib/sanitize.js";
import { recordAudit, type Actor } from "./audit.js";
import { checkParent, chooseSlug, flattenTree, buildTree, nextPosition, parentChoices, reorderSiblings } from "./organisation-tree.js";
import { refreshPeopleOfUnit } from "./people.js";

// The organisation's units (the Department table: articles name the unit that wrote them, so the
// old departments are these units with their ids). Managed at /admin/departments.

export const UNIT_KINDS = ["office", "division", "attached"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  office: "Cơ quan (phòng)",
  division: "Bộ phận",
  attached: "Đơn vị trực thuộc",
};

export interface UnitInput {
  name: string;
  /** Blank: made from the name. */
  slug: string;
  organization: string;
  parentId: number | null;
  kind: UnitKind;
  duties: string;
  address: string;
  phone: string;
  email: string;
  nameEn: string;
  dutiesEn: string;
  listed: boolean;
}

const TREE_FIELDS = { id: true, parentId: true, position: true, name: true, slug: true } as const;
const treeRows = (db: Db) => db.department.findMany({ select: TREE_FIELDS });

export async function getUnit(prisma: Db, id: number) {
  const unit = await prisma.department.findUnique({ where: { id } });
  if (!unit) throw notFound("Không tìm thấy đơn vị này.");
  return unit;
}

/** What still points at a unit: articles (in the trash too), authors, people and units under it. */
export async function unitUsage(db: Db, id: number) {
  const [articles, authors, people, children] = await Promise.all([
    db.article.count({ where: { departmentId: id } }),
    db.author.count({ where: { departmentId: id } }),
    db.person.count({ where: { unitId: id } }),
    db.department.count({ where: { parentId: id } }),
  ]);
  return { articles, authors, people, children };
}

export type UnitUsage = Awaited<ReturnType<typeof unitUsage>>;

/** "2 bài viết và 1 cán bộ"; "" when nothing uses the unit. */
export function describeUnitUsage(usage: UnitUsage): string {
  const parts: [number, string][] = [
    [usage.articles, "bài viết"],
    [usage.authors, "tác giả"],
    [usage.people, "cán bộ"],
    [usage.children, "đơn vị cấp dưới"],
  ];
  return parts.flatMap(([n, noun]) => (n ? [`${n} ${noun}`] : [])).join(" và ");
}

/** The admin list: the tree depth first, with what uses each unit. */
export async function listUnitsForAdmin(prisma: PrismaClient) {
  const units = await prisma.department.findMany();
  return Promise.all(
    flattenTree(buildTree(units)).map(async ({ item, ...place }) => ({
      ...item,
      ...place,
      kindLabel: UNIT_KIND_LABELS[item.kind as UnitKind] ?? item.kind,
      usage: await unitUsage(prisma, item.id),
    })),
  );
}

/** The parents a unit may have: every unit but itself and those under it. */
export async function unitParentChoices(prisma: PrismaClient, selfId: number | null) {
  return parentChoices(await treeRows(prisma), (u) => u.name, selfId);
}

async function unitData(db: Db, input: UnitInput, selfId: number | null) {
  const rows = await treeRows(db);
  checkParent(rows, selfId, input.parentId, "Đơn vị");
  const slug = await chooseSlug({
    typed: input.slug,
    fallback: input.name,
    field: "slug",
    taken: async (s) => rows.some((r) => r.slug === s && r.id !== selfId),
    takenMessage: (s) => `Đường dẫn “${s}” đã được dùng cho đơn vị khác.`,
  });
  const { slug: _typed, ...fields } = input;
  return { ...fields, slug, duties: sanitizeArticleHtml(input.duties), dutiesEn: sanitizeArticleHtml(input.dutiesEn), rows };
}

// Each write (checks, row, people's search text, audit entry) is one transaction; the routes clear caches after it.
export async function createUnit(prisma: PrismaClient, actor: Actor, input: UnitInput) {
  return prisma.$transaction(async (tx) => {
    const { rows, ...data } = await unitData(tx, input, null);
    const unit = await tx.department.create({ data: { ...data, position: nextPosition(rows, data.parentId) } });
    await recordAudit(tx, { ...actor, action: "department.create", target: unit.name, detail: unit.slug });
    return unit;
  });
}

export async function updateUnit(prisma: PrismaClient, actor: Actor, id: number, input: UnitInput) {
  return prisma.$transaction(async (tx) => {
    const before = await getUnit(tx, id);
    const { rows, ...data } = await unitData(tx, input, id);
    // A unit moved under another parent goes to the end of its new siblings.
    const position = before.parentId === data.parentId ? before.position : nextPosition(rows, data.parentId, id);
    const unit = await tx.department.update({ where: { id }, data: { ...data, position } });
    // People are found in the directory by their unit's name: a renamed unit renames their search text.
    if (before.name !== unit.name || before.nameEn !== unit.nameEn) await refreshPeopleOfUnit(tx, id);
    const renamed = before.slug !== unit.slug ? `${before.slug} → ${unit.slug}` : unit.slug;
    await recordAudit(tx, { ...actor, action: "department.update", target: unit.name, detail: renamed });
    return unit;
  });
}

/** Up or down among the units of the same parent. */
export async function moveUnit(prisma: PrismaClient, actor: Actor, id: number, direction: "up" | "down") {
  return prisma.$transaction(async (tx) => {
    const unit = await getUnit(tx, id);
    const changes = reorderSiblings(await treeRows(tx), id, direction);
    for (const { id: rowId, position } of changes) await tx.department.update({ where: { id: rowId }, data: { position } });
    if (changes.length) await recordAudit(tx, { ...actor, action: "department.move", target: unit.name, detail: direction });
    return unit;
  });
}

/** Deletes a unit nothing uses; otherwise says what still uses it (409). */
export async function deleteUnit(prisma: PrismaClient, actor: Actor, id: number) {
  return prisma.$transaction(async (tx) => {
    const unit = await getUnit(tx, id);
    const used = describeUnitUsage(await unitUsage(tx, id));
    if (used) {
      throw conflict(
        `Không thể xoá đơn vị “${unit.name}”: ${used} đang dùng đơn vị này (kể cả bài trong thùng rác). ` +
          "Hãy chuyển chúng sang đơn vị khác trước.",
      );
    }
    await tx.department.delete({ where: { id } });
    await recordAudit(tx, { ...actor, action: "department.delete", target: unit.name, detail: unit.slug });
    return unit;
  });
}
