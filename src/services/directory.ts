import type { PrismaClient } from "../db.js";
import { paginate, type Page } from "../lib/pagination.js";
import { parseSearchQuery } from "../lib/search-terms.js";
import { everyTermIn, searchTextOf, type SectionSearch } from "./section-search.js";
import { contactOf, personViewOf, type ContactView, type PersonView } from "./organisation.js";
import { TAXONOMY_PATHS } from "./taxonomy.js";

// The contact directory (/danh-ba?q=): people and units with their position, unit, phone and
// e-mail, found by name, unit and position ignoring case and diacritics. People match through their
// stored searchText (one LIKE per word, on both databases); units are few, so they are matched in
// memory against the same folded text.

export const DIRECTORY_PAGE_SIZE = 50;

export interface DirectoryPerson extends PersonView {
  unitUrl: string | null;
  /** Demo content (origin "seed"): the page says so. */
  demo: boolean;
}

export interface DirectoryUnit extends ContactView {
  id: number;
  name: string;
  nameEn: string;
  parentName: string;
  url: string;
  address: string;
}

export interface DirectoryResult {
  /** The query as shown back ("" for the whole directory). */
  q: string;
  people: DirectoryPerson[];
  units: DirectoryUnit[];
  page: Page;
}

/** Every listed unit, in the tree's stored order, with the folded text it is found by. */
async function directoryUnits(prisma: PrismaClient) {
  const units = await prisma.department.findMany({
    where: { listed: true },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    include: { parent: { select: { name: true } } },
  });
  return units.map((u) => ({
    view: {
      id: u.id,
      name: u.name,
      nameEn: u.nameEn,
      parentName: u.parent?.name ?? "",
      url: `${TAXONOMY_PATHS.department}/${u.slug}`,
      address: u.address,
      ...contactOf(u),
    },
    searchText: searchTextOf(u.name, u.nameEn, u.organization, u.parent?.name),
  }));
}

/** One page of people matching every word (all of them without words), and the matching units. */
export async function searchDirectory(prisma: PrismaClient, rawQuery: string, pageNumber: number): Promise<DirectoryResult> {
  const { text, terms } = parseSearchQuery(rawQuery);
  const where = everyTermIn(terms);
  const total = await prisma.person.count({ where });
  const page = paginate(pageNumber, DIRECTORY_PAGE_SIZE, total);
  const [people, units] = await Promise.all([
    prisma.person.findMany({
      where,
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      skip: page.skip,
      take: page.pageSize,
      include: { unit: { select: { name: true, nameEn: true, slug: true, listed: true } } },
    }),
    directoryUnits(prisma),
  ]);
  return {
    q: text,
    page,
    people: people.map((p) => ({
      ...personViewOf(p),
      unitUrl: p.unit?.listed ? `${TAXONOMY_PATHS.department}/${p.unit.slug}` : null,
      demo: p.origin === "seed",
    })),
    // Units on the first page only: the pages number the people.
    units: page.page === 1 ? units.filter((u) => terms.every((t) => u.searchText.includes(t))).map((u) => u.view) : [],
  };
}

/** For the site search (the lead wires it): people found by name, position and unit. */
export const directorySectionSearch: SectionSearch = async (prisma, _now, terms, skip, take) => {
  const where = everyTermIn(terms);
  const [total, people] = await Promise.all([
    prisma.person.count({ where }),
    prisma.person.findMany({ where, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], skip, take, include: { unit: { select: { name: true } } } }),
  ]);
  const hits = people.map((p) => ({
    title: p.name,
    url: `/danh-ba?q=${encodeURIComponent(p.name)}`,
    text: [p.position, p.unit?.name, p.phone, p.email].filter(Boolean).join(" · "),
    date: null,
    label: "Danh bạ",
  }));
  return { total, hits };
};
