import type { Db } from "../db.js";
import { documentUrl, publicDocumentWhere, type LinkKind } from "./documents.js";

// Links between documents: "this document replaces / amends / relates to that one". One row per
// pair (from, to), written from the document being saved; shown on both documents, each in its
// own words.

/** The form's fields, one per kind of link, in the order a pair's kind is decided. */
export const LINK_FIELDS: readonly { field: "replacesIds" | "amendsIds" | "relatedIds"; kind: LinkKind; label: string }[] = [
  { field: "replacesIds", kind: "replaces", label: "Văn bản bị thay thế" },
  { field: "amendsIds", kind: "amends", label: "Văn bản được sửa đổi, bổ sung" },
  { field: "relatedIds", kind: "related", label: "Văn bản liên quan" },
];

/** Headings on a document's page: its own links, then the links others make to it. */
export const LINK_HEADINGS = {
  out: { replaces: "Thay thế văn bản", amends: "Sửa đổi, bổ sung văn bản", related: "Văn bản liên quan" },
  in: { replaces: "Được thay thế bởi", amends: "Được sửa đổi, bổ sung bởi", related: "Văn bản liên quan" },
} as const satisfies Record<"out" | "in", Record<LinkKind, string>>;

type LinkIds = Record<(typeof LINK_FIELDS)[number]["field"], number[]>;

/**
 * What is wrong with the chosen links, by field: the document itself, a document that does not
 * exist or is in the trash, or one chosen under two kinds.
 */
export async function checkDocumentLinks(db: Db, input: LinkIds, selfId: number | null): Promise<Record<string, string>> {
  const all = LINK_FIELDS.flatMap(({ field }) => input[field]);
  const found = await db.legalDocument.findMany({ where: { id: { in: all }, deletedAt: null }, select: { id: true } });
  const existing = new Set(found.map((d) => d.id));
  const errors: Record<string, string> = {};
  const seen = new Set<number>();
  for (const { field, label } of LINK_FIELDS) {
    for (const id of input[field]) {
      if (id === selfId) errors[field] ??= `${label}: một văn bản không thể liên kết với chính nó.`;
      else if (!existing.has(id)) errors[field] ??= `${label}: không có văn bản số ${id} (hoặc văn bản đó đang trong thùng rác).`;
      else if (seen.has(id)) errors[field] ??= `${label}: văn bản số ${id} đã được chọn ở mục khác; mỗi văn bản chỉ chọn ở một mục.`;
      seen.add(id);
    }
  }
  return errors;
}

/** The document's own links become exactly those given (links other documents make to it stay). */
export async function replaceDocumentLinks(db: Db, id: number, input: LinkIds): Promise<void> {
  await db.documentLink.deleteMany({ where: { fromId: id } });
  for (const { field, kind } of LINK_FIELDS) {
    for (const toId of input[field]) await db.documentLink.create({ data: { fromId: id, toId, kind } });
  }
}

/** The ids the form shows as chosen, by field. */
export async function linkIdsOf(db: Db, id: number): Promise<LinkIds> {
  const rows = await db.documentLink.findMany({ where: { fromId: id }, orderBy: { toId: "asc" } });
  const ids: LinkIds = { replacesIds: [], amendsIds: [], relatedIds: [] };
  for (const { field, kind } of LINK_FIELDS) ids[field] = rows.filter((r) => r.kind === kind).map((r) => r.toId);
  return ids;
}

export interface LinkedDocument {
  id: number;
  number: string;
  title: string;
  url: string;
  issuedOn: string;
}

export interface LinkGroup {
  heading: string;
  documents: LinkedDocument[];
}

const linkedSelect = { id: true, number: true, title: true, slug: true, issuedOn: true } as const;

/**
 * The groups shown on a document's page, both ways, only public documents (a draft or trashed one
 * is left out). "Related" is one group whichever side made the link.
 */
export async function linkGroupsOf(db: Db, id: number): Promise<LinkGroup[]> {
  const [out, incoming] = await Promise.all([
    db.documentLink.findMany({ where: { fromId: id, to: publicDocumentWhere }, include: { to: { select: linkedSelect } } }),
    db.documentLink.findMany({ where: { toId: id, from: publicDocumentWhere }, include: { from: { select: linkedSelect } } }),
  ]);
  const groups = new Map<string, Map<number, LinkedDocument>>();
  const add = (heading: string, d: { id: number; number: string; title: string; slug: string; issuedOn: string }) => {
    const group = groups.get(heading) ?? new Map<number, LinkedDocument>();
    group.set(d.id, { id: d.id, number: d.number, title: d.title, url: documentUrl(d.slug), issuedOn: d.issuedOn });
    groups.set(heading, group);
  };
  for (const link of out) add(LINK_HEADINGS.out[link.kind as LinkKind] ?? LINK_HEADINGS.out.related, link.to);
  for (const link of incoming) add(LINK_HEADINGS.in[link.kind as LinkKind] ?? LINK_HEADINGS.in.related, link.from);
  const order = [...Object.values(LINK_HEADINGS.out), ...Object.values(LINK_HEADINGS.in)];
  return [...new Set(order)]
    .filter((heading) => groups.has(heading))
    .map((heading) => ({
      heading,
      documents: [...groups.get(heading)!.values()].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.id - a.id),
    }));
}
