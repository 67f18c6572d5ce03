import { Router } from "express";
import type { AppContext } from "../../app.js";
import { MAX_QUERY_LENGTH, MAX_TERMS, parseSearchQuery } from "../../lib/search-terms.js";
import { searchArticles } from "../../services/search.js";
import { listEntries } from "../../services/taxonomy.js";
import { dateRange, SearchQuery } from "./search.schema.js";

export function searchRouter({ prisma, clock, pages }: AppContext): Router {
  const router = Router();
  // GET /tim-kiem?q=&chuyen-muc=&tu=&den=&trang=
  router.get("/tim-kiem", async (req, res) => {
    const query = SearchQuery.parse(req.query);
    const parsed = parseSearchQuery(query.q);
    const categories = await listEntries(prisma, "category");
    const range = dateRange(query.tu, query.den);
    const errors = { ...range.errors };
    const category = categories.find((c) => c.slug === query["chuyen-muc"]) ?? null;
    if (query["chuyen-muc"] && !category) errors["chuyen-muc"] = "Chuyên mục này không tồn tại; kết quả dưới đây lấy từ mọi chuyên mục.";

    const notes: string[] = [];
    if (parsed.truncated) notes.push(`Từ khóa dài quá ${MAX_QUERY_LENGTH} ký tự nên chỉ phần đầu được dùng để tìm.`);
    if (parsed.tooManyTerms) notes.push(`Chỉ ${MAX_TERMS} từ đầu tiên của từ khóa được dùng để tìm.`);
    const result = parsed.terms.length
      ? await searchArticles(prisma, clock, parsed.terms, { categoryId: category?.id ?? null, ...range }, query.trang)
      : null;

    const params = new URLSearchParams({ q: parsed.text });
    if (category) params.set("chuyen-muc", category.slug);
    if (range.from) params.set("tu", query.tu.trim());
    if (range.until) params.set("den", query.den.trim());
    await pages.page(req, res, "public/search", {
      pageTitle: parsed.text ? `Tìm kiếm: ${parsed.text}` : "Tìm kiếm",
      metaDescription: "Tìm bài viết trên trang theo từ khóa, chuyên mục và khoảng thời gian; gõ có dấu hay không dấu đều được.",
      metaRobots: "noindex, follow",
      q: parsed.text,
      asked: "q" in req.query,
      hasTerms: parsed.terms.length > 0,
      values: { q: parsed.text, "chuyen-muc": query["chuyen-muc"], tu: query.tu, den: query.den },
      errors,
      notes,
      categories,
      result,
      basePath: `/tim-kiem?${params.toString()}`,
    });
  });
  return router;
}
