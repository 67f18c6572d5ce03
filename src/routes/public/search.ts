import { Router } from "express";
import type { AppContext } from "../../app.js";
import { MAX_QUERY_LENGTH, MAX_TERMS, parseSearchQuery } from "../../lib/search-terms.js";
import { searchArticles } from "../../services/search.js";
import { listEntries } from "../../services/taxonomy.js";
import { ARTICLES_TYPE, findSearchSection, SEARCH_SECTIONS, searchEverySection, searchSection } from "../../services/site-search.js";
import { dateRange, SearchQuery } from "./search.schema.js";

export function searchRouter({ prisma, clock, pages }: AppContext): Router {
  const router = Router();
  // GET /tim-kiem?q=&loai=&chuyen-muc=&tu=&den=&trang=
  router.get("/tim-kiem", async (req, res) => {
    const query = SearchQuery.parse(req.query);
    const parsed = parseSearchQuery(query.q);
    const categories = await listEntries(prisma, "category");
    const range = dateRange(query.tu, query.den);
    const errors = { ...range.errors };
    const category = categories.find((c) => c.slug === query["chuyen-muc"]) ?? null;
    if (query["chuyen-muc"] && !category) errors["chuyen-muc"] = "Chuyên mục này không tồn tại; kết quả dưới đây lấy từ mọi chuyên mục.";
    const section = findSearchSection(query.loai);
    const type = section ? section.slug : query.loai === ARTICLES_TYPE.slug ? ARTICLES_TYPE.slug : "";
    if (query.loai && !type) errors["loai"] = "Loại nội dung này không có; kết quả dưới đây lấy từ mọi loại.";

    const notes: string[] = [];
    if (parsed.truncated) notes.push(`Từ khóa dài quá ${MAX_QUERY_LENGTH} ký tự nên chỉ phần đầu được dùng để tìm.`);
    if (parsed.tooManyTerms) notes.push(`Chỉ ${MAX_TERMS} từ đầu tiên của từ khóa được dùng để tìm.`);
    // A section has no categories or article dates: its results ignore those filters.
    const result = parsed.terms.length && !section
      ? await searchArticles(prisma, clock, parsed.terms, { categoryId: category?.id ?? null, ...range }, query.trang)
      : null;
    const sectionResult = parsed.terms.length && section ? await searchSection(prisma, clock(), section, parsed.terms, query.trang) : null;
    const others = parsed.terms.length && !type ? (await searchEverySection(prisma, clock(), parsed.terms)).filter((r) => r.total > 0) : [];

    const params = new URLSearchParams({ q: parsed.text });
    if (type) params.set("loai", type);
    if (category) params.set("chuyen-muc", category.slug);
    if (range.from) params.set("tu", query.tu.trim());
    if (range.until) params.set("den", query.den.trim());
    await pages.page(req, res, "public/search", {
      pageTitle: parsed.text ? `Tìm kiếm: ${parsed.text}` : "Tìm kiếm",
      metaDescription: "Tìm bài viết, văn bản, thủ tục hành chính và câu trả lời trên trang theo từ khóa; gõ có dấu hay không dấu đều được.",
      metaRobots: "noindex, follow",
      q: parsed.text,
      asked: "q" in req.query,
      hasTerms: parsed.terms.length > 0,
      values: { q: parsed.text, loai: type, "chuyen-muc": query["chuyen-muc"], tu: query.tu, den: query.den },
      types: [ARTICLES_TYPE, ...SEARCH_SECTIONS.map(({ slug, label }) => ({ slug, label }))],
      sectionResult,
      others: others.map((r) => ({ ...r, moreUrl: `/tim-kiem?${new URLSearchParams({ q: parsed.text, loai: r.slug })}` })),
      errors,
      notes,
      categories,
      result,
      basePath: `/tim-kiem?${params.toString()}`,
    });
  });
  return router;
}
