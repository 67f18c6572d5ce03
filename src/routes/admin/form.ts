import type { Request, RequestHandler, Response } from "express";
import { HttpError } from "../../errors.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { parseQuery } from "../../middleware/validate.js";
import { IdParams } from "./common.schema.js";

/** What a successful create, update or action answers to scripts: {"id": …, "url": …}. */
export interface Saved {
  id: number;
  url: string;
}

export type FieldErrors = Record<string, string>;

export interface FormOptions {
  /** 201 for a create; 200 (the default) for an update or an action. */
  status?: 200 | 201;
  /** Shown once on the next page. */
  flash: string | ((saved: Saved) => string);
  /** Where a person goes next; the saved resource's url by default. */
  redirect?: string;
  /** The field a refusal without its own field belongs to (a button's id for actions). */
  field?: string;
  /** Shows the page again with the messages; the refusal's status is already set. */
  refused: (errors: FieldErrors) => Promise<void> | void;
}

// Refusals a person can fix where they are; sign-in, permission and missing pages go to the error page.
function isRefusal(error: unknown): error is HttpError {
  return error instanceof HttpError && error.status >= 400 && error.status < 500 && ![401, 403, 404, 429].includes(error.status);
}

/**
 * Runs a form's action. Success: JSON {id, url} for scripts, else a flash and a redirect (POST,
 * redirect, GET). Refusal: its 4xx with {"error"} for scripts, else the page again with the
 * messages beside the fields.
 */
export async function handleForm(req: Request, res: Response, options: FormOptions, action: () => Promise<Saved>): Promise<void> {
  let saved: Saved;
  try {
    saved = await action();
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const errors: FieldErrors = Object.keys(error.fields).length ? error.fields : { [options.field ?? "form"]: error.message };
    res.status(error.status);
    if (wantsJson(req)) {
      res.json({ error: Object.values(errors)[0], fields: errors });
      return;
    }
    await options.refused(errors);
    return;
  }
  if (wantsJson(req)) {
    res.status(options.status ?? 200).json(saved);
    return;
  }
  setFlash(req, typeof options.flash === "string" ? options.flash : options.flash(saved));
  res.redirect(303, options.redirect ?? saved.url);
}

/** The signed-in user and their address, for the audit log. */
export function actorOf(req: Request, res: Response): { userId: number; ip: string } {
  return { userId: (res.locals.user as { id: number }).id, ip: req.ip ?? "" };
}

export interface RowActionOptions<A> {
  /** Who acts, from the request (for permissions and the audit log). */
  actor: (req: Request, res: Response) => A;
  /** Called once the action has committed: kept public pages are dropped. */
  invalidate: () => Promise<void>;
  /** The 400 message for an id that is not one. */
  badId: string;
}

/**
 * A button on one row (trash, restore, delete for good): {id, url} to scripts, a flash and the
 * next page to people; refusals (403, 404, 409) go to the one error handler.
 */
export function rowAction<A>(
  options: RowActionOptions<A>,
  action: (id: number, actor: A) => Promise<unknown>,
  notice: string,
  next: (id: number) => string,
): RequestHandler {
  return async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, options.badId);
    await action(id, options.actor(req, res));
    await options.invalidate();
    const url = next(id);
    if (wantsJson(req)) return void res.json({ id, url });
    setFlash(req, notice);
    res.redirect(303, url);
  };
}
