import { Feed } from "feed";
import type { PrismaClient } from "../db.js";
import { absolute, xmlSafe } from "../lib/site-url.js";
import { FEED_SIZE, type FeedSite } from "./feeds.js";
import { publicQuestionWhere, QUESTIONS_PATH, questionUrl } from "./questions.js";
import { publicAsker } from "./questions-public.js";

// RSS descriptions are HTML to feed readers and the package wraps them in CDATA as given.
const asHtmlText = (text: string) =>
  xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The latest published questions as RSS 2.0: the question as description, the asker shortened. */
export async function questionsRss(prisma: PrismaClient, now: Date, site: FeedSite, base: string): Promise<string> {
  const rows = await prisma.question.findMany({
    where: publicQuestionWhere(now),
    select: { slug: true, title: true, question: true, name: true, publishedAt: true, updatedAt: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
  });
  const link = absolute(base, QUESTIONS_PATH);
  const feed = new Feed({
    id: link,
    link,
    title: xmlSafe(`Hỏi đáp | ${site.siteName}`),
    description: asHtmlText(`Câu hỏi của người dân, doanh nghiệp và câu trả lời của cơ quan trên ${site.siteName}`),
    language: "vi",
    copyright: xmlSafe(site.copyright),
    updated: rows.reduce<Date | undefined>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), undefined) ?? now,
    ttl: 30,
    generator: "Cổng thông tin CCHC",
  });
  for (const row of rows) {
    const url = absolute(base, questionUrl(row.slug!));
    feed.addItem({
      title: xmlSafe(row.title),
      link: url,
      guid: url,
      date: row.publishedAt ?? now,
      description: asHtmlText(`${publicAsker(row.name)} hỏi: ${row.question.replace(/\s+/g, " ").trim()}`),
    });
  }
  return feed.rss2().replaceAll('<guid isPermaLink="false">', '<guid isPermaLink="true">');
}
