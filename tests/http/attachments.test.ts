import fs from "node:fs";
import request from "supertest";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { attachmentOwners, listAttachments } from "../../src/services/attachments.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { asBytes, fixture, leftovers, withUploadRoute } from "../helpers/attachments.js";
import { eventually } from "../helpers/eventually.js";
import { buildUser, loginAs } from "../helpers/login.js";

// Owners in these tests are ids with no row behind them: the registry alone decides who is public
// (this file's check stands in for the documents section's own).
const publicOwners = new Set<number>();

let t: TestApp;
let site: ReturnType<typeof withUploadRoute>;
beforeAll(async () => {
  t = await createTestApp({ env: { ATTACHMENT_MAX_MB: "0.05" } });
  site = withUploadRoute(t);
  // After the app: the documents section registered its own check while the app was made.
  attachmentOwners.register("document", async (_prisma, id) => publicOwners.has(id));
});
let nextOwner = 1000;
const newOwner = (isPublic = true) => {
  nextOwner += 1;
  if (isPublic) publicOwners.add(nextOwner);
  return nextOwner;
};

const noLeftovers = async () => {
  const left = await eventually(async () => leftovers(t), (l) => l.incoming.length === 0);
  expect(left.incoming).toEqual([]);
  return left;
};
afterEach(noLeftovers);

const upload = (owner: number, files: [string, string][]) => {
  let req = request(site).post(`/thu-tep/document/${owner}`);
  for (const [file, name] of files) req = req.attach("files", fs.readFileSync(fixture(file)), name);
  return req;
};

describe("uploading attachments through the pipeline", () => {
  it("keeps each of the seven kinds under a random name, with its original name, type and size", async () => {
    const owner = newOwner();
    const files: [string, string][] = [
      ["van-ban.pdf", "Quyết định số 12-2024-QĐ-UBND.pdf"],
      ["van-ban.docx", "Tờ trình.docx"],
      ["bang-phi.xlsx", "Bảng phí.xlsx"],
    ];
    const res = await upload(owner, files).expect(201);
    expect(res.body.ids).toHaveLength(3);
    const more = await upload(owner, [
      ["van-ban.odt", "Văn bản.odt"],
      ["bang-phi.ods", "Lệ phí.ods"],
      ["to-khai.doc", "Tờ khai.doc"],
    ]).expect(201);
    await upload(owner, [["bang-phi.xls", "Phí cũ.xls"]]).expect(201);

    const rows = await t.prisma.attachment.findMany({ where: { ownerType: "document", ownerId: owner }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.originalName, r.extension, r.position])).toEqual([
      ["Quyết định số 12-2024-QĐ-UBND.pdf", "pdf", 0],
      ["Tờ trình.docx", "docx", 1],
      ["Bảng phí.xlsx", "xlsx", 2],
      ["Văn bản.odt", "odt", 3],
      ["Lệ phí.ods", "ods", 4],
      ["Tờ khai.doc", "doc", 5],
      ["Phí cũ.xls", "xls", 6],
    ]);
    expect(rows.map((r) => r.id).slice(3, 6)).toEqual(more.body.ids);
    for (const row of rows) {
      expect(row.fileKey).toMatch(new RegExp(`^[0-9a-f]{32}\\.${row.extension}$`));
      expect(fs.statSync(`${t.config.uploadDir}/${row.fileKey}`).size).toBe(row.size);
    }
    expect(rows[0]!.contentType).toBe("application/pdf");

    const views = (await listAttachments(t.prisma, "document", [owner])).get(owner)!;
    expect(views[0]).toMatchObject({ name: "Quyết định số 12-2024-QĐ-UBND.pdf", typeLabel: "PDF", url: `/tep/${rows[0]!.id}/quyet-dinh-so-12-2024-qd-ubnd.pdf` });
    expect(views[0]!.sizeLabel).toMatch(/^\d+ byte$/);
    expect(views[1]!.details).toMatch(/^DOCX, 1 KB$|^DOCX, \d+ byte$/);
  });

  it("returns the folded text of the PDFs for search", async () => {
    const res = await upload(newOwner(), [["van-ban.pdf", "Quy chế.pdf"], ["van-ban.docx", "b.docx"]]).expect(201);
    expect(res.body.text).toContain("quyet dinh ban hanh quy che mot cua lien thong");
  });

  it.each([
    ["chuong-trinh.exe", "bieu-mau.pdf", /chương trình chạy được/],
    ["chuong-trinh.elf", "chuong-trinh", /chương trình chạy được/],
    ["lenh.sh", "lenh.sh", /mã lệnh/],
    ["lenh.bat", "to-khai.doc", /mã lệnh/],
    ["trang.html", "trang.html", /trang HTML/],
    ["drawing.svg", "so-do.pdf", /ảnh SVG/],
    ["nen.zip", "ho-so.zip", /tệp nén ZIP/],
    ["nen.rar", "ho-so.rar", /tệp nén RAR/],
    ["nen.7z", "ho-so.7z", /tệp nén 7Z/],
    ["nen.gz", "ho-so.gz", /tệp nén GZ/],
    ["van-ban.pdf", "quyet-dinh.docx", /có đuôi \.docx nhưng nội dung là PDF/],
    ["van-ban.docx", "quyet-dinh.pdf", /có đuôi \.pdf nhưng nội dung là Word \(DOCX\)/],
    ["rong.pdf", "rong.pdf", /rỗng \(0 byte\)/],
    ["van-ban.pdf", "quyet-dinh.txt", /có đuôi «\.txt»/],
  ])("refuses %s sent as %s among good files: 422, nothing kept", async (file, name, reason) => {
    const before = leftovers(t).stored.length;
    const rowsBefore = await t.prisma.attachment.count();
    const owner = newOwner();
    const res = await upload(owner, [
      ["van-ban.pdf", "tot-1.pdf"],
      [file, name],
      ["van-ban.docx", "tot-2.docx"],
    ]).expect(422);
    expect(res.body.error).toMatch(reason);
    expect(res.body.error).toContain(`«${name}»`);
    expect(res.body.error).toMatch(/Không tệp nào được lưu\.$/);
    expect(res.body.fields).toEqual({ files: res.body.error });
    expect(await t.prisma.attachment.count()).toBe(rowsBefore);
    const left = await noLeftovers();
    expect(left.stored).toHaveLength(before);
  });

  it("refuses a file over ATTACHMENT_MAX_MB with 413 before reading the rest, nothing kept", async () => {
    const rowsBefore = await t.prisma.attachment.count();
    const big = Buffer.concat([fs.readFileSync(fixture("van-ban.pdf")), Buffer.alloc(60 * 1024, 32)]);
    const res = await request(site)
      .post(`/thu-tep/document/${newOwner()}`)
      .attach("files", fs.readFileSync(fixture("van-ban.pdf")), "nho.pdf")
      .attach("files", big, "Báo cáo lớn.pdf")
      .expect(413);
    expect(res.body.error).toBe("Tệp «Báo cáo lớn.pdf» lớn quá 51 KB, giới hạn của mỗi tệp đính kèm. Không tệp nào được lưu.");
    expect(await t.prisma.attachment.count()).toBe(rowsBefore);
  });

  it("refuses more files than the form takes (422), and a second file where one is taken", async () => {
    const pdf = fs.readFileSync(fixture("van-ban.pdf"));
    const res = await request(site)
      .post(`/thu-tep/document/${newOwner()}`)
      .attach("files", pdf, "1.pdf")
      .attach("files", pdf, "2.pdf")
      .attach("files", pdf, "3.pdf")
      .attach("files", pdf, "4.pdf")
      .expect(422);
    expect(res.body.error).toBe("Mỗi lần tải tối đa 3 tệp đính kèm. Không tệp nào được lưu.");
    const one = await request(site).post(`/thu-tep-mot/document/${newOwner()}`).attach("file", pdf, "1.pdf").attach("file", pdf, "2.pdf").expect(422);
    expect(one.body.error).toBe("Chỉ được gửi kèm một tệp.");
    const wrongField = await request(site).post(`/thu-tep-mot/document/${newOwner()}`).attach("files", pdf, "1.pdf").expect(422);
    expect(wrongField.body.fields).toHaveProperty("file");
  });

  it("takes one file in the single-file field, and an empty file input as no file", async () => {
    const owner = newOwner();
    await request(site).post(`/thu-tep-mot/document/${owner}`).attach("file", fs.readFileSync(fixture("van-ban.odt")), "Câu hỏi.odt").expect(201);
    const none = await request(site).post(`/thu-tep-mot/document/${newOwner()}`).field("x", "1").attach("file", Buffer.alloc(0), "").expect(201);
    expect(none.body.ids).toEqual([]);
    expect(await t.prisma.attachment.count({ where: { ownerId: owner } })).toBe(1);
  });
});

describe("downloading an attachment", () => {
  const uploaded = async (file: string, name: string, isPublic = true) => {
    const owner = newOwner(isPublic);
    const res = await upload(owner, [[file, name]]).expect(201);
    const id = res.body.ids[0] as number;
    const view = (await listAttachments(t.prisma, "document", [owner])).get(owner)![0]!;
    return { id, owner, view, row: await t.prisma.attachment.findUniqueOrThrow({ where: { id } }) };
  };

  it("sends the bytes as a download with the Vietnamese name, its type, nosniff and a short public cache", async () => {
    const { view } = await uploaded("van-ban.pdf", "Quyết định số 12-2024.pdf");
    const res = await request(t.app).get(view.url).parse(asBytes).expect(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(
      "attachment; filename=\"Quyet dinh so 12-2024.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%2012-2024.pdf",
    );
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(Buffer.compare(res.body as Buffer, fs.readFileSync(fixture("van-ban.pdf")))).toBe(0);
  });

  it("sends each office type with its own content type, whatever name is in the address", async () => {
    const { id } = await uploaded("bang-phi.xlsx", "Bảng phí.xlsx");
    const res = await request(t.app).get(`/tep/${id}/ten-khac.exe`).expect(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toContain("filename*=UTF-8''B%E1%BA%A3ng%20ph%C3%AD.xlsx");
    await request(t.app).get(`/tep/${id}`).expect(200);
  });

  it("is not served at /uploads/<key>, where no owner is asked", async () => {
    const { row } = await uploaded("van-ban.docx", "a.docx");
    expect(fs.existsSync(`${t.config.uploadDir}/${row.fileKey}`)).toBe(true);
    await request(t.app).get(`/uploads/${row.fileKey}`).expect(404);
  });

  it("answers 404 for an unknown id and 400 for one that is not a number", async () => {
    const missing = await request(t.app).get("/tep/987654/x.pdf").set("Accept", "application/json").expect(404);
    expect(missing.body.error).toMatch(/Không tìm thấy tệp đính kèm/);
    await request(t.app).get("/tep/abc/x.pdf").expect(400);
  });

  it("hides a draft owner's file from the public (404) but sends it to signed-in staff", async () => {
    const { view, owner } = await uploaded("van-ban.pdf", "Dự thảo.pdf", false);
    await request(t.app).get(view.url).expect(404);
    // Not signed in: the staff address asks for a sign-in, never sends the file.
    await request(t.app).get(view.staffUrl).expect(303).expect("location", /^\/admin\/login/);

    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "author" }));
    const staff = await agent.get(view.staffUrl).parse(asBytes).expect(200);
    expect(staff.headers["content-type"]).toBe("application/pdf");
    expect(staff.headers["cache-control"]).toBe("private, no-store");
    expect(staff.headers["content-disposition"]).toContain("filename*=UTF-8''D%E1%BB%B1%20th%E1%BA%A3o.pdf");
    // The public address, with a staff session cookie, leads to the staff address.
    await agent.get(view.url).expect(303).expect("location", view.staffUrl);

    publicOwners.add(owner);
    await request(t.app).get(view.url).expect(200);
  });
});

describe("removing and reordering", () => {
  it("removes the rows and then the files; reorders an owner's files", async () => {
    const { deleteAttachments, reorderAttachments } = await import("../../src/services/attachments.js");
    const { createFileStore } = await import("../../src/services/file-store.js");
    const owner = newOwner();
    const res = await upload(owner, [["van-ban.pdf", "a.pdf"], ["van-ban.docx", "b.docx"], ["bang-phi.xlsx", "c.xlsx"]]).expect(201);
    const [a, b, c] = res.body.ids as number[];
    await reorderAttachments(t.prisma, { type: "document", id: owner }, [c!, a!]);
    expect((await listAttachments(t.prisma, "document", [owner])).get(owner)!.map((v) => v.id)).toEqual([c, a, b]);

    const keys = (await t.prisma.attachment.findMany({ where: { ownerId: owner } })).map((r) => r.fileKey);
    expect(await deleteAttachments(t.prisma, createFileStore(t.config, t.prisma), { owner: { type: "document", id: owner } })).toBe(3);
    expect(await t.prisma.attachment.count({ where: { ownerId: owner } })).toBe(0);
    for (const key of keys) expect(fs.existsSync(`${t.config.uploadDir}/${key}`)).toBe(false);
  });
});

describe("with the files in the database (FILE_STORE=database)", () => {
  it("stores, serves and, on a refusal, keeps nothing", async () => {
    const db = await createTestApp({ env: { FILE_STORE: "database" } });
    const dbSite = withUploadRoute(db);
    attachmentOwners.register("document", async () => true);
    const files = async () => db.prisma.storedFile.count({ where: { key: { endsWith: ".pdf" } } });
    const before = await files();
    await request(dbSite)
      .post("/thu-tep/document/1")
      .attach("files", fs.readFileSync(fixture("van-ban.pdf")), "tot.pdf")
      .attach("files", fs.readFileSync(fixture("trang.html")), "trang.pdf")
      .expect(422);
    expect(await files()).toBe(before);
    expect(await db.prisma.attachment.count({ where: { ownerId: 1, ownerType: "document" } })).toBe(0);

    const res = await request(dbSite).post("/thu-tep/document/1").attach("files", fs.readFileSync(fixture("van-ban.pdf")), "Tờ khai.pdf").expect(201);
    expect(await files()).toBe(before + 1);
    const view = (await listAttachments(db.prisma, "document", [1])).get(1)![0]!;
    expect(view.id).toBe(res.body.ids[0]);
    const download = await request(db.app).get(view.url).parse(asBytes).expect(200);
    expect(Buffer.compare(download.body as Buffer, fs.readFileSync(fixture("van-ban.pdf")))).toBe(0);
    attachmentOwners.register("document", async (_prisma, id) => publicOwners.has(id));
  });
});
