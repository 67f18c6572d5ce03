import { fold } from "../lib/fold.js";

/** What a page shows for one attachment: a link named after the file, then its type and size. */
export interface AttachmentView {
  id: number;
  /** The original file name, shown as the link text. */
  name: string;
  /** The public download address, /tep/:id/:name. */
  url: string;
  /** The staff download address (any owner, published or not), /admin/tep/:id/:name. */
  staffUrl: string;
  extension: string;
  /** "PDF", "DOCX"… */
  typeLabel: string;
  size: number;
  /** "1,2 MB", "350 KB": Vietnamese number format. */
  sizeLabel: string;
  /** Screen readers and the title attribute: "PDF, 1,2 MB". */
  details: string;
}

interface AttachmentRow {
  id: number;
  originalName: string;
  extension: string;
  size: number;
}

const decimal = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });

/** A size as people read it: "850 byte", "350 KB", "1,2 MB" (1 KB = 1,024 bytes, as file managers count). */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${whole.format(bytes)} byte`;
  const kb = bytes / 1024;
  if (kb < 1000) return `${(kb < 10 ? decimal : whole).format(kb)} KB`;
  const mb = kb / 1024;
  return `${(mb < 100 ? decimal : whole).format(mb)} MB`;
}

// The name in the address is for people reading the link (and "save as" in old browsers); the
// route reads only the id. Folded to ASCII so the address stays short and readable when copied.
const urlName = (name: string) => encodeURIComponent(fold(name).replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "tep");

export const attachmentUrl = (row: { id: number; originalName: string }) => `/tep/${row.id}/${urlName(row.originalName)}`;
export const staffAttachmentUrl = (row: { id: number; originalName: string }) => `/admin${attachmentUrl(row)}`;

export function attachmentView(row: AttachmentRow): AttachmentView {
  const typeLabel = row.extension.toUpperCase();
  const size = sizeLabel(row.size);
  return {
    id: row.id,
    name: row.originalName,
    url: attachmentUrl(row),
    staffUrl: staffAttachmentUrl(row),
    extension: row.extension,
    typeLabel,
    size: row.size,
    sizeLabel: size,
    details: `${typeLabel}, ${size}`,
  };
}
