import type { PrismaClient } from "../db.js";
import { notFound } from "../errors.js";

export type SiteSettings = NonNullable<Awaited<ReturnType<PrismaClient["siteSettings"]["findUnique"]>>>;

export async function getSettings(prisma: PrismaClient): Promise<SiteSettings> {
  const settings = await prisma.siteSettings.findUnique({ where: { id: 1 } });
  if (!settings) throw notFound("Chưa có cấu hình trang; hãy chạy npm start để khởi tạo dữ liệu.");
  return settings;
}

/** "0931.015.119" → "+84931015119" for a tel: link. */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("0") ? `tel:+84${digits.slice(1)}` : `tel:${digits}`;
}
