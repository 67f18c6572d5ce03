import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";
import { FEED_SIZE, type FeedSite } from "./feeds.js";
import { levelLabel, PROCEDURES_PATH, procedureUrl, publicProcedureWhere } from "./procedures.js";
import { sectionFeedXml } from "./section-feed.js";

/** /thu-tuc-hanh-chinh/rss.xml: the procedures most recently published. */
export async function procedureFeed(prisma: PrismaClient, clock: Clock, site: FeedSite, base: string): Promise<string> {
  const rows = await prisma.procedure.findMany({
    where: publicProcedureWhere,
    include: { sector: { select: { name: true, slug: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
  });
  return sectionFeedXml(site, base, clock(), {
    path: PROCEDURES_PATH,
    title: "Thủ tục hành chính",
    description: `Thủ tục hành chính mới công bố trên ${site.siteName}`,
    ttl: 60,
    items: rows.map((row) => {
      const facts = [`Mã thủ tục: ${row.code}`, row.sector ? `Lĩnh vực: ${row.sector.name}` : "", levelLabel(row.level), row.processingTime ? `Thời hạn giải quyết: ${row.processingTime}` : ""];
      return {
        title: row.name,
        path: procedureUrl(row.slug),
        date: row.publishedAt ?? row.createdAt,
        updatedAt: row.updatedAt,
        description: facts.filter(Boolean).join(". "),
        category: row.sector ? { name: row.sector.name, path: `${PROCEDURES_PATH}?linh-vuc=${row.sector.slug}` } : undefined,
      };
    }),
  });
}
