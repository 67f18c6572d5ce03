import type { PrismaClient } from "../db.js";
import { conflict, forbidden, HttpError, notFound } from "../errors.js";
import type { Page } from "../lib/pagination.js";
import { formatStamp } from "../lib/vi-time.js";
import { displayStatus, isEditor } from "./article-access.js";
import { recordAudit } from "./audit.js";
import {
  encodeImage,
  inspectImage,
  photoKeys,
  photoRow,
  photoView,
  type InspectedImage,
  type MediaOptions,
  type PhotoView,
  type ProcessedImage,
} from "./media.js";
import type { PhotoSearch } from "./media-search.js";
import type { CurrentUser } from "./users.js";
import type { FileStore } from "./file-store.js";

/** Photos per page of the library and of the picker. */
export const LIBRARY_PAGE_SIZE = 24;

export interface UploadedFile {
  /** The upload's temporary file: nothing is held in memory. */
  path: string;
  originalName: string;
}

export interface PhotoText {
  caption: string;
  alt: string;
  credit: string;
}

export type LibraryPhoto = PhotoView & {
  originalName: string;
  uploadedAt: string;
  usedBy: number;
  isPlaceholder: boolean;
};

/**
 * All or nothing: every file is inspected (size, type by content, dimensions from the header)
 * before any is decoded, then each is converted before any row is written; one refusal removes
 * the files already made, so a refused upload leaves nothing behind.
 */
export async function uploadPhotos(
  prisma: PrismaClient,
  files: UploadedFile[],
  texts: PhotoText[],
  options: MediaOptions,
  uploader: CurrentUser,
): Promise<PickerItem[]> {
  if (files.length === 0) {
    const message = "Vui lòng chọn ít nhất một ảnh để tải lên.";
    throw new HttpError(422, message, { file: message });
  }
  const inspected: InspectedImage[] = [];
  for (const file of files) inspected.push(await naming(file, files.length, () => inspectImage(file.path, options)));
  const done: ProcessedImage[] = [];
  try {
    for (const [i, image] of inspected.entries()) done.push(await naming(files[i]!, files.length, () => encodeImage(image, options)));
    const rows = await prisma.$transaction(
      done.map((image, i) =>
        prisma.photo.create({ data: photoRow(image, { ...(texts[i] ?? texts[0]!), originalName: files[i]!.originalName, uploadedById: uploader.id }) }),
      ),
    );
    return rows.map(pickerItem);
  } catch (error) {
    await options.store.delete(...done.flatMap((image) => image.keys));
    throw error;
  }
}

/** A refusal names the file it is about, and says that none of the upload was kept. */
async function naming<T>(file: UploadedFile, count: number, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const others = count > 1 ? " Chưa ảnh nào trong lần tải này được lưu; hãy bỏ tệp đó rồi tải lại." : "";
    const message = `«${file.originalName || "tệp không tên"}»: ${error.message}${others}`;
    throw new HttpError(error.status, message, { file: message });
  }
}

/** A photo as GET /admin/media answers scripts and the editor's picker (product.md). */
export interface PickerItem {
  id: number;
  fileUrl: string;
  caption: string;
  alt: string;
  credit: string;
  width: number;
  height: number;
}

export const pickerItem = (row: Parameters<typeof photoView>[0]): PickerItem => ({
  id: row.id,
  fileUrl: photoView(row).src,
  caption: row.caption,
  alt: row.alt,
  credit: row.credit,
  width: row.width,
  height: row.height,
});

/**
 * One page of the library, newest first, all of it or the photos whose caption, alt text or credit
 * hold every word of `q` (ignoring case and diacritics), with how many articles use each photo.
 */
export async function listPhotos(
  prisma: PrismaClient,
  search: PhotoSearch,
  q: string,
  pageNumber: number,
): Promise<{ photos: LibraryPhoto[]; items: PickerItem[]; page: Page }> {
  const { ids, page } = await search.find(prisma, q, pageNumber, LIBRARY_PAGE_SIZE);
  const rows = await prisma.photo.findMany({ where: { id: { in: ids } }, include: { _count: { select: { articles: true } } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A photo deleted between the two reads is simply left out.
  const ordered = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const photos = ordered.map((row) => ({
    ...photoView(row),
    originalName: row.originalName,
    uploadedAt: formatStamp(row.createdAt),
    usedBy: row._count.articles,
    isPlaceholder: row.isPlaceholder,
  }));
  return { photos, items: ordered.map(pickerItem), page };
}

async function findPhoto(prisma: PrismaClient, id: number) {
  const photo = await prisma.photo.findUnique({ where: { id } });
  if (!photo) throw notFound("Không tìm thấy ảnh này trong thư viện.");
  return photo;
}

/** Editors manage the whole library; an author only the photos they uploaded. */
function assertCanManage(user: CurrentUser, photo: { uploadedById: number | null }): void {
  if (!isEditor(user) && photo.uploadedById !== user.id) throw forbidden("Bạn chỉ được sửa hoặc xoá ảnh do chính mình tải lên.");
}

/**
 * Where a photo is used: articles (any status, trash included), attached or inside their text,
 * and the site banner. An author is shown the titles of their own articles and of those already on
 * the site; others' drafts, pending and scheduled articles are only counted, since their titles are
 * not the author's to read.
 */
async function usageOf(prisma: PrismaClient, user: CurrentUser, photo: { id: number; fileKey: string }, now: Date) {
  const articleSelect = { id: true, title: true, createdById: true, status: true, publishedAt: true, deletedAt: true } as const;
  const [links, inText, settings] = await Promise.all([
    prisma.articlePhoto.findMany({ where: { photoId: photo.id }, include: { article: { select: articleSelect } } }),
    // Placed inside an article's text (src/services/media-inline.ts): the key names its files.
    prisma.article.findMany({ where: { body: { contains: `/uploads/${photo.fileKey}-` } }, select: articleSelect }),
    prisma.siteSettings.findUnique({ where: { id: 1 }, select: { bannerPhotoId: true } }),
  ]);
  const byId = new Map([...links.map((l) => l.article), ...inText].map((a) => [a.id, a]));
  const all = [...byId.values()];
  const visible = all.filter((a) => isEditor(user) || a.createdById === user.id || displayStatus(a, now) === "published");
  return {
    articles: visible.map(({ id: articleId, title }) => ({ id: articleId, title })),
    hiddenCount: all.length - visible.length,
    total: all.length,
    isBanner: settings?.bannerPhotoId === photo.id,
  };
}

export async function getPhotoDetails(prisma: PrismaClient, user: CurrentUser, id: number, now: Date) {
  const row = await findPhoto(prisma, id);
  const usage = await usageOf(prisma, user, row, now);
  return {
    photo: { ...photoView(row), originalName: row.originalName, uploadedAt: formatStamp(row.createdAt), isPlaceholder: row.isPlaceholder },
    sizes: row.widths.split(",").map((w) => `${w} px`),
    values: { caption: row.caption, alt: row.alt, credit: row.credit },
    usage,
    canManage: isEditor(user) || row.uploadedById === user.id,
  };
}

export async function updatePhotoText(prisma: PrismaClient, user: CurrentUser, id: number, text: PhotoText) {
  assertCanManage(user, await findPhoto(prisma, id));
  return prisma.photo.update({ where: { id }, data: { caption: text.caption, alt: text.alt, credit: text.credit }, select: { id: true } });
}

/** Only an unused photo can go: an article or the banner would otherwise lose its picture. */
export async function deletePhoto(prisma: PrismaClient, user: CurrentUser, id: number, store: FileStore, ip: string, now: Date): Promise<void> {
  const photo = await findPhoto(prisma, id);
  assertCanManage(user, photo);
  const usage = await usageOf(prisma, user, photo, now);
  if (usage.total) {
    const named = usage.articles.map((a) => `«${a.title}»`);
    if (usage.hiddenCount) named.push(`${usage.hiddenCount} bài của người khác chưa đăng`);
    throw conflict(`Không xoá được: ảnh đang được dùng trong ${usage.total} bài viết (${named.join(", ")}). Hãy bỏ ảnh khỏi các bài đó trước.`);
  }
  if (usage.isBanner) throw conflict("Không xoá được: ảnh đang được dùng làm ảnh đầu trang (banner) trong phần Cấu hình.");
  await prisma.photo.delete({ where: { id } });
  await store.delete(...photoKeys(photo.fileKey, photo.widths.split(",").map(Number)));
  await recordAudit(prisma, { userId: user.id, action: "media.delete", target: `ảnh #${id}`, detail: photo.caption || photo.originalName, ip });
}
