import type { Db, PrismaClient } from "../db.js";
import { HttpError, notFound } from "../errors.js";
import { recordAudit, type Actor } from "./audit.js";
import { fileUrl } from "./file-store.js";

export type SiteSettings = NonNullable<Awaited<ReturnType<PrismaClient["siteSettings"]["findUnique"]>>>;
// The second-factor requirement has its own form and service (two-factor.ts): never saved by the main form.
// The links block and the English texts are edited on their own screens, so the header form may leave them out.
type SeparatelyEdited = "links" | "siteNameEn" | "managingUnitEn" | "addressEn";
export type SettingsInput = Omit<SiteSettings, "id" | "updatedAt" | "requireTwoFactor" | SeparatelyEdited> &
  Partial<Pick<SiteSettings, SeparatelyEdited>>;

export async function getSettings(prisma: Db): Promise<SiteSettings> {
  const settings = await prisma.siteSettings.findUnique({ where: { id: 1 } });
  if (!settings) throw notFound("Chưa có cấu hình trang; hãy chạy npm start để khởi tạo dữ liệu.");
  return settings;
}

/** "0931.015.119" → "+84931015119" for a tel: link. */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("0") ? `tel:+84${digits.slice(1)}` : `tel:${digits}`;
}

/**
 * Saves the header and footer with an audit entry naming the fields that changed, in one
 * transaction. Returns those names.
 */
export async function updateSettings(prisma: PrismaClient, actor: Actor, input: SettingsInput): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const current = await getSettings(tx);
    if (input.bannerPhotoId !== null && !(await tx.photo.findUnique({ where: { id: input.bannerPhotoId } }))) {
      throw new HttpError(422, "Ảnh không tồn tại.", { bannerPhotoId: "Ảnh biểu ngữ đã chọn không còn trong thư viện." });
    }
    const changed = (Object.keys(input) as (keyof SettingsInput)[]).filter((key) => input[key] !== current[key]);
    if (!changed.length) return changed;
    await tx.siteSettings.update({ where: { id: 1 }, data: input });
    await recordAudit(tx, { ...actor, action: "settings.update", target: "Cấu hình trang", detail: changed.join(", ") });
    return changed;
  });
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
    return { id: p.id, thumb: fileUrl(`${p.fileKey}-${smallest}.jpg`), caption: p.caption || p.originalName || `Ảnh #${p.id}`, width: p.width, height: p.height };
  });
}

/** Makes a photo the banner at the top of every page (after an upload from the settings page). */
export async function setBannerPhoto(prisma: PrismaClient, actor: Actor, photoId: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.siteSettings.update({ where: { id: 1 }, data: { bannerPhotoId: photoId } });
    await recordAudit(tx, { ...actor, action: "settings.update", target: "Cấu hình trang", detail: "bannerPhotoId" });
  });
}
