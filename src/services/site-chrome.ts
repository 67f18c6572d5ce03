import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";
import { getTicker } from "./articles-public.js";
import { getSettings, telHref, type SiteSettings } from "./settings.js";
import { listEntries } from "./taxonomy.js";
import { photoView, type PhotoView } from "./media.js";

export interface NavItem {
  name: string;
  url: string;
}

// The portal's main sections, in the order of the top navigation bar; the news categories have a
// row of their own below it.
export const PORTAL_SECTIONS: readonly NavItem[] = [
  { name: "Trang chủ", url: "/" },
  { name: "Giới thiệu", url: "/gioi-thieu" },
  { name: "Văn bản", url: "/van-ban" },
  { name: "Thủ tục hành chính", url: "/thu-tuc-hanh-chinh" },
  { name: "Hỏi đáp", url: "/hoi-dap" },
  { name: "Chỉ số CCHC", url: "/chi-so-cchc" },
  { name: "Danh bạ", url: "/danh-ba" },
  { name: "Liên hệ", url: "/lien-he" },
];

export interface SiteChrome {
  settings: SiteSettings & { hotline1Href: string; hotline2Href: string; banner: PhotoView | null };
  sections: readonly NavItem[];
  nav: NavItem[];
  ticker: { title: string; url: string }[];
}

/** Everything in the header and footer, read together so it can be cached as one value. */
export async function loadSiteChrome(prisma: PrismaClient, clock: Clock): Promise<SiteChrome> {
  const [settings, categories, ticker] = await Promise.all([
    getSettings(prisma),
    listEntries(prisma, "category"),
    getTicker(prisma, clock),
  ]);
  const bannerRow = settings.bannerPhotoId
    ? await prisma.photo.findUnique({ where: { id: settings.bannerPhotoId } })
    : null;
  return {
    settings: {
      ...settings,
      hotline1Href: telHref(settings.hotline1),
      hotline2Href: telHref(settings.hotline2),
      banner: bannerRow ? photoView(bannerRow) : null,
    },
    sections: PORTAL_SECTIONS,
    nav: categories.map((c) => ({ name: c.name, url: `/chuyen-muc/${c.slug}` })),
    ticker,
  };
}
