import type { Db, PrismaClient } from "../db.js";
import { paginate } from "../lib/pagination.js";

/** Who acts: a signed-in user, or null for the command line; and from which address. */
export interface Actor {
  userId: number | null;
  ip: string;
}

export interface AuditEntry {
  userId: number | null;
  action: string;
  target?: string;
  detail?: string;
  ip?: string;
}

/** Vietnamese names of the actions the panel records; an unknown code is shown as is. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  login: "Đăng nhập",
  logout: "Đăng xuất",
  "account.password": "Tự đổi mật khẩu",
  "account.2fa_enable": "Bật xác thực hai lớp",
  "account.2fa_disable": "Tắt xác thực hai lớp",
  "account.recovery_codes": "Tạo mã khôi phục mới",
  "user.create": "Tạo tài khoản",
  "user.disable": "Khoá tài khoản",
  "user.enable": "Mở khoá tài khoản",
  "user.password_reset": "Đặt lại mật khẩu",
  "user.2fa_reset": "Đặt lại xác thực hai lớp",
  "user.role": "Đổi vai trò",
  "settings.update": "Sửa cấu hình trang",
  "category.create": "Thêm chuyên mục",
  "category.update": "Sửa chuyên mục",
  "category.move": "Đổi thứ tự chuyên mục",
  "category.delete": "Xoá chuyên mục",
  "department.create": "Thêm đơn vị",
  "department.update": "Sửa đơn vị",
  "department.delete": "Xoá đơn vị",
  "author.create": "Thêm tác giả",
  "author.update": "Sửa tác giả",
  "author.move": "Đổi thứ tự tác giả",
  "author.delete": "Xoá tác giả",
  "feedback.status": "Đổi trạng thái góp ý",
  "article.publish": "Đăng bài",
  "article.unpublish": "Gỡ bài",
  "article.trash": "Chuyển bài vào thùng rác",
  "article.restore": "Khôi phục bài",
  "article.delete": "Xoá hẳn bài",
  "article.revision.restore": "Khôi phục một phiên bản của bài",
  "article.move": "Chuyển bài sang chuyên mục khác",
  "article.to_draft": "Trả bài về nháp",
  "media.delete": "Xoá ảnh",
  "documentType.create": "Thêm loại văn bản",
  "documentType.update": "Sửa loại văn bản",
  "documentType.move": "Đổi thứ tự loại văn bản",
  "documentType.delete": "Xoá loại văn bản",
  "documentIssuer.create": "Thêm cơ quan ban hành",
  "documentIssuer.update": "Sửa cơ quan ban hành",
  "documentIssuer.move": "Đổi thứ tự cơ quan ban hành",
  "documentIssuer.delete": "Xoá cơ quan ban hành",
  "sector.create": "Thêm lĩnh vực",
  "sector.update": "Sửa lĩnh vực",
  "sector.move": "Đổi thứ tự lĩnh vực",
  "sector.delete": "Xoá lĩnh vực",
  "document.create": "Thêm văn bản",
  "document.update": "Sửa văn bản",
  "document.publish": "Đăng văn bản",
  "document.unpublish": "Gỡ văn bản",
  "document.attachment_delete": "Xoá tệp đính kèm của văn bản",
  "document.trash": "Chuyển văn bản vào thùng rác",
  "document.restore": "Khôi phục văn bản",
  "document.delete": "Xoá hẳn văn bản",
  "department.move": "Đổi thứ tự đơn vị",
  "intro.create": "Thêm trang giới thiệu",
  "intro.update": "Sửa trang giới thiệu",
  "intro.move": "Đổi thứ tự trang giới thiệu",
  "intro.delete": "Xoá trang giới thiệu",
  "person.create": "Thêm cán bộ",
  "person.update": "Sửa thông tin cán bộ",
  "person.move": "Đổi thứ tự cán bộ",
  "person.delete": "Xoá cán bộ",
  "settings.links": "Sửa liên kết website",
  "procedure.create": "Thêm thủ tục hành chính",
  "procedure.update": "Sửa thủ tục hành chính",
  "procedure.publish": "Đăng thủ tục hành chính",
  "procedure.unpublish": "Gỡ thủ tục hành chính",
  "procedure.form_delete": "Xoá biểu mẫu của thủ tục",
  "procedure.trash": "Chuyển thủ tục vào thùng rác",
  "procedure.restore": "Khôi phục thủ tục",
  "procedure.delete": "Xoá hẳn thủ tục",
  "question.answer": "Trả lời câu hỏi",
  "question.publish": "Công bố câu hỏi và trả lời",
  "question.unpublish": "Gỡ câu hỏi khỏi trang",
  "question.trash": "Chuyển câu hỏi vào thùng rác",
  "question.restore": "Khôi phục câu hỏi",
  "par.year.create": "Thêm năm Chỉ số CCHC",
  "par.year.update": "Sửa năm Chỉ số CCHC",
  "par.year.delete": "Xoá năm Chỉ số CCHC",
  "par.import": "Nhập Chỉ số CCHC từ tệp CSV",
  "notice.create": "Thêm thông báo",
  "notice.update": "Sửa thông báo",
  "notice.delete": "Xoá thông báo",
  "demo.generate": "Tạo bài viết tự sinh (thử tải)",
  "demo.remove": "Xoá bài viết tự sinh",
};

/**
 * Who did what and when: logins, publishes, deletes, settings and account changes. Given a
 * transaction, the entry commits (or not) with the change it describes.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: { userId: entry.userId, action: entry.action, target: entry.target ?? "", detail: entry.detail ?? "", ip: entry.ip ?? "" },
  });
}

export async function listAudit(prisma: PrismaClient, pageNumber: number) {
  const total = await prisma.auditLog.count();
  const page = paginate(pageNumber, 50, total);
  const entries = await prisma.auditLog.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: page.pageSize,
    include: { user: { select: { name: true, email: true } } },
  });
  return { entries, page };
}
