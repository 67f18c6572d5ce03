import { Router } from "express";
import type { AppContext } from "../../app.js";
import { parseQuery } from "../../middleware/validate.js";
import { pageOfListing } from "../../services/articles-public.js";
import { articlesOf, findEntryBySlug, TAXONOMY_LABELS, TAXONOMY_PATHS, type ArticleTaxonomyKind } from "../../services/taxonomy.js";
import { unitDetails } from "../../services/organisation.js";
import { sectionStyles } from "./organisation-locals.js";
import { PageQuery, SlugParams } from "./public.schema.js";

/** /chuyen-muc/:slug, /don-vi/:slug and /tac-gia/:slug: one listing page, paginated by ?trang=N. */
export function taxonomyRouter({ prisma, chrome, pages }: AppContext): Router {
  const router = Router();
  for (const kind of Object.keys(TAXONOMY_PATHS) as ArticleTaxonomyKind[]) {
    // GET /chuyen-muc/:slug, /don-vi/:slug, /tac-gia/:slug
    router.get(`${TAXONOMY_PATHS[kind]}/:slug`, async (req, res) => {
      const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ không hợp lệ.");
      const { trang } = parseQuery(PageQuery, req.query, "Số trang không hợp lệ.");
      const { entry, listing, unit } = await chrome.page(`${kind}:${slug}:${trang}`, async () => {
        const found = await findEntryBySlug(prisma, kind, slug);
        const ids = await chrome.listing(`${kind}:${found.id}`, articlesOf(kind, found.id));
        // A unit's duties and contacts head the first page of its articles.
        const unit = kind === "department" && trang === 1 ? await unitDetails(prisma, slug) : null;
        return { entry: found, listing: await pageOfListing(prisma, ids, trang), unit };
      });
      await pages.page(req, res, "public/listing", {
        heading: entry.name,
        pageTitle: entry.name,
        kindLabel: TAXONOMY_LABELS[kind],
        basePath: `${TAXONOMY_PATHS[kind]}/${entry.slug}`,
        ...listing,
        ...(unit?.hasDetails ? { unit, headExtra: sectionStyles(req) } : {}),
      });
    });
  }
  return router;
}
