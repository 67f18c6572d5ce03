import { Feed } from "feed";
import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";
import { absolute, xmlSafe } from "../lib/site-url.js";
import { FEED_SIZE, type FeedSite } from "./feeds.js";
import { levelLabel, PROCEDURES_PATH, procedureUrl, publicProcedureWhere } from "./procedures.js";

// A description is HTML to every feed reader and the package wraps it in CDATA as given: plain text
// must arrive escaped (a "]]>" in it would end the CDATA).
const asHtmlText = (text: string) => xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** /thu-tuc-hanh-chinh/rss.xml: the procedures most recently published, as RSS 2.0 with absolute links. */
export async function procedureFeed(prisma: PrismaClient, clock: Clock, site: FeedSite, base: string): Promise<string> {
  const rows = await prisma.procedure.findMany({
    where: publicProcedureWhere,
    include: { sector: { select: { name: true, slug: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
  });
  const link = absolute(base, PROCEDURES_PATH);
  const feed = new Feed({
    id: link,
    link,
    title: xmlSafe(`Thủ tục hành chính | ${site.siteName}`),
    description: asHtmlText(`Thủ tục hành chính mới công bố trên ${site.siteName}`),
    language: "vi",
    copyright: xmlSafe(site.copyright),
    updated: rows.reduce<Date | undefined>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), undefined) ?? clock(),
    ttl: 60,
    generator: "Cổng thông tin CCHC",
  });
  for (const row of rows) {
    const url = absolute(base, procedureUrl(row.slug));
    const facts = [`Mã thủ tục: ${row.code}`, row.sector ? `Lĩnh vực: ${row.sector.name}` : "", levelLabel(row.level), row.processingTime ? `Thời hạn giải quyết: ${row.processingTime}` : ""];
    feed.addItem({
      title: xmlSafe(row.name),
      link: url,
      guid: url,
      date: row.publishedAt ?? row.createdAt,
      description: asHtmlText(facts.filter(Boolean).join(". ")),
      category: row.sector ? [{ name: xmlSafe(row.sector.name), domain: absolute(base, `${PROCEDURES_PATH}?linh-vuc=${row.sector.slug}`) }] : [],
    });
  }
  // The package marks every guid isPermaLink="false"; ours are the procedure's permanent address.
  return feed.rss2().replaceAll('<guid isPermaLink="false">', '<guid isPermaLink="true">');
}
