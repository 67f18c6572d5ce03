import type { TestApp } from "./app.js";

export type Fields = Record<string, string | string[]>;

/** A urlencoded body as a browser sends the PAR year form: a list is its rows, repeated as "name[]". */
export function formBody(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) params.append(`${name}[]`, v);
    else params.append(name, value);
  }
  return params.toString();
}

/** Every PAR year as stored, to prove a refusal changed nothing. */
export async function parSnapshot(t: TestApp): Promise<string> {
  const years = await t.prisma.parYear.findMany({
    orderBy: { year: "asc" },
    include: { components: { orderBy: { id: "asc" } }, comparisons: { orderBy: { id: "asc" } } },
  });
  return JSON.stringify(years);
}
