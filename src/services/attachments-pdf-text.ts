import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { fold } from "../lib/fold.js";
import type { CheckedAttachment } from "./attachments-check.js";

// The text of an uploaded PDF, folded for search (LegalDocument.fileText). Read with unpdf (PDF.js
// packaged for servers: pure JavaScript, no canvas or native download, and 1.7.0 still runs on
// Node 20) in a worker thread, so a hostile or huge PDF cannot block the server: the worker has
// its own memory ceiling and is ended after the time limit. Extraction never refuses an upload: a
// PDF with no text layer (a scan), a damaged one or one too slow to read simply adds no text.

/** Characters of folded text kept per owner: a search row, not an archive. */
export const PDF_TEXT_MAX = 200_000;
export const PDF_TEXT_TIMEOUT_MS = 20_000;
const PDF_MAX_PAGES = 500;
const WORKER_HEAP_MB = 256;

const unpdfEntry = createRequire(import.meta.url).resolve("unpdf");

// Plain CommonJS evaluated in the worker: no TypeScript loader is needed there, in tests or in production.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
(async () => {
  const { getDocumentProxy } = require(workerData.unpdf);
  const input = workerData.path ? fs.readFileSync(workerData.path) : Buffer.from(workerData.bytes);
  const pdf = await getDocumentProxy(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
  const parts = [];
  let length = 0;
  const pages = Math.min(pdf.numPages, workerData.maxPages);
  for (let n = 1; n <= pages && length < workerData.maxChars; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\\n" : " ") : "")).join("");
    parts.push(text);
    length += text.length;
    page.cleanup();
  }
  await pdf.destroy();
  parentPort.postMessage({ text: parts.join("\\n") });
})().catch((error) => parentPort.postMessage({ error: String((error && error.message) || error) }));
`;

// One PDF at a time per process: the machine has two cores and pages to serve.
let queue: Promise<unknown> = Promise.resolve();

function runWorker(input: string | Buffer, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        unpdf: unpdfEntry,
        path: typeof input === "string" ? input : null,
        bytes: typeof input === "string" ? null : new Uint8Array(input),
        maxChars: PDF_TEXT_MAX * 2,
        maxPages: PDF_MAX_PAGES,
      },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (text: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(text);
    };
    const timer = setTimeout(() => finish(""), timeoutMs);
    worker.on("message", (message: { text?: string }) => finish(message.text ?? ""));
    worker.on("error", () => finish(""));
    worker.on("exit", () => finish(""));
  });
}

/** Folded for search, whitespace collapsed, at most PDF_TEXT_MAX characters. */
export const foldPdfText = (text: string) => fold(text.normalize("NFC")).replace(/\s+/g, " ").trim().slice(0, PDF_TEXT_MAX);

/** The folded text of one PDF ("" when it has none or cannot be read in time). */
export function extractPdfText(input: string | Buffer, timeoutMs = PDF_TEXT_TIMEOUT_MS): Promise<string> {
  const run = queue.then(() => runWorker(input, timeoutMs)).then(foldPdfText, () => "");
  queue = run;
  return run;
}

/** The folded text of every PDF among the files, in order, capped as one: for LegalDocument.fileText. */
export async function pdfTextOf(files: readonly Pick<CheckedAttachment, "input" | "extension">[]): Promise<string> {
  const texts: string[] = [];
  for (const file of files) {
    if (file.extension === "pdf") texts.push(await extractPdfText(file.input));
  }
  return texts.filter(Boolean).join(" ").slice(0, PDF_TEXT_MAX);
}
