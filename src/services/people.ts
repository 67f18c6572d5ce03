import type { Db, PrismaClient } from "../db.js";
import { HttpError, notFound } from "../errors.js";
import { recordAudit, type Actor } from "./audit.js";
import { reorderSiblings } from "./organisation-tree.js";
import { searchTextOf } from "./section-search.js";

// Leaders and contact officials (Person), in the order the office sets (sortOrder). The directory
// finds them by their folded name, position and unit name (searchText), kept up to date here on
// every write of a person and, through refreshPeopleOfUnit, when their unit is renamed.

export interface PersonInput {
  name: string;
  position: string;
  positionEn: string;
  unitId: number | null;
  photoId: number | null;
  bio: string;
  bioEn: string;
  phone: string;
  email: string;
  leader: boolean;
}

interface SearchableUnit {
  name: string;
  nameEn: string;
}

/** The folded text the directory search matches against. */
export function personSearchText(person: Pick<PersonInput, "name" | "position" | "positionEn">, unit: SearchableUnit | null): string {
  return searchTextOf(person.name, person.position, person.positionEn, unit?.name, unit?.nameEn);
}

/** After a unit is renamed: its people's search text names it anew. */
export async function refreshPeopleOfUnit(db: Db, unitId: number): Promise<void> {
  const unit = await db.department.findUnique({ where: { id: unitId }, select: { name: true, nameEn: true } });
  const people = await db.person.findMany({ where: { unitId } });
  for (const p of people) {
    await db.person.update({ where: { id: p.id }, data: { searchText: personSearchText(p, unit) } });
  }
}

export async function getPerson(prisma: Db, id: number) {
  const person = await prisma.person.findUnique({ where: { id } });
  if (!person) throw notFound("Không tìm thấy cán bộ này.");
  return person;
}

/** The admin list, in the office's order, with each person's unit. */
export async function listPeopleForAdmin(prisma: PrismaClient) {
  return prisma.person.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    include: { unit: { select: { name: true } } },
  });
}

async function personData(db: Db, input: PersonInput) {
  const unit = input.unitId ? await db.department.findUnique({ where: { id: input.unitId }, select: { name: true, nameEn: true } }) : null;
  if (input.unitId && !unit) throw new HttpError(422, "Đơn vị không tồn tại.", { unitId: "Đơn vị đã chọn không tồn tại." });
  if (input.photoId && !(await db.photo.findUnique({ where: { id: input.photoId }, select: { id: true } }))) {
    throw new HttpError(422, "Ảnh không tồn tại.", { photoId: `Không có ảnh số ${input.photoId} trong thư viện ảnh.` });
  }
  return { ...input, searchText: personSearchText(input, unit) };
}

// Each write (checks, row, audit entry) is one transaction; the routes clear caches after it.
export async function createPerson(prisma: PrismaClient, actor: Actor, input: PersonInput) {
  return prisma.$transaction(async (tx) => {
    const data = await personData(tx, input);
    const last = await tx.person.findFirst({ orderBy: [{ sortOrder: "desc" }], select: { sortOrder: true } });
    const person = await tx.person.create({ data: { ...data, sortOrder: (last?.sortOrder ?? -1) + 1 } });
    await recordAudit(tx, { ...actor, action: "person.create", target: person.name, detail: person.position });
    return person;
  });
}

export async function updatePerson(prisma: PrismaClient, actor: Actor, id: number, input: PersonInput) {
  return prisma.$transaction(async (tx) => {
    await getPerson(tx, id);
    const person = await tx.person.update({ where: { id }, data: await personData(tx, input) });
    await recordAudit(tx, { ...actor, action: "person.update", target: person.name, detail: person.position });
    return person;
  });
}

/** Up or down in the office's order (one list for everybody: the leaders keep their order among themselves). */
export async function movePerson(prisma: PrismaClient, actor: Actor, id: number, direction: "up" | "down") {
  return prisma.$transaction(async (tx) => {
    const person = await getPerson(tx, id);
    const rows = (await tx.person.findMany({ select: { id: true, sortOrder: true } })).map((p) => ({ id: p.id, parentId: null, position: p.sortOrder }));
    const changes = reorderSiblings(rows, id, direction);
    for (const change of changes) await tx.person.update({ where: { id: change.id }, data: { sortOrder: change.position } });
    if (changes.length) await recordAudit(tx, { ...actor, action: "person.move", target: person.name, detail: direction });
    return person;
  });
}

export async function deletePerson(prisma: PrismaClient, actor: Actor, id: number) {
  return prisma.$transaction(async (tx) => {
    const person = await getPerson(tx, id);
    await tx.person.delete({ where: { id } });
    await recordAudit(tx, { ...actor, action: "person.delete", target: person.name, detail: person.position });
    return person;
  });
}
