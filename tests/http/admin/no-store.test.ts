import request from "supertest";
import { describe, expect, it } from "vitest";
import { signedIn } from "../../helpers/articles.js";
import { createTestApp } from "../../helpers/app.js";

// Review finding 8: refusals made before the admin router runs (CSRF, body too large) carried no
// Cache-Control, so a browser or proxy could keep a staff page.
describe("admin answers are never cached, refusals included", () => {
  it("the CSRF refusal", async () => {
    const { agent } = await signedIn("editor");
    const res = await agent.post("/admin/settings").type("form").send({ siteName: "x" }).expect(403);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("a body over the limit", async () => {
    const { agent, csrf } = await signedIn("editor");
    const res = await agent.post("/admin/settings").type("form").send({ _csrf: csrf, siteName: "x".repeat(300 * 1024) }).expect(413);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.text).toContain("Dữ liệu gửi lên quá lớn");
  });

  it("the login page, the 404 inside /admin, and bad JSON", async () => {
    const { app } = await createTestApp();
    expect((await request(app).get("/admin/login").expect(200)).headers["cache-control"]).toBe("no-store");
    expect((await request(app).get("/admin/khong-co").expect(303)).headers["cache-control"]).toBe("no-store");
    const bad = await request(app).post("/admin/login").set("content-type", "application/json").send("{").expect(400);
    expect(bad.headers["cache-control"]).toBe("no-store");
  });
});
