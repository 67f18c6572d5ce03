import { fold } from "./fold.js";

const MAX_SLUG_LENGTH = 120;

// Lowercase ASCII words joined by "-": diacritics removed and đ/Đ become d.
export function slugify(text: string): string {
  const slug = fold(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, "");
}

// "ten-bai" if free, else "ten-bai-2", "ten-bai-3", ...
export async function uniqueSlug(base: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  const root = slugify(base) || "bai-viet";
  if (!(await isTaken(root))) return root;
  for (let n = 2; ; n++) {
    const candidate = `${root}-${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
}
