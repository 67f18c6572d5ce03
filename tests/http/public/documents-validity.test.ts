import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildDocument, buildDocumentLists } from "../../helpers/documents.js";
import { validityFromDates } from "../../../src/services/document-validity.js";

// Validity is computed from the documents' days in Vietnam time: the day rolls over at midnight in
// Vietnam (17:00 UTC), whatever the server's time zone. The list filter uses the same rule.

const badgeOf = (html: string) => /<span class="validity validity-(\w+)">/.exec(html)?.[1];

describe("validity at midnight in Vietnam", () => {
  it("flips chưa → còn on the effective day and còn → hết on the expiry day, on pages and in the filter", async () => {
    // 23:59 on 21/05/2024 in Vietnam.
    const clock = testClock("2024-05-21T16:59:00Z");
    const t = await createTestApp({ clock });
    const { type, issuer } = await buildDocumentLists(t.prisma);
    const starting = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "10/2024/BD", issuedOn: "2024-05-12", effectiveOn: "2024-05-22" });
    const ending = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "11/2024/KT", issuedOn: "2024-01-02", expiresOn: "2024-05-22" });
    const kept = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "12/2024/GH", issuedOn: "2024-01-02", effectiveOn: "2024-05-22", validity: "con" });
    await t.changed();
    const numbers = async (validity: string) =>
      [...(await request(t.app).get(`/van-ban?loai=${type.slug}&hieu-luc=${validity}`).expect(200)).text.matchAll(/data-label="Số ký hiệu"><a href="[^"]+">([^<]+)</g)].map((m) => m[1]);
    const badge = async (slug: string) => badgeOf((await request(t.app).get(`/van-ban/${slug}`).expect(200)).text);

    expect(await badge(starting.slug)).toBe("chua");
    expect(await badge(ending.slug)).toBe("con");
    expect(await badge(kept.slug)).toBe("con");
    expect(await numbers("chua")).toEqual(["10/2024/BD"]);
    // Same issue day: the later document first (id descending).
    expect(await numbers("con")).toEqual(["12/2024/GH", "11/2024/KT"]);
    expect(await numbers("het")).toEqual([]);

    // 00:00 on 22/05/2024 in Vietnam: the pages kept in memory expire at midnight too.
    clock.set("2024-05-21T17:00:00Z");
    expect(await badge(starting.slug)).toBe("con");
    expect(await badge(ending.slug)).toBe("het");
    expect(await badge(kept.slug)).toBe("con"); // the staff's override stays
    expect(await numbers("chua")).toEqual([]);
    expect(await numbers("con")).toEqual(["10/2024/BD", "12/2024/GH"]); // issued 12/05 before 02/01
    expect(await numbers("het")).toEqual(["11/2024/KT"]);
  });

  it("shows the staff's override whatever the dates say, in the badge and the filter", async () => {
    const t = await createTestApp({ clock: testClock("2024-06-01T03:00:00Z") });
    const { type, issuer } = await buildDocumentLists(t.prisma);
    const repealed = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "5/2020/BB", issuedOn: "2020-01-01", validity: "het" });
    const pending = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "6/2020/CC", issuedOn: "2020-01-01", expiresOn: "2021-01-01", validity: "chua" });
    await t.changed();
    const page = (await request(t.app).get(`/van-ban/${repealed.slug}`).expect(200)).text;
    expect(badgeOf(page)).toBe("het");
    expect(page).toContain("Hết hiệu lực");
    expect(badgeOf((await request(t.app).get(`/van-ban/${pending.slug}`)).text)).toBe("chua");
    const list = (await request(t.app).get(`/van-ban?loai=${type.slug}&hieu-luc=het`)).text;
    expect(list).toContain("5/2020/BB");
    expect(list).not.toContain("6/2020/CC");
    expect((await request(t.app).get(`/van-ban?loai=${type.slug}&hieu-luc=con`)).text).not.toContain("5/2020/BB");
  });

  it("reads the rule the same way as a function: the effective day is in force, the expiry day is not", () => {
    const doc = { issuedOn: "2024-05-12", effectiveOn: "2024-05-22", expiresOn: "2024-12-31" };
    expect(validityFromDates(doc, "2024-05-21")).toBe("chua");
    expect(validityFromDates(doc, "2024-05-22")).toBe("con");
    expect(validityFromDates(doc, "2024-12-30")).toBe("con");
    expect(validityFromDates(doc, "2024-12-31")).toBe("het");
    // Without an effective day it applies from the issue day.
    expect(validityFromDates({ issuedOn: "2024-05-12", effectiveOn: null, expiresOn: null }, "2024-05-11")).toBe("chua");
    expect(validityFromDates({ issuedOn: "2024-05-12", effectiveOn: null, expiresOn: null }, "2024-05-12")).toBe("con");
  });
});
