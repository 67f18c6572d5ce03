import type { Prisma } from "../generated/prisma/client.js";
import { forbidden, HttpError } from "../errors.js";
import { isEditor } from "./article-access.js";
import { searchTextOf } from "./section-search.js";
import type { CurrentUser } from "./users.js";

// Administrative procedures (thủ tục hành chính): the names, labels and rules every procedure
// module shares. Levels follow the 2025 reform: the central level and the two local levels that
// remain (province and commune).

export const PROCEDURES_PATH = "/thu-tuc-hanh-chinh";
export const procedureUrl = (slug: string) => `${PROCEDURES_PATH}/${slug}`;

export const PROCEDURE_LEVELS = ["trung-uong", "tinh", "xa"] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];
export const LEVEL_LABELS: Record<ProcedureLevel, string> = {
  "trung-uong": "Cấp trung ương",
  tinh: "Cấp tỉnh",
  xa: "Cấp xã",
};

export const ONLINE_LEVELS = ["full", "partial", "none"] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
/** As the national portal names them. */
export const ONLINE_LABELS: Record<OnlineLevel, string> = {
  full: "Toàn trình",
  partial: "Một phần",
  none: "Không",
};
export const ONLINE_LONG_LABELS: Record<OnlineLevel, string> = {
  full: "Dịch vụ công trực tuyến toàn trình",
  partial: "Dịch vụ công trực tuyến một phần",
  none: "Chưa có dịch vụ công trực tuyến",
};

export const PROCEDURE_STATUSES = ["draft", "published"] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];
export const PROCEDURE_STATUS_LABELS: Record<ProcedureStatus | "trash", string> = {
  draft: "Nháp",
  published: "Đã công bố",
  trash: "Thùng rác",
};

export const levelLabel = (level: string) => LEVEL_LABELS[level as ProcedureLevel] ?? level;
export const onlineLevelOf = (value: string): OnlineLevel => (ONLINE_LEVELS.includes(value as OnlineLevel) ? (value as OnlineLevel) : "none");

/** What visitors may read: published and not in the trash. */
export const publicProcedureWhere = { status: "published", deletedAt: null } satisfies Prisma.ProcedureWhereInput;

/** The folded text the list and the site search match: code, name, field and place. */
export function procedureSearchText(procedure: { code: string; name: string; place: string }, sectorName: string | null): string {
  return searchTextOf(procedure.code, procedure.name, sectorName, procedure.place);
}

/**
 * An author (reporter) works on their own drafts; once published a procedure belongs to the
 * editors, as articles do, so a reporter cannot take it off the site by saving it as a draft.
 */
export function assertCanEditProcedure(user: CurrentUser, procedure: { createdById: number | null; status: string }): void {
  if (isEditor(user)) return;
  if (procedure.createdById !== user.id) throw forbidden("Bạn chỉ được làm việc với thủ tục do chính mình tạo.");
  if (procedure.status === "published") {
    throw forbidden("Thủ tục này đã được công bố; chỉ biên tập viên mới được thay đổi.");
  }
}

export function assertCanSetProcedureStatus(user: CurrentUser, status: ProcedureStatus): void {
  if (status === "published" && !isEditor(user)) {
    throw forbidden("Phóng viên không được công bố thủ tục hành chính. Hãy lưu nháp để biên tập viên kiểm tra và công bố.");
  }
}

export function assertProcedureNotTrashed(procedure: { deletedAt: Date | null }): void {
  if (procedure.deletedAt) {
    throw new HttpError(409, "Thủ tục đang nằm trong thùng rác. Hãy khôi phục thủ tục trước khi sửa.");
  }
}
