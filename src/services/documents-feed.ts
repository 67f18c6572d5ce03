import { Feed } from "feed";
import type { PrismaClient } from "../db.js";
import { absolute, xmlSafe } from "../lib/site-url.js";
import { dayLabel } from "./documents-public.js";
import { DOCUMENTS_PATH, documentUrl, publicDocumentWhere } from "./documents.js";
import { FEED_SIZE, type FeedSite } from "./feeds.js";

// A description is HTML to feed readers and the package puts it in CDATA as given: plain text must
// arrive escaped (a "]]>" in it would end the CDATA).
const asHtmlText = (text: string) => xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** /van-ban/rss.xml: the 20 documents most recently published, RSS 2.0 with absolute links. */
export async function documentFeed(prisma: PrismaClient, now: Date, site: FeedSite, base: string): Promise<string> {
  const rows = await prisma.legalDocument.findMany({
    where: publicDocumentWhere,
    include: { type: { select: { name: true, slug: true } }, issuer: { select: { name: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
  });
  const link = absolute(base, DOCUMENTS_PATH);
  const feed = new Feed({
    id: link,
    link,
    title: xmlSafe(`Văn bản | ${site.siteName}`),
    description: asHtmlText(`Văn bản mới đăng trên ${site.siteName}`),
    language: "vi",
    copyright: xmlSafe(site.copyright),
    updated: rows.reduce<Date | undefined>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), undefined) ?? now,
    ttl: 60,
    generator: "Cổng thông tin CCHC",
  });
  for (const row of rows) {
    const url = absolute(base, documentUrl(row.slug));
    feed.addItem({
      title: xmlSafe(`${row.number}: ${row.title}`),
      link: url,
      guid: url,
      date: row.publishedAt ?? row.createdAt,
      description: asHtmlText(`${row.type.name} số ${row.number} của ${row.issuer.name}, ban hành ngày ${dayLabel(row.issuedOn)}. ${row.title}`),
      category: [{ name: xmlSafe(row.type.name), domain: absolute(base, `${DOCUMENTS_PATH}?loai=${row.type.slug}`) }],
    });
  }
  // The package marks every guid isPermaLink="false"; ours are the document's permanent address.
  return feed.rss2().replaceAll('<guid isPermaLink="false">', '<guid isPermaLink="true">');
}
