import type { Response } from "express";
import type { AppContext } from "../../app.js";
import { countProcedureViews, listAdminProcedures, type ProcedureListFilters } from "../../services/procedures-admin-list.js";
import { LEVEL_LABELS, PROCEDURE_LEVELS, PROCEDURE_STATUS_LABELS } from "../../services/procedures.js";
import { currentUser } from "./procedures-form.js";

/** The list's own address with its filters, for the pagination links. */
export function procedureListPath(filters: ProcedureListFilters): string {
  const params = new URLSearchParams();
  for (const key of ["status", "fieldId", "level", "q"] as const) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/admin/procedures?${search}` : "/admin/procedures";
}

/** The staff list of procedures, with its tabs and filters. */
export async function renderProcedureList(ctx: AppContext, res: Response, filters: ProcedureListFilters): Promise<void> {
  const user = currentUser(res);
  const [list, counts, sectors] = await Promise.all([
    listAdminProcedures(ctx.prisma, user, filters),
    countProcedureViews(ctx.prisma, user),
    ctx.prisma.sector.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
  ]);
  res.render("admin/procedures/index", {
    pageTitle: filters.status === "trash" ? "Thùng rác thủ tục hành chính" : "Thủ tục hành chính",
    ...list,
    counts,
    statusLabels: PROCEDURE_STATUS_LABELS,
    levels: PROCEDURE_LEVELS.map((value) => ({ value, label: LEVEL_LABELS[value] })),
    sectors,
    filters,
    basePath: procedureListPath(filters),
  });
}
