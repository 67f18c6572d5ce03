import { fileTypeFromBuffer } from "file-type";
import type { ByteSource } from "./byte-source.js";
import { OLE2_SIGNATURE, readOle2Names } from "./ole2-entries.js";
import { readZipEntries, readZipEntry, type ZipEntry } from "./zip-entries.js";

// What a file IS, from its bytes alone (its name is never trusted): one of the seven accepted
// kinds, or the reason it is refused. file-type names most binary formats; the office containers
// are opened here, because file-type calls every OLE2 file "cfb" (Word, Excel, PowerPoint and
// installers alike) and because a macro-enabled DOCM/XLSM is a ZIP like any DOCX.

export const ATTACHMENT_KINDS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export type RefusedKind = "executable" | "archive" | "html" | "svg" | "script" | "macro" | "encrypted" | "other-office" | "other";

export type Detected = { kind: AttachmentKind; label: string } | { refused: RefusedKind; label: string };

const accepted = (kind: AttachmentKind): Detected => ({ kind, label: KIND_LABELS[kind] });
const refused = (reason: RefusedKind, label: string): Detected => ({ refused: reason, label });

export const KIND_LABELS: Record<AttachmentKind, string> = {
  pdf: "PDF",
  doc: "Word (DOC)",
  docx: "Word (DOCX)",
  xls: "Excel (XLS)",
  xlsx: "Excel (XLSX)",
  odt: "OpenDocument văn bản (ODT)",
  ods: "OpenDocument bảng tính (ODS)",
};

const EXECUTABLES = new Set(["exe", "elf", "mach", "macho", "class", "wasm", "dex", "deb", "rpm", "apk", "jar", "msi", "lnk", "swf", "crx", "dmg"]);
const ARCHIVES = new Set(["zip", "rar", "7z", "gz", "bz2", "xz", "tar", "zst", "lz", "lzh", "cab", "Z", "ar", "cpio", "arj", "lz4", "zlib", "iso", "vhd", "vhdx"]);

async function detectOle2(source: ByteSource): Promise<Detected> {
  const names = await readOle2Names(source);
  if (!names) return refused("other", "tệp OLE2 hỏng");
  const has = (name: string) => names.includes(name);
  // A password-protected DOCX or XLSX is an OLE2 file holding the encrypted package.
  if (has("EncryptedPackage")) return refused("encrypted", "Office");
  if (has("Macros") || has("_VBA_PROJECT_CUR") || has("VBA")) return refused("macro", "VBA");
  if (has("WordDocument")) return accepted("doc");
  if (has("Workbook") || has("Book")) return accepted("xls");
  if (has("PowerPoint Document")) return refused("other-office", "PowerPoint (PPT)");
  return refused("other", "tệp OLE2, có thể là bộ cài đặt MSI");
}

async function detectZip(source: ByteSource): Promise<Detected> {
  const entries = await readZipEntries(source);
  if (!entries) return refused("archive", "ZIP");
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name, e]));
  const types = byName.get("[Content_Types].xml");
  if (types) {
    const xml = (await readZipEntry(source, types, 1024 * 1024))?.toString("utf8") ?? "";
    if (/macroEnabled/i.test(xml) || entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) {
      return refused("macro", "VBA");
    }
    const part = (prefix: string) => entries.some((e) => e.name.startsWith(prefix));
    if (xml.includes("wordprocessingml.document.main+xml") && part("word/")) return accepted("docx");
    if (xml.includes("spreadsheetml.sheet.main+xml") && part("xl/")) return accepted("xlsx");
    if (/presentationml|wordprocessingml|spreadsheetml/.test(xml)) return refused("other-office", "Office khác (PowerPoint, tệp mẫu)");
  }
  const mimetype = byName.get("mimetype");
  if (mimetype) {
    const type = (await readZipEntry(source, mimetype, 256))?.toString("ascii").trim() ?? "";
    // Basic/ holds library indexes even when empty; a module is Basic/<library>/<module>.xml.
    const macro = (name: string) =>
      (/^Basic\/[^/]+\/[^/]+\.xml$/.test(name) && !/\/(script|dialog)-lb\.xml$/.test(name)) || /^Scripts\/.+[^/]$/.test(name);
    if (entries.some((e) => macro(e.name))) return refused("macro", "Basic");
    if (type === "application/vnd.oasis.opendocument.text" && byName.has("content.xml")) return accepted("odt");
    if (type === "application/vnd.oasis.opendocument.spreadsheet" && byName.has("content.xml")) return accepted("ods");
    if (type.startsWith("application/vnd.oasis.opendocument.")) return refused("other-office", "OpenDocument khác (trình chiếu, bản vẽ…)");
  }
  if (byName.has("META-INF/MANIFEST.MF") || byName.has("classes.dex")) return refused("executable", "gói Java/Android");
  return refused("archive", "ZIP");
}

// A text file: HTML and SVG (which a browser runs scripts in) are named; any other text (shell,
// batch, JavaScript, PHP…) is a script as far as this check cares: none of the accepted kinds is text.
function detectText(head: Buffer): Detected {
  const text = head.toString("utf8").replace(/^\uFEFF/, "").trimStart().slice(0, 4096);
  if (/<svg[\s>]/i.test(text)) return refused("svg", "SVG");
  if (/^<!doctype\s+html|<(html|head|body|script|iframe)[\s>]/i.test(text)) return refused("html", "HTML");
  if (text.startsWith("#!")) return refused("script", "script");
  return refused("script", "văn bản");
}

/** The kind of the file's bytes. */
export async function detectAttachmentKind(source: ByteSource): Promise<Detected> {
  const head = await source.read(0, 8192);
  if (head.subarray(0, 8).equals(OLE2_SIGNATURE)) return detectOle2(source);
  if (head.subarray(0, 4).toString("latin1") === "PK\x03\x04" || head.subarray(0, 4).toString("latin1") === "PK\x05\x06") {
    return detectZip(source);
  }
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return accepted("pdf");
  if (head.subarray(0, 2).toString("latin1") === "MZ" || head.subarray(0, 4).toString("latin1") === "\x7fELF") {
    return refused("executable", head[0] === 0x4d ? "EXE" : "ELF");
  }
  const type = await fileTypeFromBuffer(head);
  if (type) {
    if (EXECUTABLES.has(type.ext)) return refused("executable", type.ext.toUpperCase());
    if (ARCHIVES.has(type.ext)) return refused("archive", type.ext.toUpperCase());
    if (type.ext === "xml") return detectText(head);
    return refused("other", `tệp ${type.ext.toUpperCase()}`);
  }
  // Binary bytes no format claims: neither an accepted kind nor text worth naming.
  if (head.includes(0)) return refused("other", "tệp không rõ loại");
  return detectText(head);
}
