import { Router } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseQuery } from "../../middleware/validate.js";
import { columnChart } from "../../lib/svg-charts.js";
import { ratingComments, ratingsByPage, ratingsOverTime, type RatingPeriod } from "../../services/ratings-admin.js";
import { CommentsQuery, RatingsQuery } from "./ratings.schema.js";

const styles = ["/assets/css/admin-par.css"];

/** Average score per period as columns on a 1-5 scale, the count of ratings under each. */
function periodChart(periods: RatingPeriod[], unit: "tuan" | "thang"): string {
  const short = (key: string) => {
    const [y, m, d] = key.split("-");
    return unit === "tuan" ? `${d}/${m}` : `${m}/${y!.slice(2)}`;
  };
  return columnChart({
    id: "danh-gia-theo-thoi-gian",
    title: unit === "tuan" ? "Điểm đánh giá trung bình theo tuần" : "Điểm đánh giá trung bình theo tháng",
    description:
      "Biểu đồ cột: chiều cao là điểm trung bình trên thang 5, số lượt ghi dưới mỗi cột. " +
      periods.map((p) => `${p.label}: ${p.count} lượt, trung bình ${p.averageLabel}`).join("; ") +
      ".",
    columns: periods.map((p) => ({ label: short(p.key), sublabel: `${p.count} lượt`, share: (p.average ?? 0) / 5, valueLabel: p.averageLabel })),
  });
}

/** /admin/ratings: the scores per page (lowest first) and over time; /admin/ratings/y-kien: the comments. */
export function ratingsAdminRouter({ prisma, clock }: AppContext): Router {
  const router = Router();
  router.use("/ratings", requireRole("admin", "editor"));

  // GET /admin/ratings?theo=tuan|thang&trang=N
  router.get("/ratings", async (req, res) => {
    const { theo, trang } = parseQuery(RatingsQuery, req.query, "Bộ lọc không hợp lệ.");
    const [byPage, periods] = await Promise.all([ratingsByPage(prisma, trang), ratingsOverTime(prisma, clock, theo)]);
    res.render("admin/ratings/index", {
      pageTitle: "Đánh giá của bạn đọc",
      adminStyles: styles,
      ...byPage,
      unit: theo,
      periods,
      chart: periodChart(periods, theo),
      basePath: theo === "thang" ? "/admin/ratings?theo=thang" : "/admin/ratings",
    });
  });

  // GET /admin/ratings/y-kien?duong-dan=/tin-tuc/…&trang=N
  router.get("/ratings/y-kien", async (req, res) => {
    const query = parseQuery(CommentsQuery, req.query, "Bộ lọc không hợp lệ.");
    const path = query["duong-dan"];
    const { comments, page } = await ratingComments(prisma, query.trang, path);
    res.render("admin/ratings/comments", {
      pageTitle: "Ý kiến kèm đánh giá",
      adminStyles: styles,
      comments,
      page,
      path: path ?? "",
      basePath: path ? `/admin/ratings/y-kien?duong-dan=${encodeURIComponent(path)}` : "/admin/ratings/y-kien",
    });
  });
  return router;
}
