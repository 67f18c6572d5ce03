import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { parCsvTemplate } from "../../lib/par-csv.js";
import { viNumber } from "../../lib/svg-charts.js";
import { formatStamp } from "../../lib/vi-time.js";
import type { ParYearData } from "../../services/par-index.js";
import { deleteParYear, getParYearForAdmin, listParYearsForAdmin, parAdminUrl, saveParYear } from "../../services/par-index-admin.js";
import { ORIGIN_LABELS, rankLabel } from "../../services/par-index-views.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { parImportRouter } from "./par-index-import.js";
import { maxParYear, parYearBody, YearParams } from "./par-index.schema.js";

const BASE = "/admin/par-index";
// Blank rows under the filled ones: enough for a year's components without JavaScript.
const COMPONENT_ROWS = 10;
const COMPARISON_ROWS = 4;
const EXTRA_ROWS = 3;

type Values = Record<string, string | string[] | undefined>;

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The rows of the form: what was typed (or stored), then blank rows up to the minimum. */
function rows(values: Values, fields: [string, string, string], minimum: number) {
  // Posted as "componentName[]" by the form, "componentName" by scripts and the stored values.
  const columns = fields.map((f) => asList(values[`${f}[]`] ?? values[f]));
  const filled = Math.max(...columns.map((c) => c.length));
  const count = Math.max(minimum, filled + EXTRA_ROWS);
  return Array.from({ length: count }, (_, i) => columns.map((c) => c[i] ?? ""));
}

/** A stored year as the form shows it: numbers with a decimal comma. */
function storedValues(y: ParYearData): Values {
  return {
    year: String(y.year),
    total: viNumber(y.total),
    max: viNumber(y.max),
    rank: y.rank ? String(y.rank) : "",
    ranked: y.ranked ? String(y.ranked) : "",
    note: y.note,
    componentName: y.components.map((c) => c.name),
    componentScore: y.components.map((c) => viNumber(c.score)),
    componentMax: y.components.map((c) => viNumber(c.max)),
    comparisonLabel: y.comparisons.map((c) => c.label),
    comparisonTotal: y.comparisons.map((c) => viNumber(c.total)),
    comparisonRank: y.comparisons.map((c) => (c.rank ? String(c.rank) : "")),
  };
}

/** The PAR Index in the panel: years, the year form, delete, and the CSV import (editors and administrators). */
export function parIndexAdminRouter(ctx: AppContext): Router {
  const { prisma, chrome, clock } = ctx;
  const router = Router();
  router.use("/par-index", requireRole("admin", "editor"));

  const renderList = async (res: Response, importErrors: string[] = []) =>
    res.render("admin/par-index/index", {
      pageTitle: "Chỉ số cải cách hành chính",
      adminStyles: ["/assets/css/admin-par.css"],
      years: (await listParYearsForAdmin(prisma)).map((y) => ({
        ...y,
        totalLabel: `${viNumber(y.total)}/${viNumber(y.max)}`,
        rankLabel: rankLabel(y.rank, y.ranked),
        originLabel: ORIGIN_LABELS[y.origin as keyof typeof ORIGIN_LABELS] ?? y.origin,
        updatedLabel: formatStamp(y.updatedAt),
      })),
      importErrors,
      errors: importErrors.length ? { file: importErrors[0]! } : {},
    });

  const renderForm = (res: Response, year: number | null, values: Values, errors: FieldErrors, origin = "staff") =>
    res.render("admin/par-index/form", {
      pageTitle: year ? `Sửa Chỉ số CCHC năm ${year}` : "Thêm năm Chỉ số CCHC",
      adminStyles: ["/assets/css/admin-par.css"],
      year,
      origin,
      originLabel: ORIGIN_LABELS[origin as keyof typeof ORIGIN_LABELS] ?? origin,
      maxYear: maxParYear(clock),
      values,
      errors,
      components: rows(values, ["componentName", "componentScore", "componentMax"], COMPONENT_ROWS),
      comparisons: rows(values, ["comparisonLabel", "comparisonTotal", "comparisonRank"], COMPARISON_ROWS),
    });

  const save = (req: Request, res: Response, year: number | null, origin = "staff") =>
    handleForm(
      req,
      res,
      { status: year ? 200 : 201, flash: (saved) => `Đã lưu Chỉ số CCHC năm ${saved.id}.`, redirect: BASE, refused: (errors) => renderForm(res, year, req.body ?? {}, errors, origin) },
      async () => {
        const body = year ? { ...(req.body ?? {}), year: String(year) } : (req.body ?? {});
        const input = parseForm(parYearBody(maxParYear(clock)), body);
        await saveParYear(prisma, actorOf(req, res), input, year ? "update" : "create");
        await chrome.invalidate();
        return { id: input.year, url: parAdminUrl(input.year), publicUrl: `/chi-so-cchc/${input.year}` };
      },
    );

  // GET /admin/par-index
  router.get("/par-index", (_req, res) => renderList(res));

  // GET /admin/par-index/mau.csv: the import template, the header and example rows
  router.get("/par-index/mau.csv", (_req, res) => {
    res.type("text/csv; charset=utf-8").attachment("mau-chi-so-cchc.csv").send(parCsvTemplate());
  });

  router.use(parImportRouter(ctx, renderList));

  // GET /admin/par-index/new
  router.get("/par-index/new", (_req, res) => renderForm(res, null, { max: "100", ranked: "" }, {}));

  // POST /admin/par-index
  router.post("/par-index", (req, res) => save(req, res, null));

  // GET /admin/par-index/:year/edit
  router.get("/par-index/:year/edit", async (req, res) => {
    const { year } = parseQuery(YearParams, req.params);
    const found = await getParYearForAdmin(prisma, year);
    renderForm(res, year, storedValues(found), {}, found.origin);
  });

  // POST /admin/par-index/:year
  router.post("/par-index/:year", async (req, res) => {
    const { year } = parseQuery(YearParams, req.params);
    const found = await getParYearForAdmin(prisma, year);
    await save(req, res, year, found.origin);
  });

  // GET /admin/par-index/:year/delete: asks first
  router.get("/par-index/:year/delete", async (req, res) => {
    const { year } = parseQuery(YearParams, req.params);
    const found = await getParYearForAdmin(prisma, year);
    res.render("admin/par-index/delete", { pageTitle: `Xoá Chỉ số CCHC năm ${year}`, found, errors: {} });
  });

  // POST /admin/par-index/:year/delete
  router.post("/par-index/:year/delete", async (req, res) => {
    const { year } = parseQuery(YearParams, req.params);
    await handleForm(req, res, { flash: `Đã xoá số liệu năm ${year}.`, redirect: BASE, field: "confirm", refused: () => renderList(res) }, async () => {
      await deleteParYear(prisma, actorOf(req, res), year);
      await chrome.invalidate();
      return { id: year, url: BASE };
    });
  });
  return router;
}
