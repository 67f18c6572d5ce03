import { z } from "zod";
import { emailField, optionalId, phoneField, requiredText } from "./common.schema.js";

export const MAX_VISIT_BASELINE = 2_000_000_000;

// Every field of the header and footer (SiteSettings in prisma/schema.prisma).
export const SettingsBody = z.object({
  siteName: requiredText("tên trang", 200),
  shortName: requiredText("tên ngắn", 120),
  managingUnit: requiredText("đơn vị quản lý", 200),
  address: requiredText("địa chỉ", 300),
  hotline1: phoneField("đường dây nóng 1"),
  hotline2: phoneField("đường dây nóng 2"),
  phone: phoneField("điện thoại"),
  fax: phoneField("số fax"),
  email: emailField("thư điện tử"),
  departmentName: requiredText("tên phòng", 200),
  departmentPhone: phoneField("điện thoại của phòng"),
  departmentEmail: emailField("thư điện tử của phòng"),
  copyright: requiredText("dòng bản quyền", 200),
  reprintNotice: requiredText("lời nhắc khi đăng lại", 500),
  visitBaseline: z
    .union([z.string(), z.number()], { error: "Vui lòng nhập số lượt truy cập ban đầu." })
    .transform((v) => String(v).trim())
    .pipe(
      z
        .string()
        .min(1, "Vui lòng nhập số lượt truy cập ban đầu.")
        .regex(/^\d+$/, "Số lượt truy cập ban đầu phải là số nguyên không âm, chỉ gồm chữ số, ví dụ: 127627.")
        .transform(Number)
        .pipe(z.number().max(MAX_VISIT_BASELINE, "Số lượt truy cập ban đầu quá lớn.")),
    ),
  bannerPhotoId: optionalId("Ảnh biểu ngữ đã chọn không hợp lệ."),
});

export type SettingsBody = z.infer<typeof SettingsBody>;
