import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { serve } from "../../helpers/browser.js";
import { testClock, type TestClock } from "../../helpers/clock.js";

// visits.test.ts counts visitors of the home page and reads /api/visits at once. Here the figures
// must be exact when visitors arrive together on every kind of public page, read both from
// /api/visits and from the visit block of a page, and with returning readers and crawlers arriving
// at the same moment. Figures may be shown up to 2 s late (a page cache may count in memory and
// write in batches), so they are read again until they arrive; they may never be above the truth,
// and once there they must stay there. Requests go to one listening server, as browsers' do, so
// pages are served from the page cache (supertest's request(app) gets a new port, hence a new Host
// and cache key, on every request).

const PAGES = [
  "/",
  "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016",
  "/chuyen-muc/chi-so-cai-cach-hanh-chinh",
  "/don-vi/phong-cchc",
  "/tac-gia/trung-hau",
  "/tim-kiem?q=can%20tho",
  "/lien-he",
];
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
/** How long figures may take to show (2 s), with a margin. */
const LATE_MS = 3000;
const POLL_MS = 100;

interface Figures {
  today: number;
  yesterday: number;
  thisWeek: number;
  total: number;
}
const KEYS = ["today", "yesterday", "thisWeek", "total"] as const;
const BLOCK_LABELS: Record<string, keyof Figures> = { "Hôm nay": "today", "Hôm qua": "yesterday", "Tuần này": "thisWeek", "Tất cả": "total" };

const plus = (f: Figures, n: number): Figures => ({ ...f, today: f.today + n, thisWeek: f.thisWeek + n, total: f.total + n });

async function fromApi(base: string): Promise<Figures> {
  return (await request(base).get("/api/visits").expect(200)).body as Figures;
}

/** The visit block of the contact page, as a returning reader (who is not counted) sees it. */
async function fromBlock(base: string, cookie: string): Promise<Figures> {
  const res = await request(base).get("/lien-he").set("user-agent", BROWSER_UA).set("cookie", cookie).expect(200);
  const figures: Partial<Figures> = {};
  for (const [, label, value] of res.text.matchAll(/<dt>([^<:]+):<\/dt><dd>([\d.]+)<\/dd>/g)) {
    const key = BLOCK_LABELS[label!];
    if (key) figures[key] = Number(value!.replaceAll(".", "")); // 127.667 in Vietnamese
  }
  return figures as Figures;
}

/** The `cchc_visit=…` pair the site set on a response. */
function visitCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const pair = cookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith("cchc_visit="));
  if (!pair) throw new Error(`no visit cookie among ${JSON.stringify(cookies)}`);
  return pair;
}

/**
 * Reads the figures until they equal `expected` (at most LATE_MS), failing as soon as any is above
 * it, then keeps reading for `holdMs` to see them stay. The app's clock keeps pace with real time
 * meanwhile, so figures timed by the app's clock come as they would in production.
 */
async function expectFigures(read: () => Promise<Figures>, clock: TestClock, expected: Figures, holdMs = LATE_MS) {
  const started = Date.now();
  let ticked = started;
  let reachedAt: number | null = null;
  for (;;) {
    const seen = await read();
    for (const key of KEYS) expect(seen[key], `${key} above the true figure`).toBeLessThanOrEqual(expected[key]);
    if (reachedAt !== null) expect(seen, "figures changed after reaching the true ones").toEqual(expected);
    else if (Date.now() - started > LATE_MS) expect(seen, `figures still short after ${LATE_MS} ms`).toEqual(expected);
    if (reachedAt === null && KEYS.every((key) => seen[key] === expected[key])) reachedAt = Date.now();
    if (reachedAt !== null && Date.now() - reachedAt >= holdMs) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    clock.advance(Date.now() - ticked);
    ticked = Date.now();
  }
}

/** `n` requests at once, spread over the public pages, each answered 200. */
async function atOnce(n: number, send: (path: string, i: number) => request.Test) {
  const paths = Array.from({ length: n }, (_, i) => PAGES[i % PAGES.length]!);
  const responses = await Promise.all(paths.map((path, i) => send(path, i)));
  responses.forEach((res, i) => expect(res.status, paths[i]).toBe(200));
  return responses;
}

async function site() {
  const clock = testClock("2026-11-25T05:00:00Z"); // Wednesday 12:00 in Vietnam: no midnight during the test
  // Figures as late as the site may show them (2 s), not the tests' default of showing them at once.
  const base = await serve(await createTestApp({ clock, env: { VISIT_DISPLAY_INTERVAL_MS: "2000" } }));
  const newVisitor = (path: string) => request(base).get(path).set("user-agent", BROWSER_UA);
  return { clock, base, newVisitor, before: await fromApi(base) };
}

describe("visit figures are exact", () => {
  it("40 new visitors at once on every kind of public page add exactly 40 to today, the week and the total, in the API and the block", async () => {
    const { clock, base, newVisitor, before } = await site();
    const responses = await atOnce(40, newVisitor);
    const cookies = responses.map(visitCookie); // every new visitor is given the cookie

    const expected = plus(before, 40);
    await expectFigures(() => fromApi(base), clock, expected);
    await expectFigures(() => fromBlock(base, cookies[0]!), clock, expected, 0);
  });

  it("returning readers sending the site's cookie and Googlebot add nothing, even arriving with new visitors", async () => {
    const { clock, base, newVisitor, before } = await site();
    const readers = (await atOnce(10, newVisitor)).map(visitCookie);
    await expectFigures(() => fromApi(base), clock, plus(before, 10), 0);

    const [returning] = await Promise.all([
      // each reader opens three more pages, all at once
      atOnce(30, (path, i) => newVisitor(path).set("cookie", readers[i % readers.length]!)),
      atOnce(20, (path) => request(base).get(path).set("user-agent", GOOGLEBOT)),
      atOnce(5, newVisitor),
    ]);
    // Each page view renews the visit for 30 minutes from that view, cached page or not.
    for (const res of returning) expect(String(res.headers["set-cookie"])).toMatch(/cchc_visit=1;.*Max-Age=1800/);
    const expected = plus(before, 15);
    await expectFigures(() => fromApi(base), clock, expected);
    await expectFigures(() => fromBlock(base, readers[0]!), clock, expected, 0);
  });
});
