import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";

// Every public page offers the other language in its top bar: the page's own twin when it has one,
// else the other language's home; a site without English texts offers none.
const languageLink = (html: string) => /<p class="topbar-language"><a href="([^"]+)" hreflang="(vi|en)" lang="\2">([^<]+)<\/a><\/p>/.exec(html);

describe("the language switch in the header", () => {
  it("links a page with an English twin to it, any other page to /en, and English pages back", async () => {
    const t = await createTestApp();
    const get = async (path: string) => (await request(t.app).get(path).set("User-Agent", BROWSER_UA).expect(200)).text;
    expect(languageLink(await get("/gioi-thieu/co-cau-to-chuc"))?.slice(1)).toEqual(["/en/organisation", "en", "English"]);
    expect(languageLink(await get("/van-ban"))?.slice(1)).toEqual(["/en", "en", "English"]);
    expect(languageLink(await get("/"))?.slice(1)).toEqual(["/en", "en", "English"]);
    const english = await get("/en/organisation");
    expect(languageLink(english)?.slice(1)).toEqual(["/gioi-thieu/co-cau-to-chuc", "vi", "Tiếng Việt"]);
    // The page is English; the site's Vietnamese header and footer say they are not.
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('<header class="site-header" lang="vi">');
    expect(english).toContain('<footer class="site-footer" lang="vi">');
  });

  it("offers no English when the site has no English name", async () => {
    const t = await createTestApp();
    await t.prisma.siteSettings.update({ where: { id: 1 }, data: { siteNameEn: "" } });
    await t.changed();
    const res = await request(t.app).get("/van-ban").set("User-Agent", BROWSER_UA).expect(200);
    expect(languageLink(res.text)).toBeNull();
  });
});
