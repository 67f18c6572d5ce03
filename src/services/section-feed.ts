import { Feed } from "feed";
import { absolute, xmlSafe } from "../lib/site-url.js";
import type { FeedSite } from "./feeds.js";

// The feeds of the state-portal sections (/van-ban/rss.xml, /thu-tuc-hanh-chinh/rss.xml,
// /hoi-dap/rss.xml): each section chooses its rows and words; the RSS is made here alike.

// A description is HTML to feed readers and the package puts it in CDATA as given: plain text must
// arrive escaped (a "]]>" in it would end the CDATA).
export const asHtmlText = (text: string) =>
  xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface SectionFeedItem {
  title: string;
  /** The item's path ("/van-ban/…"), made absolute here. */
  path: string;
  date: Date;
  updatedAt: Date;
  /** Plain text. */
  description: string;
  category?: { name: string; path: string };
}

export interface SectionFeed {
  /** The section's list ("/van-ban"). */
  path: string;
  /** "Văn bản": the feed is titled "Văn bản | <site name>". */
  title: string;
  /** Plain text. */
  description: string;
  /** Minutes a reader may wait before asking again. */
  ttl: number;
  items: SectionFeedItem[];
}

/** RSS 2.0 with absolute links; each guid is the item's permanent address. */
export function sectionFeedXml(site: FeedSite, base: string, now: Date, section: SectionFeed): string {
  const link = absolute(base, section.path);
  const feed = new Feed({
    id: link,
    link,
    title: xmlSafe(`${section.title} | ${site.siteName}`),
    description: asHtmlText(section.description),
    language: "vi",
    copyright: xmlSafe(site.copyright),
    updated: section.items.reduce<Date | undefined>((max, i) => (!max || i.updatedAt > max ? i.updatedAt : max), undefined) ?? now,
    ttl: section.ttl,
    generator: "Cổng thông tin CCHC",
  });
  for (const item of section.items) {
    const url = absolute(base, item.path);
    feed.addItem({
      title: xmlSafe(item.title),
      link: url,
      guid: url,
      date: item.date,
      description: asHtmlText(item.description),
      category: item.category ? [{ name: xmlSafe(item.category.name), domain: absolute(base, item.category.path) }] : [],
    });
  }
  // The package marks every guid isPermaLink="false"; ours are permanent addresses.
  return feed.rss2().replaceAll('<guid isPermaLink="false">', '<guid isPermaLink="true">');
}
