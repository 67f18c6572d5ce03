import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import path from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";

const ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
const SECURITY_HEADERS = ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy", "cross-origin-opener-policy"];
type App = Parameters<typeof request>[0];

/** The bytes as they travel (supertest would decompress them). */
async function rawGet(app: App, url: string, headers: Record<string, string>) {
  const server = http.createServer(app as http.RequestListener).listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get({ host: "127.0.0.1", port, path: url, headers }, resolve).on("error", reject),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) };
  } finally {
    server.close();
  }
}

describe("public pages served from memory", () => {
  it("answer a kept page with the same headers and bytes as when it was rendered, security headers included", async () => {
    const { app, prisma } = await createTestApp();
    const reader = { "User-Agent": BROWSER_UA, Cookie: "cchc_visit=1" };
    const first = await request(app).get(ARTICLE).set(reader).expect(200);
    // Changed behind the app's back (no admin write, no change announced): the kept copy is served.
    await prisma.article.updateMany({ where: { slug: ARTICLE.split("/").pop()! }, data: { title: "Đổi thẳng trong cơ sở dữ liệu" } });
    const second = await request(app).get(ARTICLE).set(reader).expect(200);
    expect(second.text).toBe(first.text);
    for (const name of SECURITY_HEADERS) {
      expect(first.headers[name], name).toBeTruthy();
      expect(second.headers[name], name).toBe(first.headers[name]);
    }
    expect(second.headers["cache-control"]).toBe("no-cache");
    expect(second.headers["etag"]).toBe(first.headers["etag"]);
    expect(String(second.headers["set-cookie"])).toMatch(/^cchc_visit=1; Max-Age=1800; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/);
  });

  it("answer 304 without a body to a reader whose copy is current, and the full page once it changed", async () => {
    const { app } = await createTestApp();
    const reader = { "User-Agent": BROWSER_UA, Cookie: "cchc_visit=1" };
    const { headers } = await request(app).get("/").set(reader).expect(200);
    const again = await request(app).get("/").set(reader).set("If-None-Match", headers["etag"]!).expect(304);
    expect(again.text).toBe("");
    // A new visitor changes the visit block: the old copy is no longer current.
    await request(app).get("/lien-he").set("User-Agent", BROWSER_UA).expect(200);
    await request(app).get("/").set(reader).set("If-None-Match", headers["etag"]!).expect(200);
  });

  it("compress pages with brotli or gzip when the browser accepts it, to the very same HTML", async () => {
    const { app } = await createTestApp();
    const reader = { "User-Agent": BROWSER_UA, Cookie: "cchc_visit=1" };
    const plain = await request(app).get(ARTICLE).set(reader).set("Accept-Encoding", "identity").expect(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const br = await rawGet(app, ARTICLE, { ...reader, "Accept-Encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["vary"]).toBe("Accept-Encoding");
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(plain.text);
    const gz = await rawGet(app, ARTICLE, { ...reader, "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(plain.text);
    expect(gz.body.length).toBeLessThan(plain.text.length / 2);
  });

  it("answer HEAD with the headers only, and never keep a page that carries a form token", async () => {
    const { app } = await createTestApp();
    const head = await request(app).head("/").set("User-Agent", BROWSER_UA).expect(200);
    expect(head.text ?? "").toBe("");
    expect(Number(head.headers["content-length"])).toBeGreaterThan(1000);
    const a = await request(app).get("/lien-he").set("User-Agent", BROWSER_UA).expect(200);
    const b = await request(app).get("/lien-he").set("User-Agent", BROWSER_UA).expect(200);
    const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(token(a.text)).toBeTruthy();
    expect(token(b.text)).not.toBe(token(a.text));
    expect(String(a.headers["set-cookie"])).toMatch(/csrf/i);
  });

  it("keep one copy per reader display setting: large text is not served to others", async () => {
    const { app } = await createTestApp();
    const large = await request(app).get("/").set({ "User-Agent": BROWSER_UA, Cookie: "cchc_hien_thi=co-chu%3Dlon" }).expect(200);
    expect(large.text).toMatch(/<html lang="vi" class="[^"]*text-large/);
    const normal = await request(app).get("/").set({ "User-Agent": BROWSER_UA }).expect(200);
    expect(normal.text).not.toMatch(/text-large/);
  });
});

describe("stylesheets and scripts", () => {
  it("are linked under a name with their content's hash, served for a year as immutable, compressed", async () => {
    const { app } = await createTestApp();
    const html = (await request(app).get("/").set("User-Agent", BROWSER_UA).expect(200)).text;
    const href = /href="(\/assets\/css\/site\.[0-9a-f]{12}\.css)"/.exec(html)?.[1];
    expect(href).toBeTruthy();
    expect(html).toMatch(/<script src="\/assets\/js\/site\.[0-9a-f]{12}\.js" defer><\/script>/);
    const css = await rawGet(app, href!, { "Accept-Encoding": "br" });
    expect(css.status).toBe(200);
    expect(css.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(css.headers["content-type"]).toMatch(/^text\/css/);
    expect(css.headers["content-encoding"]).toBe("br");
    const source = fs.readFileSync(path.resolve(import.meta.dirname, "../../../public/css/site.css"));
    expect(zlib.brotliDecompressSync(css.body).equals(source)).toBe(true);
    await request(app).get(href!).set("If-None-Match", String(css.headers["etag"])).expect(304);
    // The plain name still answers; a made-up hash is not found.
    const plain = await request(app).get("/assets/css/site.css").expect(200);
    expect(plain.headers["cache-control"]).not.toMatch(/immutable/);
    await request(app).get("/assets/css/site.000000000000.css").expect(404);
  });
});
