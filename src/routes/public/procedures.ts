import { Router, type Request } from "express";
import type { AppContext } from "../../app.js";
import { parseQuery } from "../../middleware/validate.js";
import { MAX_QUERY_LENGTH, parseSearchQuery } from "../../lib/search-terms.js";
import { siteBase } from "../../lib/site-url.js";
import { formatDate } from "../../lib/vi-time.js";
import { procedureFeed } from "../../services/procedures-feed.js";
import { procedureForms, registerProcedureForms } from "../../services/procedures-forms.js";
import { findSectorBySlug, getPublicProcedure, LEVEL_CHOICES, listPublicProcedures, procedureSectors } from "../../services/procedures-public.js";
import { PROCEDURE_LEVELS, PROCEDURES_PATH } from "../../services/procedures.js";
import { ProcedureQuery } from "./procedures.schema.js";
import { SlugParams } from "./public.schema.js";

const FEED_PATH = `${PROCEDURES_PATH}/rss.xml`;

// The section's own stylesheet (detail table, online-service button), on its pages only.
const styles = (req: Request) => {
  const asset = req.app.locals["asset"] as (path: string) => string;
  return `<link rel="stylesheet" href="${asset("/assets/css/procedures.css")}">`;
};
// The section's feed is named in the head of its pages (services/seo.ts), beside the site's.
const FEEDS = { feeds: [{ title: "Thủ tục hành chính mới công bố", path: FEED_PATH }] };

export function proceduresRouter({ prisma, clock, config, chrome, pages }: AppContext): Router {
  const router = Router();
  // The forms of a published procedure may be downloaded by anyone (GET /tep/:id/:name).
  registerProcedureForms();

  // GET /thu-tuc-hanh-chinh/rss.xml (before /:slug; a feed is never a visit)
  router.get(FEED_PATH, async (req, res) => {
    const { settings } = await chrome.get();
    const xml = await procedureFeed(prisma, clock, { siteName: settings.siteName, copyright: settings.copyright }, siteBase(config, req));
    await pages.document(req, res, xml, "application/rss+xml; charset=utf-8", "public, max-age=300");
  });

  // GET /thu-tuc-hanh-chinh?q=&linh-vuc=&cap=&trang=
  router.get(PROCEDURES_PATH, async (req, res) => {
    const query = ProcedureQuery.parse(req.query);
    const parsed = parseSearchQuery(query.q);
    const errors: Record<string, string> = {};
    const [sectors, sector] = await Promise.all([
      procedureSectors(prisma),
      query["linh-vuc"] ? findSectorBySlug(prisma, query["linh-vuc"].trim()) : null,
    ]);
    if (query["linh-vuc"] && !sector) errors["linh-vuc"] = "Lĩnh vực này không có; kết quả dưới đây lấy từ mọi lĩnh vực.";
    const level = PROCEDURE_LEVELS.find((l) => l === query.cap.trim()) ?? null;
    if (query.cap && !level) errors["cap"] = "Cấp thực hiện này không có; kết quả dưới đây lấy từ mọi cấp.";
    const notes = parsed.truncated ? [`Từ khóa dài quá ${MAX_QUERY_LENGTH} ký tự nên chỉ phần đầu được dùng để tìm.`] : [];

    const list = await listPublicProcedures(prisma, { terms: parsed.terms, sectorId: sector?.id ?? null, level }, query.trang);
    // The filters stay in every link of the list: pagination, the canonical address, a shared link.
    const params = new URLSearchParams();
    if (parsed.text) params.set("q", parsed.text);
    if (sector) params.set("linh-vuc", sector.slug);
    if (level) params.set("cap", level);
    const filtered = params.size > 0;
    const choices = sector && !sectors.some((s) => s.id === sector.id) ? [...sectors, sector] : sectors;
    await pages.page(req, res, "public/procedures/index", {
      pageTitle: "Thủ tục hành chính",
      metaDescription:
        "Tra cứu thủ tục hành chính: mã thủ tục, thành phần hồ sơ, trình tự, thời hạn, phí, lệ phí, biểu mẫu và dịch vụ công trực tuyến; lọc theo lĩnh vực và cấp thực hiện.",
      headExtra: styles(req),
      extraMeta: FEEDS,
      values: { q: parsed.text, "linh-vuc": sector?.slug ?? "", cap: level ?? "" },
      sectors: choices,
      levels: LEVEL_CHOICES,
      errors,
      notes,
      filtered,
      ...list,
      basePath: filtered ? `${PROCEDURES_PATH}?${params.toString()}` : PROCEDURES_PATH,
      feedPath: FEED_PATH,
    });
  });

  // GET /thu-tuc-hanh-chinh/:slug (?in=1: the print view)
  router.get(`${PROCEDURES_PATH}/:slug`, async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ thủ tục không hợp lệ.");
    const procedure = await getPublicProcedure(prisma, slug);
    const forms = await procedureForms(prisma, procedure.id);
    const facts = [procedure.sector?.name, procedure.level, procedure.processingTime && `thời hạn ${procedure.processingTime}`].filter(Boolean);
    await pages.page(req, res, "public/procedures/show", {
      pageTitle: procedure.name,
      metaDescription: `Thủ tục hành chính mã ${procedure.code}: ${facts.join(", ")}. Thành phần hồ sơ, trình tự thực hiện, căn cứ pháp lý, biểu mẫu và dịch vụ công trực tuyến.`,
      headExtra: styles(req),
      extraMeta: { ...FEEDS, dc: [["DC.subject", procedure.sector?.name ?? "Thủ tục hành chính"], ["DC.type", "Text"]] },
      procedure,
      forms,
      updated: formatDate(procedure.updatedAt),
    });
  });
  return router;
}

