import { Router, type Request } from "express";
import { z } from "zod";
import type { AppContext } from "../../app.js";
import { notFound } from "../../errors.js";
import { listParYears, loadParYearPage } from "../../services/par-index.js";
import { parOverviewView, parYearView } from "../../services/par-index-views.js";

const YearParams = z.object({ year: z.string().regex(/^(19|20)\d\d$/).transform(Number) });

/** The charts' style sheet, after the site's (fingerprinted like every asset). */
function chartStyles(req: Request): string {
  const asset = req.app.locals["asset"] as (path: string) => string;
  return `<link rel="stylesheet" href="${asset("/assets/css/par-index.css")}">`;
}

/** /chi-so-cchc and /chi-so-cchc/:year: the PAR Index as data, charts drawn on the server. */
export function parIndexRouter({ prisma, chrome, pages }: AppContext): Router {
  const router = Router();

  // GET /chi-so-cchc
  router.get("/chi-so-cchc", async (req, res) => {
    const view = await chrome.page("par:overview", async () => parOverviewView(await listParYears(prisma)));
    await pages.page(req, res, "public/par-index/index", {
      ...view,
      pageTitle: "Chỉ số cải cách hành chính",
      metaDescription: "Chỉ số cải cách hành chính (PAR Index) của thành phố Cần Thơ qua các năm: điểm, thứ hạng, các chỉ số thành phần, biểu đồ và bảng số liệu.",
      headExtra: chartStyles(req),
    });
  });

  // GET /chi-so-cchc/:year (print view: ?in=1)
  router.get("/chi-so-cchc/:year", async (req, res) => {
    const params = YearParams.safeParse(req.params);
    if (!params.success) throw notFound("Không có số liệu Chỉ số cải cách hành chính cho năm này.");
    const { year } = params.data;
    const view = await chrome.page(`par:year:${year}`, async () => {
      const data = await loadParYearPage(prisma, year);
      if (!data) throw notFound(`Chưa có số liệu Chỉ số cải cách hành chính năm ${year}.`);
      return parYearView(data);
    });
    await pages.page(req, res, "public/par-index/year", {
      y: view,
      pageTitle: view.title,
      metaDescription: `Chỉ số cải cách hành chính năm ${view.year} của thành phố Cần Thơ: ${view.totalLabel}/${view.maxLabel} điểm, hạng ${view.rankLabel}, các chỉ số thành phần và so sánh với năm trước.`,
      headExtra: chartStyles(req),
    });
  });
  return router;
}
