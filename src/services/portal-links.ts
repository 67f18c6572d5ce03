import type { PrismaClient } from "../db.js";
import { recordAudit, type Actor } from "./audit.js";
import { getSettings } from "./settings.js";

// The links block (related state portals, the national public service portal): a list of title and
// https address kept as JSON in SiteSettings.links, edited by administrators, shown in the sidebar.

export interface PortalLink {
  title: string;
  url: string;
}

export const MAX_PORTAL_LINKS = 20;
export const PORTAL_TITLE_MAX = 150;
export const PORTAL_URL_MAX = 500;

/** An absolute https address with a host (no user name or password in it). */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

function isPortalLink(value: unknown): value is PortalLink {
  if (!value || typeof value !== "object") return false;
  const { title, url } = value as Record<string, unknown>;
  return typeof title === "string" && title.trim() !== "" && typeof url === "string" && isHttpsUrl(url);
}

// Every public page reads the links: the last text parsed is kept, so a page costs no JSON.parse.
let last: { json: string; links: PortalLink[] } | null = null;

/**
 * The stored links, parsed safely: text that is not a JSON list gives no links, and an entry
 * without a title or an https address is left out (the form never stores one; a hand edit might).
 */
export function parsePortalLinks(json: string | null | undefined): PortalLink[] {
  const text = json ?? "";
  if (last?.json === text) return last.links;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = [];
  }
  const links = Array.isArray(parsed)
    ? parsed.filter(isPortalLink).slice(0, MAX_PORTAL_LINKS).map((l) => ({ title: l.title.trim(), url: l.url }))
    : [];
  last = { json: text, links };
  return links;
}

/** Saves the list (already checked at the edge) with an audit entry; false when nothing changed. */
export async function updatePortalLinks(prisma: PrismaClient, actor: Actor, links: PortalLink[]): Promise<boolean> {
  const json = JSON.stringify(links.map(({ title, url }) => ({ title, url })));
  return prisma.$transaction(async (tx) => {
    const current = await getSettings(tx);
    if (current.links === json) return false;
    await tx.siteSettings.update({ where: { id: 1 }, data: { links: json } });
    await recordAudit(tx, { ...actor, action: "settings.links", target: "Liên kết website", detail: `${links.length} liên kết` });
    return true;
  });
}
