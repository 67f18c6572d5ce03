import { z } from "zod";
import { isHttpsUrl, MAX_PORTAL_LINKS, PORTAL_TITLE_MAX, PORTAL_URL_MAX, type PortalLink } from "../../services/portal-links.js";

export interface LinkRow extends PortalLink {
  /** Ticked "remove" box of the form. */
  remove: boolean;
}

const text = (v: unknown) => (typeof v === "string" ? v.normalize("NFC").trim() : "");
const ROW_FIELD = /^(?:title|url)-(\d{1,3})$/;
const isKept = (row: LinkRow) => !row.remove && Boolean(row.title || row.url);

/**
 * The rows as sent: the form numbers its rows (`title-0`, `url-0`, and `remove-0` when ticked for
 * removal; blank rows included), in order; a script may send {"links": [{title, url}]}.
 */
export function rowsOf(body: Record<string, unknown>): LinkRow[] {
  if (Array.isArray(body["links"])) {
    return body["links"].map((l: unknown) => {
      const link = (l && typeof l === "object" ? l : {}) as Record<string, unknown>;
      return { title: text(link["title"]), url: text(link["url"]), remove: false };
    });
  }
  const last = Math.max(-1, ...Object.keys(body).map((key) => Number(ROW_FIELD.exec(key)?.[1] ?? -1)));
  return Array.from({ length: last + 1 }, (_, i) => ({
    title: text(body[`title-${i}`]),
    url: text(body[`url-${i}`]),
    remove: body[`remove-${i}`] !== undefined,
  }));
}

/** Blank and removed rows drop out; each kept row needs a title and an https address; at most 20. */
export const PortalLinksBody = z
  .record(z.string(), z.unknown())
  .transform(rowsOf)
  .superRefine((rows, ctx) => {
    const kept = rows.flatMap((row, i) => (isKept(row) ? [{ ...row, i }] : []));
    if (kept.length > MAX_PORTAL_LINKS) {
      ctx.addIssue({ code: "custom", path: ["links"], message: `Tối đa ${MAX_PORTAL_LINKS} liên kết; hãy bỏ bớt ${kept.length - MAX_PORTAL_LINKS} dòng.` });
    }
    for (const { title, url, i } of kept) {
      const n = i + 1;
      if (!title) ctx.addIssue({ code: "custom", path: [`title-${i}`], message: `Dòng ${n}: vui lòng nhập tên của liên kết.` });
      else if (title.length > PORTAL_TITLE_MAX) ctx.addIssue({ code: "custom", path: [`title-${i}`], message: `Dòng ${n}: tên không được quá ${PORTAL_TITLE_MAX} ký tự.` });
      if (!url) ctx.addIssue({ code: "custom", path: [`url-${i}`], message: `Dòng ${n}: vui lòng nhập địa chỉ, bắt đầu bằng https://.` });
      else if (url.length > PORTAL_URL_MAX) ctx.addIssue({ code: "custom", path: [`url-${i}`], message: `Dòng ${n}: địa chỉ không được quá ${PORTAL_URL_MAX} ký tự.` });
      else if (!isHttpsUrl(url)) {
        ctx.addIssue({ code: "custom", path: [`url-${i}`], message: `Dòng ${n}: địa chỉ phải là một trang https://, ví dụ: https://dichvucong.gov.vn.` });
      }
    }
  })
  .transform((rows) => rows.filter(isKept).map(({ title, url }) => ({ title, url })));
