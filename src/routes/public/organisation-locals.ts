import type { Request, Response } from "express";
import type { AppContext } from "../../app.js";
import { alternatesOf, languagePairs } from "../../services/english.js";
import { loadIntroRows } from "../../services/intro-pages-public.js";
import { loadOrganisation } from "../../services/organisation.js";

// What the introduction, organisation, directory and English pages share: their style sheet, their
// twin in the other language (hreflang links and the switch) and the data kept until the next write.

/** The section's own style sheet, after the site's (fingerprinted like every asset). */
export function sectionStyles(req: Request): string {
  const asset = req.app.locals["asset"] as (path: string) => string;
  return `<link rel="stylesheet" href="${asset("/assets/css/organisation.css")}">`;
}

/** hreflang alternates, the language switch link and the style sheet, for a page's data. */
export async function sectionLocals(ctx: AppContext, req: Request, res: Response) {
  const pairs = await languagePairs(ctx.prisma, ctx.chrome);
  const { alternates, switchTo } = alternatesOf(pairs, req.path, res.locals["baseUrl"] as string);
  return { alternates, languageSwitch: switchTo, headExtra: sectionStyles(req) };
}

/** The published introduction pages, kept until the next write. */
export const introRows = ({ prisma, chrome }: AppContext) => chrome.page("intro:rows", () => loadIntroRows(prisma));

/** The organisation chart and the leaders, kept until the next write. */
export const organisation = ({ prisma, chrome }: AppContext) => chrome.page("organisation", () => loadOrganisation(prisma));
