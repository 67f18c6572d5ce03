import fs from "node:fs";
import path from "node:path";
import express, { type ErrorRequestHandler } from "express";
import type { Test } from "supertest";
import { HttpError } from "../../src/errors.js";
import { attachmentUpload, singleAttachmentUpload, uploadedAttachments } from "../../src/middleware/attachment-upload.js";
import { checkAttachments, pdfTextOf, storeAttachments, type AttachmentOwnerType } from "../../src/services/attachments.js";
import { createFileStore } from "../../src/services/file-store.js";
import type { TestApp } from "./app.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/files");
export const fixture = (name: string) => path.join(FIXTURES, name);

/**
 * The site, with one test-only upload route in front of it: POST /thu-tep/:type/:id (field
 * "files", or "file" at /thu-tep-mot/…) runs the real middleware, check and store, as a section's
 * route does, and answers 201 {ids, text} or the refusal's status with {error}. Every other
 * request (downloads at /tep, /admin, /uploads) goes to the real app.
 */
export function withUploadRoute(t: TestApp): express.Express {
  const store = createFileStore(t.config, t.prisma);
  const outer = express();
  const handler: express.RequestHandler = async (req, res) => {
    const owner = { type: req.params["type"] as AttachmentOwnerType, id: Number(req.params["id"]) };
    const field = req.path.startsWith("/thu-tep-mot/") ? "file" : "files";
    const files = await checkAttachments(uploadedAttachments(req), { maxBytes: t.config.attachmentMaxBytes, field });
    const text = await pdfTextOf(files);
    const ids = await storeAttachments(t.prisma, store, owner, files, null);
    res.status(201).json({ ids, text });
  };
  const refused: ErrorRequestHandler = (error, _req, res, next) => {
    if (!(error instanceof HttpError)) return next(error);
    res.status(error.status).json({ error: error.message, fields: error.fields });
  };
  outer.post("/thu-tep/:type/:id", attachmentUpload(t.config, { field: "files", maxCount: 3 }), handler, refused);
  outer.post("/thu-tep-mot/:type/:id", singleAttachmentUpload(t.config), handler, refused);
  outer.use(t.app);
  return outer;
}

const ATTACHMENT_FILE = /^[0-9a-f]{32}\.(pdf|docx?|xlsx?|odt|ods)$/;

/** Attachment files in the store's folder, and temporary files left in data/incoming. */
export function leftovers(t: TestApp): { stored: string[]; incoming: string[] } {
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  return {
    stored: list(t.config.uploadDir).filter((name) => ATTACHMENT_FILE.test(name)),
    incoming: list(path.join(t.config.dataDir, "incoming")).filter((name) => name.startsWith("attachment-")),
  };
}

/** supertest's .parse() for a download: the body as the bytes sent, whatever the type. */
export const asBytes = ((res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => done(null, Buffer.concat(chunks)));
}) as unknown as Parameters<Test["parse"]>[0];
