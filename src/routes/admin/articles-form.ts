import type { Request, Response } from "express";
import type { PrismaClient } from "../../db.js";
import { isEditor, STATUS_LABELS } from "../../services/article-access.js";
import { articleFormChoices, type ArticleFormValues } from "../../services/articles-admin.js";
import type { ConflictView } from "../../services/article-revision-views.js";
import type { ArticleActor } from "../../services/article-workflow.js";
import { LIBRARY_PAGE_SIZE } from "../../services/media-library.js";
import type { CurrentUser } from "../../services/users.js";
import { orderPhotoIds, TITLE_MAX } from "./articles.schema.js";

// The editor's files come from our own origin (src/app.ts mounts node_modules/quill/dist), and only
// this form loads them.
const EDITOR_STYLES = ["/assets/vendor/quill/quill.snow.css"];
const EDITOR_SCRIPTS = [
  "/assets/vendor/quill/quill.js",
  "/assets/js/editor-photo.js",
  "/assets/js/editor.js",
  "/assets/js/photo-order.js",
  "/assets/js/photo-picker.js",
  "/assets/js/article-autosave.js",
];

export const currentUser = (res: Response) => res.locals["user"] as CurrentUser;
export const actorOf = (req: Request, res: Response): ArticleActor => ({ user: currentUser(res), ip: req.ip ?? "" });

export const EMPTY_VALUES: ArticleFormValues = {
  title: "",
  slug: "",
  summary: "",
  body: "",
  categoryId: "",
  departmentId: "",
  authorId: "",
  status: "draft",
  publishedAt: "",
  featured: false,
  ticker: false,
  photoIds: [],
};

const asText = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");
const ticked = (value: unknown) => value === true || value === "on" || value === "1" || value === "true";

/** What the person typed, to show the form again after a refusal. */
export function valuesFromBody(body: Record<string, unknown>): ArticleFormValues {
  const ordered = orderPhotoIds(body)["photoIds"];
  const photoIds = (Array.isArray(ordered) ? ordered : []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const text = Object.fromEntries(
    (["title", "slug", "summary", "body", "categoryId", "departmentId", "authorId", "status", "publishedAt"] as const).map((k) => [
      k,
      asText(body[k]),
    ]),
  ) as Omit<ArticleFormValues, "featured" | "ticker" | "photoIds">;
  return { ...text, featured: ticked(body["featured"]), ticker: ticked(body["ticker"]), photoIds };
}

export interface FormView {
  /** The article being edited; absent for a new one. */
  article?: { id: number; statusLabel: string; publicUrl: string | null; version: number };
  values: ArticleFormValues;
  errors: Record<string, string>;
  /** The form's hidden `version` after a refusal (the article's own when absent). */
  version?: string;
  /** After a 409: who saved the newer version, when, and the diff (views/admin/articles/conflict.ejs). */
  conflict?: ConflictView;
  /** Photo numbers typed without JavaScript, shown again only when they were refused. */
  photoNumbers?: string;
  /** This person's unsaved typing kept by autosave: offered, or already put into the form. */
  autosave?: { time: string; stamp: string; restored: boolean };
}

export async function renderArticleForm(res: Response, prisma: PrismaClient, view: FormView): Promise<void> {
  const user = currentUser(res);
  const choices = await articleFormChoices(prisma, view.values.photoIds);
  // An author submits for review; publishing is the editors' choice.
  const statuses = (isEditor(user) ? (["draft", "pending", "published"] as const) : (["draft", "pending"] as const)).map((s) => ({
    value: s,
    label: s === "pending" ? "Gửi duyệt (chờ biên tập viên xuất bản)" : s === "published" ? "Xuất bản" : "Lưu nháp",
  }));
  res.locals["adminStyles"] = EDITOR_STYLES;
  res.locals["adminScripts"] = EDITOR_SCRIPTS;
  res.render("admin/articles/form", {
    pageTitle: view.article ? "Sửa bài viết" : "Viết bài mới",
    titleMax: TITLE_MAX,
    statuses,
    statusLabels: STATUS_LABELS,
    pickerPageSize: LIBRARY_PAGE_SIZE,
    ...choices,
    ...view,
  });
}
