import crypto from "node:crypto";
import { HttpError } from "../errors.js";
import { openBytes } from "../lib/byte-source.js";
import { ATTACHMENT_KINDS, detectAttachmentKind, KIND_LABELS, type AttachmentKind, type RefusedKind } from "../lib/attachment-kind.js";
import { contentTypeOf } from "./file-store.js";
import { sizeLabel } from "./attachments-view.js";

export type AttachmentExtension = AttachmentKind;
export const ATTACHMENT_EXTENSIONS: readonly AttachmentExtension[] = ATTACHMENT_KINDS;
/** For <input type="file" accept="…">: a hint to the browser only; the bytes decide. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_KINDS.map((e) => `.${e}`).join(",");
export const ATTACHMENT_TYPES_TEXT = "PDF, Word (DOC, DOCX), Excel (XLS, XLSX), OpenDocument (ODT, ODS)";

/** A file whose bytes were checked, with the random key it will be stored under. */
export interface CheckedAttachment {
  /** The upload's temporary file, or the bytes themselves. */
  input: string | Buffer;
  /** The name shown and sent in Content-Disposition (NFC, no path or control characters). */
  originalName: string;
  extension: AttachmentExtension;
  contentType: string;
  size: number;
  /** `<32 hex>.<extension>`: never derived from the name. */
  key: string;
}

export interface CheckOptions {
  /** Larger files are refused with 413 (config.attachmentMaxBytes). */
  maxBytes?: number;
  /** The form field a refusal is shown beside. */
  field?: string;
}

const NAME_MAX = 150;

/** A stored attachment's key: served only through /tep/:id (owner checked, as a download), never /uploads. */
export const isAttachmentKey = (key: string) => ATTACHMENT_KINDS.some((kind) => key.endsWith(`.${kind}`));

/** The name people gave the file, safe to show and to send back: NFC, no folders, no control or bidi characters. */
export function cleanAttachmentName(name: string, extension?: string): string {
  let clean = name
    .normalize("NFC")
    .replace(/^.*[\\/]/, "")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (clean.length > NAME_MAX) {
    const dot = clean.lastIndexOf(".");
    const tail = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : "";
    clean = `${clean.slice(0, NAME_MAX - tail.length).trimEnd()}${tail}`;
  }
  return clean || `tep-dinh-kem${extension ? `.${extension}` : ""}`;
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
};

// Why the bytes are refused; `label` names what they are (EXE, ZIP, VBA…).
const REFUSAL_REASONS: Record<RefusedKind, (label: string) => string> = {
  executable: (label) => `là chương trình chạy được (${label}), không được nhận`,
  script: () => "là tệp văn bản hoặc mã lệnh (script), không phải tài liệu được nhận",
  html: () => "là trang HTML (có thể chứa mã chạy trong trình duyệt), không được nhận",
  svg: () => "là ảnh SVG (có thể chứa mã chạy được), không được nhận",
  archive: (label) => `là tệp nén ${label}, không được nhận; hãy tải lên từng tài liệu, không nén`,
  macro: (label) => `có chứa macro (mã lệnh ${label}), không được nhận; hãy lưu lại thành tệp không có macro rồi tải lên`,
  encrypted: (label) => `là tệp ${label} được đặt mật khẩu, không đọc được; hãy bỏ mật khẩu rồi tải lên`,
  "other-office": (label) => `là tệp ${label}, không thuộc các loại được nhận`,
  other: (label) => `không phải tài liệu được nhận (nội dung là ${label})`,
};

const refuse = (status: number, message: string, field: string) => new HttpError(status, message, { [field]: message });

/**
 * Checks one file by its bytes: not empty, not larger than maxBytes (413), one of the seven
 * kinds, and its extension the one its bytes show. Throws a Vietnamese refusal (422 or 413) naming
 * the file; keeps nothing (the caller's temporary file is removed by the upload middleware).
 */
export async function checkAttachment(input: string | Buffer, originalName: string, options: CheckOptions = {}): Promise<CheckedAttachment> {
  const field = options.field ?? "files";
  const shown = cleanAttachmentName(originalName);
  const source = await openBytes(input);
  try {
    if (source.size === 0) throw refuse(422, `Tệp «${shown}» rỗng (0 byte).`, field);
    if (options.maxBytes !== undefined && source.size > options.maxBytes) {
      throw refuse(413, `Tệp «${shown}» lớn quá ${sizeLabel(options.maxBytes)}, giới hạn của mỗi tệp đính kèm.`, field);
    }
    const detected = await detectAttachmentKind(source);
    const extension = extensionOf(shown);
    const known = (ATTACHMENT_KINDS as readonly string[]).includes(extension);
    if ("refused" in detected) {
      const reason = REFUSAL_REASONS[detected.refused](detected.label);
      throw refuse(422, `Tệp «${shown}» ${reason}. Chỉ nhận ${ATTACHMENT_TYPES_TEXT}; hệ thống xem nội dung tệp, không dựa vào tên.`, field);
    }
    if (!known) {
      const named = extension ? `có đuôi «.${extension}»` : "không có đuôi tệp";
      throw refuse(422, `Tệp «${shown}» ${named}; chỉ nhận tệp có đuôi ${ATTACHMENT_KINDS.map((e) => `.${e}`).join(", ")}.`, field);
    }
    if (extension !== detected.kind) {
      throw refuse(
        422,
        `Tệp «${shown}» có đuôi .${extension} nhưng nội dung là ${KIND_LABELS[detected.kind]}. Hãy chọn đúng tệp hoặc đặt lại đúng đuôi .${detected.kind}.`,
        field,
      );
    }
    const kind = detected.kind;
    return {
      input,
      originalName: cleanAttachmentName(originalName, kind),
      extension: kind,
      contentType: contentTypeOf(`x.${kind}`),
      size: source.size,
      key: `${crypto.randomBytes(16).toString("hex")}.${kind}`,
    };
  } finally {
    await source.close();
  }
}

export interface UploadedAttachment {
  path: string;
  originalName: string;
}

/**
 * Checks every file before anything is stored: one refusal refuses the whole upload, and says so.
 * Accepts multer's files ({path, originalname}) or {path, originalName}.
 */
export async function checkAttachments(
  files: readonly (UploadedAttachment | Express.Multer.File)[],
  options: CheckOptions = {},
): Promise<CheckedAttachment[]> {
  const checked: CheckedAttachment[] = [];
  for (const file of files) {
    const name = "originalName" in file ? file.originalName : file.originalname;
    try {
      checked.push(await checkAttachment(file.path, name, options));
    } catch (error) {
      if (error instanceof HttpError && files.length > 1) {
        const message = `${error.message} Không tệp nào được lưu.`;
        throw new HttpError(error.status, message, { [options.field ?? "files"]: message });
      }
      throw error;
    }
  }
  return checked;
}
