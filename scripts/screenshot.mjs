// Screenshots of pages of a running site, for looking at what we build (also reports sideways
// scrolling and console errors):
//   node scripts/screenshot.mjs http://127.0.0.1:3000/ /lien-he   → tests/.tmp/shots/*.png (1280 and 360 px)
import fs from "node:fs";
import { chromium } from "playwright-core";

const [base = "http://127.0.0.1:3000", ...paths] = process.argv.slice(2);
const out = "tests/.tmp/shots";
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
for (const width of [1280, 360]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on("console", (m) => m.type() === "error" && console.log(`  console error: ${m.text()}`));
  for (const p of paths.length ? paths : ["/"]) {
    await page.goto(new URL(p, base).href);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) console.log(`  ${p} scrolls sideways at ${width} px (${scrollWidth} px wide)`);
    const name = `${out}/${(p.replace(/[^a-z0-9]+/gi, "_") || "home").slice(-80)}-${width}.png`;
    await page.screenshot({ path: name, fullPage: true });
    console.log(name);
  }
  await page.close();
}
await browser.close();
