import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildDocument, buildDocumentLists } from "../../helpers/documents.js";
import { htmlChecker } from "../../helpers/html.js";

const expectValid = htmlChecker({ "long-title": ["error", { maxlength: 250 }] });

/** The numbers listed on a page of /van-ban, in order. */
const numbersOn = (html: string) => [...html.matchAll(/<th scope="row" data-label="Số ký hiệu"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
/** The pagination links of a page, decoded (&amp; → &). */
const pageLinks = (html: string) => [...(/<nav class="pagination"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "").matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));

/**
 * Two sets of lists (A, B) and documents spread over them, years, validities and days, each with a
 * number of its own. Today is what the server's clock says; the validity cases use days far away.
 */
async function corpus(t: TestApp) {
  const a = await buildDocumentLists(t.prisma, { type: "Quyết định thử", issuer: "UBND thử", sector: "Một cửa thử" });
  const b = await buildDocumentLists(t.prisma, { type: "Kế hoạch thử", issuer: "Sở thử", sector: "Bộ máy thử" });
  const base = { typeId: a.type.id, issuerId: a.issuer.id, sectorId: a.sector.id };
  const docs = {
    qd: await buildDocument(t.prisma, { ...base, number: "12/2024/QĐ-UBND", title: "Quyết định ban hành Quy chế thực hiện cơ chế một cửa", issuedOn: "2024-03-15" }),
    kh: await buildDocument(t.prisma, { typeId: b.type.id, issuerId: b.issuer.id, sectorId: b.sector.id, number: "45/KH-SNV", title: "Kế hoạch cải cách hành chính năm 2023", issuedOn: "2023-01-20" }),
    old: await buildDocument(t.prisma, { ...base, number: "20/2015/QĐ-UBND", title: "Quy chế một cửa đã hết hiệu lực", issuedOn: "2015-06-01", expiresOn: "2024-03-25" }),
    future: await buildDocument(t.prisma, { ...base, issuerId: b.issuer.id, number: "99/2099/QĐ-UBND", title: "Quy định sẽ có hiệu lực", issuedOn: "2024-12-30", effectiveOn: "2099-01-01" }),
    overridden: await buildDocument(t.prisma, { ...base, sectorId: b.sector.id, number: "7/2024/CT-UBND", title: "Chỉ thị bị bãi bỏ", issuedOn: "2024-08-08", validity: "het" }),
    draft: await buildDocument(t.prisma, { ...base, number: "1/2024/NHÁP", status: "draft", issuedOn: "2024-03-15" }),
    trashed: await buildDocument(t.prisma, { ...base, number: "2/2024/XOÁ", deletedAt: new Date(), issuedOn: "2024-03-15" }),
  };
  await t.changed();
  return { a, b, docs };
}

async function list(t: TestApp, query: string) {
  const res = await request(t.app).get(`/van-ban${query}`).expect(200);
  return { html: res.text, numbers: numbersOn(res.text) };
}

describe("/van-ban: filters, each alone and together", () => {
  it("filters by type, issuer, field, year, validity and issue-day range; drafts and trash never show", async () => {
    const t = await createTestApp();
    const { a, b } = await corpus(t);
    const mine = ["12/2024/QĐ-UBND", "45/KH-SNV", "20/2015/QĐ-UBND", "99/2099/QĐ-UBND", "7/2024/CT-UBND"];
    const only = (numbers: string[]) => numbers.filter((n) => mine.includes(n) || n.includes("NHÁP") || n.includes("XOÁ"));

    const cases: [string, string[]][] = [
      [`?loai=${a.type.slug}`, ["99/2099/QĐ-UBND", "7/2024/CT-UBND", "12/2024/QĐ-UBND", "20/2015/QĐ-UBND"]],
      [`?loai=${b.type.slug}`, ["45/KH-SNV"]],
      [`?co-quan=${b.issuer.slug}`, ["99/2099/QĐ-UBND", "45/KH-SNV"]],
      [`?linh-vuc=${b.sector.slug}`, ["7/2024/CT-UBND", "45/KH-SNV"]],
      ["?nam=2024", ["99/2099/QĐ-UBND", "7/2024/CT-UBND", "12/2024/QĐ-UBND"]],
      ["?hieu-luc=het", ["7/2024/CT-UBND", "20/2015/QĐ-UBND"]],
      ["?hieu-luc=chua", ["99/2099/QĐ-UBND"]],
      ["?hieu-luc=con", ["12/2024/QĐ-UBND", "45/KH-SNV"]],
      ["?tu=2024-03-15&den=2024-08-08", ["7/2024/CT-UBND", "12/2024/QĐ-UBND"]],
      ["?tu=15/03/2024&den=08/08/2024", ["7/2024/CT-UBND", "12/2024/QĐ-UBND"]],
      ["?tu=2024-08-09", ["99/2099/QĐ-UBND"]],
      ["?den=2015-06-01", ["20/2015/QĐ-UBND"]],
      // Together: every filter applies.
      [`?loai=${a.type.slug}&nam=2024&hieu-luc=con`, ["12/2024/QĐ-UBND"]],
      [`?co-quan=${a.issuer.slug}&linh-vuc=${a.sector.slug}&tu=2015-01-01&den=2024-12-31`, ["12/2024/QĐ-UBND", "20/2015/QĐ-UBND"]],
      [`?q=quy+che&loai=${a.type.slug}&hieu-luc=het`, ["20/2015/QĐ-UBND"]],
    ];
    for (const [query, expected] of cases) {
      const { numbers, html } = await list(t, query);
      expect(only(numbers), query).toEqual(expected);
      // Newest issue first.
      const days = [...html.matchAll(/<time datetime="(\d{4}-\d{2}-\d{2})">/g)].map((m) => m[1]!);
      expect([...days].sort().reverse(), query).toEqual(days);
    }
    // The form shows the filters chosen.
    const { html } = await list(t, `?loai=${a.type.slug}&hieu-luc=con&nam=2024`);
    expect(html).toContain(`<option value="${a.type.slug}" selected>`);
    expect(html).toContain('<option value="con" selected>Còn hiệu lực</option>');
    expect(html).toContain('id="nam" name="nam" type="text" inputmode="numeric" maxlength="4" value="2024"');
  });

  it("keeps every filter in the pagination links, 20 a page, newest first", async () => {
    const t = await createTestApp();
    const { type, issuer, sector } = await buildDocumentLists(t.prisma);
    for (let i = 1; i <= 23; i++) {
      const day = String(i).padStart(2, "0");
      await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, sectorId: sector.id, number: `${i}/2023/QĐ-PT`, title: `Quyết định phân trang số ${i}`, issuedOn: `2023-01-${day}` });
    }
    await t.changed();
    const query = `?q=phan+trang&loai=${type.slug}&co-quan=${issuer.slug}&linh-vuc=${sector.slug}&nam=2023&hieu-luc=con&tu=2023-01-01&den=31/12/2023`;
    const first = await list(t, query);
    expect(first.numbers).toHaveLength(20);
    expect(first.numbers[0]).toBe("23/2023/QĐ-PT");
    expect(first.html).toContain("Có <strong>23</strong> văn bản (trang 1/2)");
    const expectedBase = `/van-ban?q=phan+trang&loai=${type.slug}&co-quan=${issuer.slug}&linh-vuc=${sector.slug}&nam=2023&hieu-luc=con&tu=2023-01-01&den=31%2F12%2F2023`;
    expect(pageLinks(first.html)).toContain(`${expectedBase}&trang=2`);
    const second = await list(t, `${query}&trang=2`);
    expect(second.numbers).toEqual(["3/2023/QĐ-PT", "2/2023/QĐ-PT", "1/2023/QĐ-PT"]);
    expect(pageLinks(second.html)).toContain(expectedBase);
    // Each filter alone is kept too.
    for (const name of ["loai", "co-quan", "linh-vuc"]) {
      const value = { loai: type.slug, "co-quan": issuer.slug, "linh-vuc": sector.slug }[name]!;
      const page = await list(t, `?${name}=${value}`);
      expect(pageLinks(page.html)).toContain(`/van-ban?${name}=${value}&trang=2`);
    }
  });
});

describe("/van-ban: search by number and abstract ignoring marks", () => {
  it("finds 12/2024/QĐ-UBND by 12/2024, qd-ubnd, QĐ-UBND and the abstract without marks", async () => {
    const t = await createTestApp();
    await corpus(t);
    for (const q of ["12/2024", "qd-ubnd 12", "QĐ-UBND 12/2024", "12/2024/qd-ubnd", "quyet dinh mot cua", "QUY CHẾ THỰC HIỆN", "co che  mot cua 2024"]) {
      const { numbers } = await list(t, `?q=${encodeURIComponent(q)}`);
      expect(numbers, q).toContain("12/2024/QĐ-UBND");
    }
    for (const q of ["12/2025", "2024/12", "qd-snv"]) {
      const { numbers } = await list(t, `?q=${encodeURIComponent(q)}`);
      expect(numbers, q).not.toContain("12/2024/QĐ-UBND");
    }
    const none = await list(t, "?q=khongcovanbannay");
    expect(none.html).toContain("Không có văn bản nào khớp với từ khóa và bộ lọc đã chọn.");
  });

  it("searches the text of attached PDFs too", async () => {
    const t = await createTestApp();
    const { type, issuer } = await buildDocumentLists(t.prisma);
    const doc = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "3/2024/TB", title: "Thông báo" });
    await t.prisma.legalDocument.update({ where: { id: doc.id }, data: { fileText: "danh muc thu tuc hanh chinh lien thong" } });
    await t.changed();
    expect((await list(t, "?q=li%C3%AAn+th%C3%B4ng+danh+m%E1%BB%A5c")).numbers).toContain("3/2024/TB");
  });
});

describe("/van-ban: a bad filter is explained on the page, never a 500", () => {
  it.each([
    ["?tu=31/02/2024", "tu", "“Từ ngày” không phải là một ngày có thật"],
    ["?den=hom-qua", "den", "“Đến ngày” không phải là một ngày có thật"],
    ["?tu=2024-05-01&den=2024-04-01", "den", "“Đến ngày” phải bằng hoặc sau “Từ ngày”."],
    ["?nam=20x4", "nam", "Năm ban hành phải là một năm có bốn chữ số"],
    ["?hieu-luc=sap", "hieu-luc", "Tình trạng hiệu lực chỉ có thể là"],
    ["?loai=khong-co", "loai", "Loại văn bản này không có"],
    ["?co-quan=khong-co&linh-vuc=khong-co", "co-quan", "Cơ quan ban hành này không có"],
    ["?trang=abc&tu[]=x", "", ""],
  ])("%s", async (query, field, message) => {
    const t = await createTestApp();
    const res = await request(t.app).get(`/van-ban${query}`).expect(200);
    if (field) {
      expect(res.text).toContain(message);
      expect(res.text).toContain(`<a href="#${field}">`);
      // The bad value is not carried into the pagination base.
      expect(res.text).not.toMatch(new RegExp(`href="/van-ban\\?[^"]*${field}=`));
    }
    await expectValid(res.text, query);
  });
});
