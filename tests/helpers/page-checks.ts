import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

// axe-core runs through page.evaluate (outside the page's CSP); the page keeps its real policy, so an
// inline style or script, or an image the policy blocks, still shows as a console error.
const AXE = fs.readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

/** Records the console errors of a page from now on. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}

/** What is wrong with the page as loaded: serious axe findings and sideways scrolling. */
export async function pageProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const serious = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  })) as string[];
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  return overflow > 0 ? [...serious, `scrolls sideways by ${overflow} px`] : serious;
}
