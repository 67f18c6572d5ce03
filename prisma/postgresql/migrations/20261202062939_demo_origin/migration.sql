-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'staff';

-- AlterTable
ALTER TABLE "Photo" ADD COLUMN     "generated" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Article_origin_idx" ON "Article"("origin");

-- The two articles of the seed page (prisma/seed.ts), created by no user: demo content, not staff's.
UPDATE "Article" SET "origin" = 'seed'
WHERE "createdById" IS NULL AND "slug" IN (
  'thanh-pho-can-tho-ban-hanh-quy-che-thuc-hien-co-che-mot-cua',
  'thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016'
);
