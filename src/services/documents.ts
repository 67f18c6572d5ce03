import type { Prisma } from "../generated/prisma/client.js";
import { forbidden, HttpError } from "../errors.js";
import { fold } from "../lib/fold.js";
import { isEditor } from "./article-access.js";
import { searchTextOf } from "./section-search.js";
import type { CurrentUser } from "./users.js";

// Legal documents (văn bản): the names, labels and rules every document module shares.

export const DOCUMENTS_PATH = "/van-ban";
/** The public address of a document (procedures link their legal basis with it). */
export const documentUrl = (slug: string) => `${DOCUMENTS_PATH}/${slug}`;
export const documentEditUrl = (id: number) => `/admin/documents/${id}/edit`;
export const DOCUMENTS_FEED_PATH = `${DOCUMENTS_PATH}/rss.xml`;
/** How the audit log names a document. */
export const documentAuditTarget = (id: number) => `văn bản #${id}`;

export const DOCUMENT_STATUSES = ["draft", "published"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus | "trash", string> = {
  draft: "Nháp",
  published: "Đã đăng",
  trash: "Thùng rác",
};

export const LINK_KINDS = ["replaces", "amends", "related"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** What readers may see: published and not in the trash. */
export const publicDocumentWhere = { status: "published", deletedAt: null } satisfies Prisma.LegalDocumentWhereInput;

/** The folded text the list and the site search match: number, abstract and signer. */
export function documentSearchText(doc: { number: string; title: string; signer: string }): string {
  return searchTextOf(doc.number, doc.title, doc.signer);
}

/** A number compared as people mean it: "12/2024/QĐ-UBND" is "12/2024/qd-ubnd", spaces ignored. */
export const numberKey = (number: string) => fold(number.normalize("NFC")).replace(/\s+/g, "");

/**
 * The folded terms of a list query. A word with a digit keeps its inner "/", "-" and "." so that
 * "12/2024" looks for that very run, not "12" and "2024" anywhere; other words split on punctuation
 * ("qd-ubnd" is "qd" and "ubnd", both found in "12/2024/qd-ubnd").
 */
export function documentTerms(raw: string): string[] {
  const terms: string[] = [];
  for (const token of fold(raw.normalize("NFC")).split(/\s+/)) {
    const trimmed = token.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
    if (!trimmed) continue;
    if (/\d/.test(trimmed) && /^[a-z0-9/.-]+$/.test(trimmed)) terms.push(trimmed);
    else terms.push(...(trimmed.match(/[\p{L}\p{N}]+/gu) ?? []));
  }
  return [...new Set(terms)].slice(0, 10);
}

/** Every term in the number, abstract and signer, or in the text of the PDF files. */
export function documentTermsWhere(terms: string[]): Prisma.LegalDocumentWhereInput {
  return { AND: terms.map((t) => ({ OR: [{ searchText: { contains: t } }, { fileText: { contains: t } }] })) };
}

/**
 * An author (reporter) works on their own drafts; once published a document belongs to the
 * editors, as articles do, so a reporter cannot take it off the site by saving it as a draft.
 */
export function assertCanEditDocument(user: CurrentUser, doc: { createdById: number | null; status: string }): void {
  if (isEditor(user)) return;
  if (doc.createdById !== user.id) throw forbidden("Bạn chỉ được làm việc với văn bản do chính mình tạo.");
  if (doc.status === "published") throw forbidden("Văn bản này đã được đăng; chỉ biên tập viên mới được thay đổi.");
}

export function assertCanSetDocumentStatus(user: CurrentUser, status: DocumentStatus): void {
  if (status === "published" && !isEditor(user)) {
    throw forbidden("Phóng viên không được đăng văn bản. Hãy lưu nháp để biên tập viên kiểm tra và đăng.");
  }
}

export function assertDocumentNotTrashed(doc: { deletedAt: Date | null }): void {
  if (doc.deletedAt) throw new HttpError(409, "Văn bản đang nằm trong thùng rác. Hãy khôi phục văn bản trước khi sửa.");
}
