import type { PrismaClient } from "../db.js";
import { dayLabel } from "./documents-public.js";
import { DOCUMENTS_PATH, documentUrl, publicDocumentWhere } from "./documents.js";
import { FEED_SIZE, type FeedSite } from "./feeds.js";
import { sectionFeedXml } from "./section-feed.js";

/** /van-ban/rss.xml: the 20 documents most recently published. */
export async function documentFeed(prisma: PrismaClient, now: Date, site: FeedSite, base: string): Promise<string> {
  const rows = await prisma.legalDocument.findMany({
    where: publicDocumentWhere,
    include: { type: { select: { name: true, slug: true } }, issuer: { select: { name: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
  });
  return sectionFeedXml(site, base, now, {
    path: DOCUMENTS_PATH,
    title: "Văn bản",
    description: `Văn bản mới đăng trên ${site.siteName}`,
    ttl: 60,
    items: rows.map((row) => ({
      title: `${row.number}: ${row.title}`,
      path: documentUrl(row.slug),
      date: row.publishedAt ?? row.createdAt,
      updatedAt: row.updatedAt,
      description: `${row.type.name} số ${row.number} của ${row.issuer.name}, ban hành ngày ${dayLabel(row.issuedOn)}. ${row.title}`,
      category: { name: row.type.name, path: `${DOCUMENTS_PATH}?loai=${row.type.slug}` },
    })),
  });
}
