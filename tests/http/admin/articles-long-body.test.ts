import { describe, expect, it } from "vitest";
import { articleForm, idFromLocation, signedIn } from "../../helpers/articles.js";

// Review finding 9: a 110,000-character body is within the form's limit but was over the body
// parser's, so the editor got a bare 413 and lost the text.
const paragraph = "<p>Thành phố Cần Thơ đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân.</p>";
const bodyOf = (chars: number) => paragraph.repeat(Math.ceil(chars / paragraph.length)).slice(0, chars - 4) + "</p>";

describe("a long article body", () => {
  it("saves 110,000 characters of Vietnamese text sent as a browser form", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const body = bodyOf(110_000);
    const res = await agent.post("/admin/articles").type("form").send(await articleForm(t, csrf, { body })).expect(303);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: idFromLocation(res.headers.location) } });
    expect(stored.body.length).toBeGreaterThan(109_000);
    expect(stored.body.startsWith(paragraph)).toBe(true);
  });

  it("saves it typed in NFD, as some Mac keyboards send it", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const body = bodyOf(110_000).normalize("NFD");
    const res = await agent.post("/admin/articles").type("form").send(await articleForm(t, csrf, { body })).expect(303);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: idFromLocation(res.headers.location) } });
    expect(stored.body.startsWith(paragraph.normalize("NFC"))).toBe(true);
  });

  it("refuses a body over the form's limit with the form again, the text kept, and nothing saved", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const before = await t.prisma.article.count();
    const body = bodyOf(160_000);
    const res = await agent.post("/admin/articles").type("form").send(await articleForm(t, csrf, { body, title: "Bài rất dài" })).expect(422);
    expect(res.text).toContain("Nội dung dài tối đa 150.000 ký tự");
    expect(res.text).toContain('value="Bài rất dài"');
    expect(res.text).toContain("Thành phố Cần Thơ đẩy mạnh cải cách hành chính");
    expect(await t.prisma.article.count()).toBe(before);
  });
});
