import type { PrismaClient } from "../db.js";
import { FEED_SIZE, type FeedSite } from "./feeds.js";
import { publicQuestionWhere, QUESTIONS_PATH, questionUrl } from "./questions.js";
import { publicAsker } from "./questions-public.js";
import { sectionFeedXml } from "./section-feed.js";

/** The latest published questions: the question as description, the asker shortened. */
export async function questionsRss(prisma: PrismaClient, now: Date, site: FeedSite, base: string): Promise<string> {
  const rows = await prisma.question.findMany({
    where: publicQuestionWhere(now),
    select: { slug: true, title: true, question: true, name: true, publishedAt: true, updatedAt: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
  });
  return sectionFeedXml(site, base, now, {
    path: QUESTIONS_PATH,
    title: "Hỏi đáp",
    description: `Câu hỏi của người dân, doanh nghiệp và câu trả lời của cơ quan trên ${site.siteName}`,
    ttl: 30,
    items: rows.map((row) => ({
      title: row.title,
      path: questionUrl(row.slug!),
      date: row.publishedAt ?? now,
      updatedAt: row.updatedAt,
      description: `${publicAsker(row.name)} hỏi: ${row.question.replace(/\s+/g, " ").trim()}`,
    })),
  });
}
