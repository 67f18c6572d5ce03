import sharp from "sharp";
import type { PrismaClient } from "../src/db.js";
import { createPhoto, type MediaOptions } from "../src/services/media.js";
import { createLocalFileStore } from "../src/services/file-store-local.js";
import { rebuildSearchIndex } from "../src/services/search-index.js";
import { seedOrganisation } from "./seed-organisation.js";
import { seedParIndex } from "./seed-par-index.js";
import { seedProcedures } from "./seed-procedures.js";
import { seedDocuments } from "./seed-documents.js";
import { seedQuestions } from "./seed-questions.js";
import { AUTHOR, CATEGORIES, DEPARTMENT, MAIN_ARTICLE, PLACEHOLDER_CREDIT, SETTINGS, TICKER_ARTICLE } from "./seed-data.js";

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** An honest placeholder: a plain picture that says it stands in for a missing photo. */
async function placeholderImage(label: string, width: number, height: number, hue: number): Promise<Buffer> {
  const text = label
    ? `<text x="50%" y="46%" font-family="DejaVu Sans, Arial, sans-serif" font-size="${Math.round(height / 14)}" fill="#fff" text-anchor="middle">Ảnh minh họa</text>
  <text x="50%" y="56%" font-family="DejaVu Sans, Arial, sans-serif" font-size="${Math.round(height / 24)}" fill="#fff" text-anchor="middle">${escapeXml(label)}</text>`
    : "";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue},45%,38%)"/><stop offset="1" stop-color="hsl(${hue + 30},40%,22%)"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <circle cx="${width * 0.8}" cy="${height * 0.25}" r="${height * 0.12}" fill="rgba(255,255,255,0.18)"/>
  <path d="M0 ${height * 0.78} L${width * 0.3} ${height * 0.5} L${width * 0.55} ${height * 0.72} L${width * 0.75} ${height * 0.58} L${width} ${height * 0.8} V${height} H0Z" fill="rgba(255,255,255,0.15)"/>
  ${text}
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

function paragraphsToHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join("\n");
}

/** The configured file store, or a local folder (for scripts that seed a scratch site). */
export type SeedMedia = Omit<MediaOptions, "store"> & ({ store: MediaOptions["store"] } | { uploadDir: string });

/** Fills an empty database with the seed page; does nothing when settings already exist. */
export async function seedDemo(prisma: PrismaClient, seedMedia: SeedMedia): Promise<boolean> {
  if (await prisma.siteSettings.findUnique({ where: { id: 1 } })) return false;
  const media: MediaOptions = {
    maxBytes: seedMedia.maxBytes,
    maxPixels: seedMedia.maxPixels,
    store: "store" in seedMedia ? seedMedia.store : createLocalFileStore(seedMedia.uploadDir),
  };

  const banner = await createPhoto(
    prisma,
    await placeholderImage("", 1600, 300, 205),
    { caption: "Banner", alt: "", credit: PLACEHOLDER_CREDIT, isPlaceholder: true },
    media,
  );
  const photos: { id: number }[] = [];
  for (const [i, caption] of MAIN_ARTICLE.captions.entries()) {
    const image = await placeholderImage(`Ảnh ${i + 1} của bài viết`, 1200, 800, 190 + i * 25);
    photos.push(await createPhoto(prisma, image, { caption, alt: caption, credit: PLACEHOLDER_CREDIT, isPlaceholder: true }, media));
  }

  await prisma.$transaction(async (tx) => {
    await tx.siteSettings.create({ data: { id: 1, ...SETTINGS, bannerPhotoId: banner.id } });
    for (const [position, category] of CATEGORIES.entries()) await tx.category.create({ data: { ...category, position } });
    const department = await tx.department.create({ data: DEPARTMENT });
    const author = await tx.author.create({ data: { ...AUTHOR, departmentId: department.id } });
    const categoryId = async (slug: string) => (await tx.category.findUniqueOrThrow({ where: { slug } })).id;

    await tx.article.create({
      data: {
        title: TICKER_ARTICLE.title,
        slug: "thanh-pho-can-tho-ban-hanh-quy-che-thuc-hien-co-che-mot-cua",
        summary: TICKER_ARTICLE.summary,
        body: paragraphsToHtml(TICKER_ARTICLE.paragraphs),
        status: "published",
        origin: "seed",
        publishedAt: TICKER_ARTICLE.publishedAt,
        ticker: true,
        categoryId: await categoryId(TICKER_ARTICLE.categorySlug),
        departmentId: department.id,
        authorId: author.id,
      },
    });
    await tx.article.create({
      data: {
        title: MAIN_ARTICLE.title,
        slug: "thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016",
        summary: MAIN_ARTICLE.summary,
        body: paragraphsToHtml(MAIN_ARTICLE.paragraphs),
        status: "published",
        origin: "seed",
        publishedAt: MAIN_ARTICLE.publishedAt,
        featured: true,
        categoryId: await categoryId(MAIN_ARTICLE.categorySlug),
        departmentId: department.id,
        authorId: author.id,
        photos: { create: photos.map((p, position) => ({ photoId: p.id, position })) },
      },
    });
  });
  await prisma.$transaction((tx) => seedOrganisation(tx));
  await prisma.$transaction((tx) => seedParIndex(tx));
  // Its own transaction, after storing its two PDFs (files are never stored from inside one).
  await seedDocuments(prisma, media.store);
  // After the documents: a procedure's legal basis is looked up by the documents' numbers.
  await prisma.$transaction((tx) => seedProcedures(tx));
  await prisma.$transaction((tx) => seedQuestions(tx));
  await rebuildSearchIndex(prisma);
  return true;
}
