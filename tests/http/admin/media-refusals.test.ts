import { describe, expect, it } from "vitest";
import { signedIn } from "../../helpers/articles.js";
import { fixture, jpegWithGps, noisyJpeg, pixelFloodPng, png, uploadedFiles } from "../../helpers/images.js";

type Session = Awaited<ReturnType<typeof signedIn>>;

/** Posts one upload and checks the refusal: its status, the Vietnamese reason, and nothing kept. */
async function expectRefused(
  { t, agent, csrf }: Session,
  files: [Buffer, string][],
  status: number,
  reason: string,
  options: { json?: boolean; token?: string | null } = {},
) {
  const rows = await t.prisma.photo.count();
  const before = uploadedFiles(t.config.uploadDir);
  let req = agent.post("/admin/media");
  if (options.json) req = req.set("accept", "application/json");
  const token = options.token === undefined ? csrf : options.token;
  if (token !== null) req = req.field("_csrf", token);
  req = req.field("caption", "Ảnh bị từ chối");
  for (const [buffer, name] of files) req = req.attach("file", buffer, name);
  const res = await req;
  expect(res.status).toBe(status);
  if (options.json) expect(res.body.error).toContain(reason);
  else expect(res.text).toContain(reason);
  expect(await t.prisma.photo.count()).toBe(rows);
  expect(uploadedFiles(t.config.uploadDir)).toEqual(before);
  return res;
}

const NOT_A_PHOTO = "Tệp không phải ảnh JPEG, PNG, WebP hoặc GIF. Hệ thống kiểm tra nội dung tệp, không dựa vào tên hay đuôi tệp.";

describe("refused uploads leave no file and no row, and say why in Vietnamese", () => {
  it("a script renamed .jpg", async () => {
    const s = await signedIn("editor");
    const res = await expectRefused(s, [[fixture("script.jpg"), "anh-dep.jpg"]], 422, NOT_A_PHOTO);
    // People see the library again, the reason beside the file field and in the summary.
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain("«anh-dep.jpg»");
    await expectRefused(s, [[fixture("script.jpg"), "anh-dep.jpg"]], 422, NOT_A_PHOTO, { json: true });
  });

  it("an SVG", async () => {
    const s = await signedIn("editor");
    await expectRefused(s, [[fixture("drawing.svg"), "bieu-do.svg"]], 422, "Không nhận ảnh SVG", { json: true });
    await expectRefused(s, [[fixture("drawing.svg"), "bieu-do.png"]], 422, "Không nhận ảnh SVG");
  });

  it("a pixel flood: a few bytes claiming 50000 × 50000 pixels", async () => {
    const s = await signedIn("editor");
    await expectRefused(s, [[pixelFloodPng(), "nho-xiu.png"]], 422, "Ảnh quá nhiều điểm ảnh (50000 × 50000); tối đa 40 triệu điểm ảnh.", {
      json: true,
    });
  });

  it("a file over the size limit (413)", async () => {
    // 200 KB here, so the test photo stays small.
    const session = await signedIn("editor", { env: { UPLOAD_MAX_BYTES: String(200 * 1024) } });
    const big = await noisyJpeg(800, 600);
    expect(big.length).toBeGreaterThan(200 * 1024);
    await expectRefused(session, [[big, "to.jpg"]], 413, "Có tệp quá lớn: mỗi ảnh tối đa 0,2 MB. Không ảnh nào được lưu.", { json: true });
    const page = await expectRefused(session, [[big, "to.jpg"]], 413, "Có tệp quá lớn");
    expect(page.text).toContain("Tải ảnh lên");
  });

  it("an empty file, and no file at all", async () => {
    const s = await signedIn("editor");
    await expectRefused(s, [[Buffer.alloc(0), "rong.jpg"]], 422, "Tệp trống (0 byte)", { json: true });
    await expectRefused(s, [], 422, "Vui lòng chọn ít nhất một ảnh để tải lên.", { json: true });
  });

  it("all or nothing: one bad file among good ones keeps none of them", async () => {
    const s = await signedIn("editor");
    await expectRefused(
      s,
      [
        [await png(), "tot-1.png"],
        [await jpegWithGps(), "tot-2.jpg"],
        [fixture("script.jpg"), "xau.jpg"],
      ],
      422,
      "«xau.jpg»: " + NOT_A_PHOTO + " Chưa ảnh nào trong lần tải này được lưu",
      { json: true },
    );
  });

  it("too many files at once", async () => {
    const s = await signedIn("editor");
    const one = await png(100, 100);
    const files = Array.from({ length: 11 }, (_, i): [Buffer, string] => [one, `anh-${i}.png`]);
    await expectRefused(s, files, 422, "Mỗi lần tải tối đa 10 ảnh", { json: true });
  });

  it("a missing or wrong CSRF token (403)", async () => {
    const s = await signedIn("editor");
    const photo = await png();
    await expectRefused(s, [[photo, "anh.png"]], 403, "Vui lòng tải lại trang", { token: null });
    await expectRefused(s, [[photo, "anh.png"]], 403, "Vui lòng tải lại trang", { token: "ma-sai", json: true });
  });
});
