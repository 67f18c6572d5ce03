import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signedIn } from "../../helpers/articles.js";
import { png, uploadedFiles } from "../../helpers/images.js";
import { TEST_PASSWORD } from "../../helpers/login.js";

const incoming = (dataDir: string) => path.join(dataDir, "incoming");
const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe("photo uploads are checked cheaply first and bounded", () => {
  // Review finding 5: ten large photos were decoded one after another before the last one was
  // found to be no image. Every file is now inspected before any is decoded, so nothing is ever
  // written to the uploads folder for a refused batch.
  it("refuses a batch whose last file is not a photo before decoding any of the others", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const photo = await png(2400, 1600);
    const written: string[] = [];
    const watcher = fs.watch(t.config.uploadDir, (_event, name) => written.push(String(name)));
    try {
      let req = agent.post("/admin/media").set("Accept", "application/json").field("_csrf", csrf);
      for (let i = 1; i <= 9; i++) req = req.attach("file", photo, { filename: `anh-${i}.png`, contentType: "image/png" });
      req = req.attach("file", Buffer.from("#!/bin/sh\nrm -rf /\n"), { filename: "anh-10.jpg", contentType: "image/jpeg" });
      const before = uploadedFiles(t.config.uploadDir);
      const res = await req.expect(422);
      expect(res.body.error).toMatch(/^«anh-10\.jpg»: Tệp không phải ảnh/);
      expect(res.body.error).toContain("Chưa ảnh nào trong lần tải này được lưu");
      expect(uploadedFiles(t.config.uploadDir)).toEqual(before);
      await new Promise((r) => setTimeout(r, 100));
      expect(written).toEqual([]);
    } finally {
      watcher.close();
    }
    expect(await t.prisma.photo.count({ where: { originalName: { startsWith: "anh-" } } })).toBe(0);
  });

  // Review finding 10: seven photos with a caption, alt text and credit each were over multer's
  // field limit and refused.
  it("takes seven photos with their own caption, alt text and credit", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const photo = await png(320, 200);
    let req = agent.post("/admin/media").set("Accept", "application/json").field("_csrf", csrf);
    for (let i = 1; i <= 7; i++) {
      req = req.field("caption", `Chú thích ${i}`).field("alt", `Mô tả ${i}`).field("credit", `Nguồn ${i}`);
    }
    for (let i = 1; i <= 7; i++) req = req.attach("file", photo, { filename: `bay-${i}.png`, contentType: "image/png" });
    const res = await req.expect(201);
    expect(res.body.ids).toHaveLength(7);
    const rows = await t.prisma.photo.findMany({ where: { id: { in: res.body.ids } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.originalName, r.caption, r.alt, r.credit])).toEqual(
      Array.from({ length: 7 }, (_, i) => [`bay-${i + 1}.png`, `Chú thích ${i + 1}`, `Mô tả ${i + 1}`, `Nguồn ${i + 1}`]),
    );
    await waitFor(() => fs.readdirSync(incoming(t.config.dataDir)).length === 0, "temporary files removed");
  });

  it("streams uploads to temporary files, allows two at once per person, and removes the files afterwards", async () => {
    const { t, user } = await signedIn("editor");
    const server = http.createServer(t.app).listen(0, "127.0.0.1");
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // A browser-like session through the listening server (the slow uploads need raw sockets).
    const jar = new Map<string, string>();
    const keep = (res: Response) => {
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(";");
        const at = pair!.indexOf("=");
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    let res = await fetch(`${base}/admin/login`);
    keep(res);
    const form = new URLSearchParams({ email: user.email, password: TEST_PASSWORD, _csrf: tokenOf(await res.text()) });
    res = await fetch(`${base}/admin/login`, { method: "POST", body: form, headers: { cookie: cookie() }, redirect: "manual" });
    expect(res.status).toBe(303);
    keep(res);
    res = await fetch(`${base}/admin`, { headers: { cookie: cookie() } });
    keep(res);
    const csrf = tokenOf(await res.text());

    const boundary = "----grenze";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cham.png"\r\nContent-Type: image/png\r\n\r\n`;
    const photo = await png(64, 64);
    const slowUpload = () => {
      const req = http.request(`${base}/admin/media`, {
        method: "POST",
        headers: {
          cookie: cookie(),
          accept: "application/json",
          "x-csrf-token": csrf,
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
      });
      const answered = new Promise<number>((resolve, reject) => {
        req.on("response", (r) => {
          r.resume();
          r.on("end", () => resolve(r.statusCode ?? 0));
        });
        req.on("error", reject);
      });
      req.write(head);
      req.write(photo.subarray(0, 32));
      return { req, answered, finish: () => req.end(Buffer.concat([photo.subarray(32), Buffer.from(`\r\n--${boundary}--\r\n`)])) };
    };

    const first = slowUpload();
    const second = slowUpload();
    // The half-sent photos are on disk, not in memory, while their requests are open.
    await waitFor(() => fs.existsSync(incoming(t.config.dataDir)) && fs.readdirSync(incoming(t.config.dataDir)).length === 2, "two temporary files");

    const third = new FormData();
    third.append("file", new Blob([new Uint8Array(photo)], { type: "image/png" }), "ba.png");
    res = await fetch(`${base}/admin/media`, { method: "POST", body: third, headers: { cookie: cookie(), accept: "application/json", "x-csrf-token": csrf } });
    expect(res.status).toBe(429);
    expect((await res.json()).error).toMatch(/đang có 2 lượt tải ảnh chưa xong/);

    first.finish();
    second.finish();
    expect(await first.answered).toBe(201);
    expect(await second.answered).toBe(201);
    await waitFor(() => fs.readdirSync(incoming(t.config.dataDir)).length === 0, "temporary files removed");

    const fourth = new FormData();
    fourth.append("file", new Blob([new Uint8Array(photo)], { type: "image/png" }), "bon.png");
    res = await fetch(`${base}/admin/media`, { method: "POST", body: fourth, headers: { cookie: cookie(), accept: "application/json", "x-csrf-token": csrf } });
    expect(res.status).toBe(201);
    expect(await t.prisma.photo.count({ where: { originalName: { in: ["cham.png", "bon.png"] } } })).toBe(3);
    expect(await t.prisma.photo.count({ where: { originalName: "ba.png" } })).toBe(0);
    await waitFor(() => fs.readdirSync(incoming(t.config.dataDir)).length === 0, "temporary files removed");
  });
});
