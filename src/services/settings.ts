import type { PrismaClient } from "../db.js";
import { HttpError, notFound } from "../errors.js";
import { recordAudit, type Actor } from "./audit.js";

export type SiteSettings = NonNullable<Awaited<ReturnType<PrismaClient["siteSettings"]["findUnique"]>>>;
export type SettingsInput = Omit<SiteSettings, "id" | "updatedAt">;

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

/** Saves the header and footer; the audit entry names the fields that changed. Returns those names. */
export async function updateSettings(prisma: PrismaClient, actor: Actor, input: SettingsInput): Promise<string[]> {
  const current = await getSettings(prisma);
  if (input.bannerPhotoId !== null && !(await prisma.photo.findUnique({ where: { id: input.bannerPhotoId } }))) {
    throw new HttpError(422, "Ảnh không tồn tại.", { bannerPhotoId: "Ảnh biểu ngữ đã chọn không còn trong thư viện." });
  }
  const changed = (Object.keys(input) as (keyof SettingsInput)[]).filter((key) => input[key] !== current[key]);
  if (!changed.length) return changed;
  await prisma.siteSettings.update({ where: { id: 1 }, data: input });
  await recordAudit(prisma, { ...actor, action: "settings.update", target: "Cấu hình trang", detail: changed.join(", ") });
  return changed;
}

export interface BannerChoice {
  id: number;
  thumb: string;
  caption: string;
  width: number;
  height: number;
}

/** Recent photos to pick the banner from, with the current banner always among them. */
export async function listBannerChoices(prisma: PrismaClient, currentId: number | null, take = 12): Promise<BannerChoice[]> {
  const recent = await prisma.photo.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  const current = currentId && !recent.some((p) => p.id === currentId) ? await prisma.photo.findUnique({ where: { id: currentId } }) : null;
  return [...(current ? [current] : []), ...recent].map((p) => {
    const smallest = p.widths.split(",").map(Number)[0] ?? p.width;
    return { id: p.id, thumb: `/uploads/${p.fileKey}-${smallest}.jpg`, caption: p.caption || p.originalName || `Ảnh #${p.id}`, width: p.width, height: p.height };
  });
}

/** Makes a photo the banner at the top of every page (after an upload from the settings page). */
export async function setBannerPhoto(prisma: PrismaClient, actor: Actor, photoId: number): Promise<void> {
  await prisma.siteSettings.update({ where: { id: 1 }, data: { bannerPhotoId: photoId } });
  await recordAudit(prisma, { ...actor, action: "settings.update", target: "Cấu hình trang", detail: "bannerPhotoId" });
}
