import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";

// The demo documents seeded with the rest of the demo content (prisma/seed-documents.ts).
describe("seeded demo documents", () => {
  it("are published, marked as demo content, linked both ways, some out of force, two with a PDF", async () => {
    const t = await createTestApp();
    const docs = await t.prisma.legalDocument.findMany({ include: { type: true, issuer: true, sector: true } });
    expect(docs.length).toBeGreaterThanOrEqual(5);
    expect(docs.length).toBeLessThanOrEqual(8);
    expect(docs.every((d) => d.origin === "seed" && d.status === "published")).toBe(true);
    for (const name of ["Quyết định", "Kế hoạch", "Công văn", "Nghị định", "Thông tư"]) {
      expect(await t.prisma.documentType.count({ where: { name } }), name).toBe(1);
    }
    const regulation = docs.find((d) => d.number === "14/2019/QĐ-UBND")!;
    expect(regulation.fileText).toContain("quy che thuc hien co che mot cua");
    expect(await t.prisma.attachment.count({ where: { ownerType: "document" } })).toBe(2);

    const list = (await request(t.app).get("/van-ban").expect(200)).text;
    expect(list).toContain("118/2025/NĐ-CP");
    expect((await request(t.app).get("/van-ban?q=22%2F2017").expect(200)).text).toContain("Hết hiệu lực");

    const old = docs.find((d) => d.number === "61/2018/NĐ-CP")!;
    const oldPage = (await request(t.app).get(`/van-ban/${old.slug}`).expect(200)).text;
    expect(oldPage).toContain("Được thay thế bởi");
    expect(oldPage).toContain("118/2025/NĐ-CP");
    expect(oldPage).toContain('<span class="validity validity-het">Hết hiệu lực</span>');

    const page = (await request(t.app).get(`/van-ban/${regulation.slug}`).expect(200)).text;
    const link = /<a href="(\/tep\/\d+\/[^"]+)" download>quy-che-mot-cua-14-2019-qd-ubnd\.pdf<\/a>/.exec(page);
    expect(link).not.toBeNull();
    const file = await request(t.app).get(link![1]!).expect(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    // The file's text is searchable from the list.
    expect((await request(t.app).get("/van-ban?q=Ch%C3%A1nh+V%C4%83n+ph%C3%B2ng").expect(200)).text).toContain("14/2019/QĐ-UBND");
  });
});
