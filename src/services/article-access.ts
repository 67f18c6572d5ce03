import { forbidden, HttpError } from "../errors.js";
import type { CurrentUser } from "./users.js";

export const ARTICLE_STATUSES = ["draft", "pending", "published"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What the list shows: "scheduled" is a published article whose time has not come yet. */
export type DisplayStatus = ArticleStatus | "scheduled" | "trash";
export const STATUS_LABELS: Record<DisplayStatus, string> = {
  draft: "Nháp",
  pending: "Chờ duyệt",
  published: "Đã đăng",
  scheduled: "Đã lên lịch",
  trash: "Thùng rác",
};

interface StatusFacts {
  status: string;
  publishedAt: Date | null;
  deletedAt: Date | null;
}

export function displayStatus(article: StatusFacts, now: Date): DisplayStatus {
  if (article.deletedAt) return "trash";
  if (article.status === "published") return article.publishedAt && article.publishedAt > now ? "scheduled" : "published";
  return article.status === "pending" ? "pending" : "draft";
}

/** The badge the staff pages show: {status, statusLabel}. */
export function statusBadge(article: StatusFacts, now: Date): { status: DisplayStatus; statusLabel: string } {
  const status = displayStatus(article, now);
  return { status, statusLabel: STATUS_LABELS[status] };
}

/** Editors and administrators publish and may touch anyone's article. */
export const isEditor = (user: CurrentUser) => user.role === "admin" || user.role === "editor";

/**
 * An author (reporter) works on their own drafts only. Once an editor has published or scheduled
 * an article it belongs to the editors, as for WordPress contributors and Ghost contributors:
 * otherwise a reporter could unpublish it by saving it as a draft.
 */
export function assertCanEdit(user: CurrentUser, article: { createdById: number | null; status: string }): void {
  if (isEditor(user)) return;
  if (article.createdById !== user.id) throw forbidden("Bạn chỉ được làm việc với bài viết do chính mình tạo.");
  if (article.status === "published") {
    throw forbidden("Bài viết này đã được xuất bản hoặc lên lịch; chỉ biên tập viên mới được thay đổi.");
  }
}

export function assertCanSetStatus(user: CurrentUser, status: ArticleStatus): void {
  if (status === "published" && !isEditor(user)) {
    throw forbidden("Phóng viên không được xuất bản bài viết. Hãy chọn «Gửi duyệt» để biên tập viên xem xét và xuất bản.");
  }
}

/** A trashed article is out of the way until restored, as in WordPress. */
export function assertNotTrashed(article: { deletedAt: Date | null }): void {
  if (article.deletedAt) {
    throw new HttpError(409, "Bài viết đang nằm trong thùng rác. Hãy khôi phục bài trước khi sửa hoặc xem trước.");
  }
}
