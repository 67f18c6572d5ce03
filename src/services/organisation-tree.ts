import { HttpError } from "../errors.js";
import { slugify, uniqueSlug } from "../lib/slug.js";

// Organisation units and introduction pages are both trees (parentId, position among siblings).
// These helpers hold the rules the two share: building the tree, the choices of a parent, moving
// among siblings, and the slug an editor chose.

export interface TreeRow {
  id: number;
  parentId: number | null;
  position: number;
}

export interface TreeNode<T> {
  item: T;
  depth: number;
  children: TreeNode<T>[];
}

const byPosition = (a: TreeRow, b: TreeRow) => a.position - b.position || a.id - b.id;

/** Rows as a tree in their order; a row whose parent is missing (or not given) is at the top. */
export function buildTree<T extends TreeRow>(rows: T[]): TreeNode<T>[] {
  const ids = new Set(rows.map((r) => r.id));
  const childrenOf = new Map<number | null, T[]>();
  for (const row of [...rows].sort(byPosition)) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), row]);
  }
  const grow = (parent: number | null, depth: number, seen: Set<number>): TreeNode<T>[] =>
    (childrenOf.get(parent) ?? [])
      .filter((item) => !seen.has(item.id))
      .map((item) => ({ item, depth, children: grow(item.id, depth + 1, new Set([...seen, item.id])) }));
  return grow(null, 0, new Set());
}

export interface FlatRow<T> {
  item: T;
  depth: number;
  childCount: number;
  /** First or last among its siblings: the list offers no move past the end. */
  first: boolean;
  last: boolean;
}

/** The tree depth first, as the admin lists and the parent choices show it. */
export function flattenTree<T>(nodes: TreeNode<T>[]): FlatRow<T>[] {
  return nodes.flatMap((n, i) => [
    { item: n.item, depth: n.depth, childCount: n.children.length, first: i === 0, last: i === nodes.length - 1 },
    ...flattenTree(n.children),
  ]);
}

/** The ids under a row (not the row itself). */
export function descendantIds(rows: TreeRow[], id: number): Set<number> {
  const found = new Set<number>();
  const walk = (parent: number) => {
    for (const row of rows) {
      if (row.parentId === parent && !found.has(row.id)) {
        found.add(row.id);
        walk(row.id);
      }
    }
  };
  walk(id);
  return found;
}

/** The rows from the top down to `id` (included); empty when unknown. */
export function ancestry<T extends TreeRow>(rows: T[], id: number): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chain: T[] = [];
  for (let row = byId.get(id); row && !chain.includes(row); row = row.parentId === null ? undefined : byId.get(row.parentId)) {
    chain.unshift(row);
  }
  return chain;
}

/** Parent choices for a form: every row but the one edited and its descendants, indented by depth. */
export function parentChoices<T extends TreeRow>(rows: T[], label: (row: T) => string, selfId: number | null) {
  const excluded = selfId === null ? new Set<number>() : new Set([selfId, ...descendantIds(rows, selfId)]);
  return flattenTree(buildTree(rows))
    .filter(({ item }) => !excluded.has(item.id))
    .map(({ item, depth }) => ({ value: item.id, label: `${"— ".repeat(depth)}${label(item)}` }));
}

/**
 * Refuses a parent that does not exist, or that is the row itself or lies under it (a loop would
 * take the row and its branch out of the tree).
 */
export function checkParent(rows: TreeRow[], selfId: number | null, parentId: number | null, noun: string): void {
  if (parentId === null) return;
  if (!rows.some((r) => r.id === parentId)) {
    throw new HttpError(422, `${noun} cấp trên không tồn tại.`, { parentId: `${noun} cấp trên đã chọn không tồn tại.` });
  }
  if (selfId !== null && (parentId === selfId || descendantIds(rows, selfId).has(parentId))) {
    const message = `Không thể đặt ${noun.toLowerCase()} dưới chính nó hoặc dưới một mục con của nó.`;
    throw new HttpError(422, message, { parentId: message });
  }
}

/** The position after the last sibling under `parentId`. */
export function nextPosition(rows: TreeRow[], parentId: number | null, selfId: number | null = null): number {
  const siblings = rows.filter((r) => r.parentId === parentId && r.id !== selfId);
  return siblings.reduce((max, r) => Math.max(max, r.position), -1) + 1;
}

/**
 * Swaps a row with its neighbour among its siblings and numbers the siblings 0, 1, 2, … (equal
 * positions never stall a move). Returns the positions to store; none when it cannot move further.
 */
export function reorderSiblings(rows: TreeRow[], id: number, direction: "up" | "down"): { id: number; position: number }[] {
  const self = rows.find((r) => r.id === id);
  if (!self) return [];
  const siblings = rows.filter((r) => r.parentId === self.parentId).sort(byPosition);
  const index = siblings.findIndex((r) => r.id === id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (other < 0 || other >= siblings.length) return [];
  [siblings[index], siblings[other]] = [siblings[other]!, siblings[index]!];
  return siblings.flatMap((row, position) => (row.position === position ? [] : [{ id: row.id, position }]));
}

/**
 * The slug to store: made from `fallback` when left blank (a clash gets -2, -3), else the editor's
 * own, which is refused when taken (their mistake to fix, not renamed silently) or reserved.
 */
export async function chooseSlug(options: {
  typed: string;
  fallback: string;
  field: string;
  taken: (slug: string) => Promise<boolean>;
  takenMessage: (slug: string) => string;
  reserved?: readonly string[];
}): Promise<string> {
  const { typed, fallback, field, taken, takenMessage, reserved = [] } = options;
  const isTaken = async (slug: string) => reserved.includes(slug) || (await taken(slug));
  if (!typed.trim()) return uniqueSlug(fallback, isTaken);
  const slug = slugify(typed);
  if (!slug) throw new HttpError(422, "Đường dẫn không hợp lệ.", { [field]: "Đường dẫn cần có chữ cái hoặc chữ số." });
  if (reserved.includes(slug)) {
    const message = `Đường dẫn “${slug}” dành riêng cho một trang có sẵn của cổng, hãy chọn đường dẫn khác.`;
    throw new HttpError(422, message, { [field]: message });
  }
  if (await taken(slug)) throw new HttpError(422, takenMessage(slug), { [field]: takenMessage(slug) });
  return slug;
}
