// Folding makes Vietnamese text comparable without case or diacritics:
// "Đồng Tháp" and "dong thap" fold to the same string.
export function toNfc(text: string): string {
  return text.normalize("NFC");
}

export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}
