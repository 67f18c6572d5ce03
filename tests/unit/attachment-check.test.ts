import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HttpError } from "../../src/errors.js";
import { checkAttachment, cleanAttachmentName, extractPdfText, sizeLabel } from "../../src/services/attachments.js";
import { foldPdfText, PDF_TEXT_MAX } from "../../src/services/attachments-pdf-text.js";
import { FIXTURES, ole2, pdf } from "../fixtures/files/make-attachments.js";

const FIXTURE_DIR = path.resolve(import.meta.dirname, "../fixtures/files");
const fixture = (name: string) => path.join(FIXTURE_DIR, name);

async function refusal(input: string | Buffer, name: string, options = {}): Promise<HttpError> {
  const error = await checkAttachment(input, name, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe("the committed fixtures", () => {
  it("are what make-attachments.ts makes (run it after changing a fixture)", () => {
    for (const [name, make] of Object.entries(FIXTURES)) {
      expect(fs.readFileSync(fixture(name)).equals(make()), name).toBe(true);
    }
  });
});

describe("checkAttachment accepts the seven kinds by their bytes", () => {
  it.each([
    ["van-ban.pdf", "pdf", "application/pdf"],
    ["van-ban.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["bang-phi.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["van-ban.odt", "odt", "application/vnd.oasis.opendocument.text"],
    ["bang-phi.ods", "ods", "application/vnd.oasis.opendocument.spreadsheet"],
    ["to-khai.doc", "doc", "application/msword"],
    ["bang-phi.xls", "xls", "application/vnd.ms-excel"],
  ])("%s is %s", async (name, extension, contentType) => {
    const shown = `Quyết định ${name}`;
    const checked = await checkAttachment(fixture(name), shown, { maxBytes: 1024 * 1024 });
    expect(checked).toMatchObject({ extension, contentType, originalName: shown, size: fs.statSync(fixture(name)).size, input: fixture(name) });
    expect(checked.key).toMatch(new RegExp(`^[0-9a-f]{32}\\.${extension}$`));
  });

  it("reads a buffer as well as a file, and an upper-case extension", async () => {
    const checked = await checkAttachment(fs.readFileSync(fixture("van-ban.pdf")), "BIEU-MAU.PDF");
    expect(checked).toMatchObject({ extension: "pdf", originalName: "BIEU-MAU.PDF" });
  });

  it("follows a compound file's directory over several sectors", async () => {
    const streams: [string, Buffer][] = Array.from({ length: 9 }, (_, i) => [`Stream${i}`, Buffer.alloc(16)]);
    const xls = ole2([...streams, ["Workbook", Buffer.alloc(16)]]);
    expect((await checkAttachment(xls, "nhieu-luong.xls")).extension).toBe("xls");
  });
});

describe("checkAttachment refuses, naming the file and why", () => {
  it.each([
    ["chuong-trinh.exe", "bieu-mau.pdf", /chương trình chạy được \(EXE\)/],
    ["chuong-trinh.elf", "to-khai.doc", /chương trình chạy được \(ELF\)/],
    ["lenh.sh", "lenh.sh", /mã lệnh \(script\)/],
    ["lenh.js", "bao-cao.pdf", /mã lệnh \(script\)/],
    ["lenh.bat", "lenh.bat", /mã lệnh \(script\)/],
    ["trang.html", "trang.pdf", /trang HTML/],
    ["drawing.svg", "hinh.pdf", /ảnh SVG/],
    ["nen.zip", "ho-so.docx", /tệp nén ZIP/],
    ["nen.gz", "ho-so.pdf", /tệp nén GZ/],
    ["nen.7z", "ho-so.pdf", /tệp nén 7Z/],
    ["nen.rar", "ho-so.pdf", /tệp nén RAR/],
    ["co-macro.docx", "co-macro.docx", /macro \(mã lệnh VBA\)/],
    ["co-macro.doc", "co-macro.doc", /macro \(mã lệnh VBA\)/],
    ["trinh-chieu.pptx", "trinh-chieu.pptx", /không thuộc các loại được nhận/],
    ["bo-cai.msi", "bo-cai.doc", /không phải tài liệu được nhận/],
    ["script.jpg", "anh.pdf", /mã lệnh|không phải tài liệu/],
  ])("%s named %s", async (file, name, reason) => {
    const error = await refusal(fixture(file), name);
    expect(error.status).toBe(422);
    expect(error.message).toContain(`«${name}»`);
    expect(error.message).toMatch(reason);
    expect(error.fields).toEqual({ files: error.message });
  });

  it("an ODF package with Basic macros", async () => {
    const odt = FIXTURES["van-ban.odt"]!; // the plain one for comparison
    expect((await checkAttachment(odt(), "a.odt")).extension).toBe("odt");
    const { odf } = await import("../fixtures/files/make-attachments.js");
    const withMacro = odf("text", "x", [["Basic/Standard/Module1.xml", "<script:module/>"]]);
    expect((await refusal(withMacro, "a.odt")).message).toMatch(/macro \(mã lệnh Basic\)/);
    // Empty library indexes are not macros.
    const emptyLibrary = odf("text", "x", [["Basic/script-lc.xml", "<x/>"], ["Basic/Standard/script-lb.xml", "<x/>"]]);
    expect((await checkAttachment(emptyLibrary, "a.odt")).extension).toBe("odt");
  });

  it("a password-protected office file (an OLE2 file holding the encrypted package)", async () => {
    const encrypted = ole2([["EncryptionInfo", Buffer.alloc(16)], ["EncryptedPackage", Buffer.alloc(16)]]);
    expect((await refusal(encrypted, "bang-luong.xlsx")).message).toMatch(/được đặt mật khẩu, không đọc được; hãy bỏ mật khẩu/);
  });

  it("a PDF named .docx and a DOCX named .pdf: the bytes contradict the extension", async () => {
    const a = await refusal(fixture("van-ban.pdf"), "quyet-dinh.docx");
    expect(a.message).toBe("Tệp «quyet-dinh.docx» có đuôi .docx nhưng nội dung là PDF. Hãy chọn đúng tệp hoặc đặt lại đúng đuôi .pdf.");
    const b = await refusal(fixture("van-ban.docx"), "quyet-dinh.pdf");
    expect(b.message).toMatch(/có đuôi \.pdf nhưng nội dung là Word \(DOCX\)/);
    const c = await refusal(fixture("to-khai.doc"), "to-khai.xls");
    expect(c.message).toMatch(/nội dung là Word \(DOC\)/);
  });

  it("an extension outside the seven, or none, even with good bytes", async () => {
    expect((await refusal(fixture("van-ban.pdf"), "quyet-dinh.txt")).message).toMatch(/có đuôi «\.txt»; chỉ nhận tệp có đuôi \.pdf, \.doc/);
    expect((await refusal(fixture("van-ban.pdf"), "quyet-dinh")).message).toMatch(/không có đuôi tệp/);
  });

  it("an empty file, and one larger than the limit (413)", async () => {
    const empty = await refusal(fixture("rong.pdf"), "rong.pdf");
    expect([empty.status, empty.message]).toEqual([422, "Tệp «rong.pdf» rỗng (0 byte)."]);
    const big = await refusal(pdf(["x".repeat(3000)]), "lon.pdf", { maxBytes: 2048 });
    expect(big.status).toBe(413);
    expect(big.message).toMatch(/^Tệp «lon\.pdf» lớn quá 2 KB, giới hạn của mỗi tệp đính kèm\.$/);
  });

  it("a damaged ZIP or compound file", async () => {
    const zipHead = Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(100)]);
    expect((await refusal(zipHead, "hong.docx")).message).toMatch(/tệp nén ZIP/);
    const oleHead = Buffer.concat([fs.readFileSync(fixture("to-khai.doc")).subarray(0, 512), Buffer.alloc(100)]);
    expect((await refusal(oleHead, "hong.doc")).message).toMatch(/OLE2 hỏng/);
  });
});

describe("the name kept for display and download", () => {
  it("is NFC, without folders, control or direction characters, and capped", () => {
    expect(cleanAttachmentName("C:\\Users\\a\\Quye\u0302\u0301t đi\u0323nh.pdf")).toBe("Quyết định.pdf");
    expect(cleanAttachmentName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(cleanAttachmentName("bao\u0000cao\r\n\u202Efdp.exe.pdf")).toBe("baocaofdp.exe.pdf");
    expect(cleanAttachmentName("   ")).toBe("tep-dinh-kem");
    const long = cleanAttachmentName(`${"Quyết định ".repeat(30)}.docx`);
    expect(long.length).toBeLessThanOrEqual(150);
    expect(long.endsWith(".docx")).toBe(true);
  });
});

describe("sizes in Vietnamese number format", () => {
  it("reads like a file manager", () => {
    expect(sizeLabel(850)).toBe("850 byte");
    expect(sizeLabel(1536)).toBe("1,5 KB");
    expect(sizeLabel(350 * 1024)).toBe("350 KB");
    expect(sizeLabel(Math.round(1.2 * 1024 * 1024))).toBe("1,2 MB");
    expect(sizeLabel(20 * 1024 * 1024)).toBe("20 MB");
  });
});

describe("PDF text", () => {
  it("is extracted, folded for search", async () => {
    const text = await extractPdfText(fixture("van-ban.pdf"));
    expect(text).toContain("quyet dinh ban hanh quy che mot cua lien thong");
    expect(text).toContain("ubnd thanh pho can tho");
  });

  it("is empty for a damaged PDF, and for one that takes longer than the limit", async () => {
    expect(await extractPdfText(Buffer.from("%PDF-1.4\nthis is not a pdf"))).toBe("");
    expect(await extractPdfText(fixture("van-ban.pdf"), 1)).toBe("");
  });

  it("is folded, its spaces collapsed and capped", () => {
    expect(foldPdfText("  Cần   Thơ\n\nĐỒNG Tháp ")).toBe("can tho dong thap");
    expect(foldPdfText("a ".repeat(PDF_TEXT_MAX)).length).toBe(PDF_TEXT_MAX);
  });
});
