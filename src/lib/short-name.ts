// A published question names its asker the way Vietnamese portals do: the family name in full and
// the other names as initials, "Nguyễn Văn An" → "Nguyễn V. A.", so a reader sees a real person
// asked without the page identifying them.

const FIRST_LETTER = /[\p{L}\p{N}]/u;

const capitalised = (word: string) => {
  const [first = "", ...rest] = [...word];
  return first.toLocaleUpperCase("vi") + rest.join("");
};

/** "Nguyễn Văn An" → "Nguyễn V. A."; one word stays as it is; blank gives "". NFC in and out. */
export function shortName(fullName: string): string {
  const words = fullName.normalize("NFC").trim().split(/\s+/).filter((w) => FIRST_LETTER.test(w));
  const [family, ...others] = words;
  if (!family) return "";
  const initials = others.map((w) => `${FIRST_LETTER.exec(w)![0].toLocaleUpperCase("vi")}.`);
  return [capitalised(family), ...initials].join(" ");
}
