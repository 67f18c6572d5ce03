import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";

describe("security headers", () => {
  it("send a CSP without inline scripts, nosniff, and no X-Powered-By", async () => {
    const { app } = await createTestApp();
    const article = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
    for (const path of ["/", article, "/lien-he", "/khong-co", "/admin/login"]) {
      const res = await request(app).get(path).set("User-Agent", BROWSER_UA);
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, path).toMatch(/script-src 'self'/);
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers["x-powered-by"], path).toBeUndefined();
      // Inline code is never sent; JSON-LD is data, not script, and is allowed.
      const inline = res.text.match(/<script(?![^>]*type="application\/ld\+json")(?![^>]*\bsrc=)[^>]*>/g) ?? [];
      expect(inline, path).toEqual([]);
    }
  });
});

describe("health check", () => {
  it("answers 200 while the database answers and 503 when it does not", async () => {
    const { app, prisma } = await createTestApp();
    expect((await request(app).get("/healthz").expect(200)).body).toEqual({ status: "ok" });
    await prisma.$executeRawUnsafe('ALTER TABLE "SiteSettings" RENAME TO "SiteSettings_gone"');
    const res = await request(app).get("/healthz").expect(503);
    expect(res.body.error).toBe("Cơ sở dữ liệu không phản hồi.");
    expect(JSON.stringify(res.body)).not.toMatch(/SiteSettings|no such table/);
  });
});

describe("server errors", () => {
  it("show a Vietnamese 500 page without internals when something breaks, and JSON for JSON clients", async () => {
    const { app, prisma } = await createTestApp();
    await prisma.$executeRawUnsafe('ALTER TABLE "Category" RENAME TO "Category_gone"');
    const res = await request(app).get("/chuyen-muc/chi-so-cai-cach-hanh-chinh").set("User-Agent", BROWSER_UA).expect(500);
    expect(res.text).toMatch(/<html lang="vi"/);
    expect(res.text).toContain("Đã có lỗi xảy ra phía máy chủ");
    expect(res.text).not.toMatch(/Category_gone|no such table|at .*\.ts:\d+|Prisma|SQLITE/i);
    const json = await request(app).get("/chuyen-muc/chi-so-cai-cach-hanh-chinh").set("Accept", "application/json").expect(500);
    expect(json.body).toEqual({ error: "Đã có lỗi xảy ra phía máy chủ. Vui lòng thử lại sau." });
  });
});
