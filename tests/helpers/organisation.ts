import crypto from "node:crypto";
import type { PrismaClient } from "../../src/db.js";
import { personSearchText } from "../../src/services/people.js";

// Factories for the "who we are" tests: units, people and introduction pages with unique values.

const unique = () => crypto.randomBytes(4).toString("hex");

export async function buildUnit(
  prisma: PrismaClient,
  data: { name?: string; slug?: string; parentId?: number | null; kind?: string; listed?: boolean; nameEn?: string; duties?: string; phone?: string; email?: string; position?: number } = {},
) {
  const id = unique();
  return prisma.department.create({
    data: {
      name: data.name ?? `Bộ phận thử ${id}`,
      slug: data.slug ?? `bo-phan-thu-${id}`,
      parentId: data.parentId ?? null,
      kind: data.kind ?? "division",
      listed: data.listed ?? true,
      nameEn: data.nameEn ?? "",
      duties: data.duties ?? "",
      phone: data.phone ?? "",
      email: data.email ?? "",
      position: data.position ?? 100,
    },
  });
}

export async function buildPerson(
  prisma: PrismaClient,
  data: { name?: string; position?: string; positionEn?: string; unitId?: number | null; leader?: boolean; sortOrder?: number; phone?: string; email?: string; photoId?: number | null; bio?: string } = {},
) {
  const unit = data.unitId ? await prisma.department.findUniqueOrThrow({ where: { id: data.unitId } }) : null;
  const person = { name: data.name ?? `Cán bộ thử ${unique()}`, position: data.position ?? "Chuyên viên", positionEn: data.positionEn ?? "" };
  return prisma.person.create({
    data: {
      ...person,
      unitId: unit?.id ?? null,
      leader: data.leader ?? false,
      sortOrder: data.sortOrder ?? 1000,
      phone: data.phone ?? "",
      email: data.email ?? "",
      photoId: data.photoId ?? null,
      bio: data.bio ?? "",
      searchText: personSearchText(person, unit),
    },
  });
}

export async function buildIntroPage(
  prisma: PrismaClient,
  data: { title?: string; slug?: string; body?: string; parentId?: number | null; titleEn?: string; slugEn?: string | null; bodyEn?: string; inMenu?: boolean; status?: string; position?: number } = {},
) {
  const id = unique();
  return prisma.introPage.create({
    data: {
      title: data.title ?? `Trang thử ${id}`,
      slug: data.slug ?? `trang-thu-${id}`,
      body: data.body ?? "<p>Nội dung trang thử.</p>",
      parentId: data.parentId ?? null,
      titleEn: data.titleEn ?? "",
      slugEn: data.slugEn ?? null,
      bodyEn: data.bodyEn ?? "",
      inMenu: data.inMenu ?? true,
      status: data.status ?? "published",
      position: data.position ?? 100,
    },
  });
}

/** The office of the demo content (prisma/seed-organisation.ts). */
export const seededOffice = (prisma: PrismaClient) => prisma.department.findUniqueOrThrow({ where: { slug: "phong-cai-cach-hanh-chinh" } });
