import { beforeAll, describe, expect, it } from "vitest";
import { articleForm, signedIn } from "../../helpers/articles.js";
import { buildArticle } from "../../helpers/factories.js";
import { htmlChecker } from "../../helpers/html.js";
import { fixture } from "../../helpers/images.js";

// The photo picker's checkboxes share the name `photoIds`, which is how HTML sends a repeatable
// field (the admin contract), so checkboxes may share a name as radios do.
const expectValid = htmlChecker({ "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }] });

let session: Awaited<ReturnType<typeof signedIn>>;
let ids: { article: number; trashed: number; photo: number };
beforeAll(async () => {
  session = await signedIn("editor");
  const { t } = session;
  const article = await t.prisma.article.findFirstOrThrow({ where: { photos: { some: {} } }, include: { photos: true } });
  const trashed = await buildArticle(t.prisma, { title: "Bài trong thùng rác", deletedAt: new Date() });
  ids = { article: article.id, trashed: trashed.id, photo: article.photos[0]!.photoId };
});

describe("the article and photo pages are valid HTML5", () => {
  it.each([
    ["articles", () => "/admin/articles"],
    ["filtered articles", () => "/admin/articles?status=published&q=can%20tho"],
    ["trash", () => "/admin/articles?status=trash"],
    ["new article", () => "/admin/articles/new"],
    ["edit article", () => `/admin/articles/${ids.article}/edit`],
    ["preview", () => `/admin/articles/${ids.article}/preview`],
    ["photo library", () => "/admin/media"],
    ["one photo", () => `/admin/media/${ids.photo}`],
  ])("%s", async (label, url) => {
    const res = await session.agent.get(url()).expect(200);
    await expectValid(res.text, label);
  });

  it("a refused article, with its error summary", async () => {
    const form = await articleForm(session.t, session.csrf, { title: "", categoryId: "999999", photoIds: [String(ids.photo)] });
    const res = await session.agent.post("/admin/articles").type("form").send(form).expect(422);
    expect(res.text).toContain('class="error-summary"');
    await expectValid(res.text, "refused article");
  });

  it("a refused upload, with its error summary", async () => {
    const res = await session.agent.post("/admin/media").field("_csrf", session.csrf).attach("file", fixture("drawing.svg"), "x.svg").expect(422);
    expect(res.text).toContain('class="error-summary"');
    await expectValid(res.text, "refused upload");
  });

  it("a refused photo delete", async () => {
    const res = await session.agent.post(`/admin/media/${ids.photo}/delete`).type("form").send({ _csrf: session.csrf }).expect(409);
    await expectValid(res.text, "refused delete");
  });
});
