// The tar.gz side of backups: writing one archive, and reading one back entry by entry while
// checking every path and hashing every byte (never trusting node-tar's extraction to sanitise paths).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as tar from "tar";
import { BackupError, unsafePathReason, type FileEntry } from "./manifest.js";

export interface Progress {
  (done: { files: number; bytes: number }): void;
}

/**
 * Packs `names` (paths relative to `cwd`, files only, in this order) into a gzip'd tar at `out`,
 * readable by its owner only (it holds password hashes and sessions).
 */
export async function writeArchive(cwd: string, names: string[], out: string, onProgress: Progress): Promise<void> {
  let files = 0;
  let bytes = 0;
  await tar.c(
    {
      file: out,
      mode: 0o600,
      cwd,
      gzip: true,
      portable: true,
      noDirRecurse: true,
      strict: true,
      onWriteEntry: (entry) => {
        entry.on("end", () => {
          files += 1;
          bytes += entry.stat?.size ?? 0;
          onProgress({ files, bytes });
        });
      },
    },
    names,
  );
}

/** Where an entry's bytes go while reading; null keeps only its hash (e.g. a file the manifest will not list). */
export type Placement = (entryPath: string) => string | null;

/**
 * Reads the whole archive once: refuses any entry that is not a plain file or folder, any unsafe
 * or repeated path, and any gzip/tar damage; writes each file where `place` says (never over an
 * existing file) and returns the size and sha256 of every file it held.
 */
export async function readArchive(file: string, place: Placement): Promise<Map<string, FileEntry>> {
  const seen = new Map<string, FileEntry>();
  const writes: Promise<void>[] = [];
  const open = new Set<fs.WriteStream>();
  let refusal: BackupError | null = null;
  let stopped = false;
  const parser = new tar.Parser({ strict: true });
  parser.on("entry", (entry: tar.ReadEntry) => {
    if (stopped) return entry.resume();
    const name = entry.path.replace(/\/+$/, "");
    const reason =
      unsafePathReason(entry.path) ??
      (entry.type === "Directory" || entry.type === "File" || entry.type === "OldFile" ? null : `loại mục "${entry.type}" không được phép`) ??
      (seen.has(name) ? "mục lặp lại" : null);
    if (reason || refusal) {
      refusal ??= new BackupError(`Tệp sao lưu chứa mục không an toàn "${entry.path}": ${reason}.`);
      entry.resume();
      return;
    }
    if (entry.type === "Directory") {
      entry.resume();
      return;
    }
    seen.set(name, { path: name, size: 0, sha256: "" });
    const done = consumeEntry(entry, name, place(name), open).then((file) => void seen.set(name, file));
    done.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    writes.push(done);
  });
  await new Promise<void>((resolve, reject) => {
    // On damage the parser may still hand out entries it had buffered: stop writing, and close
    // every file still open before the caller removes the staging folders.
    const fail = (error: BackupError) => {
      if (stopped) return;
      stopped = true;
      const closing = [...open].map((out) => new Promise((done) => (out.closed ? done(null) : out.once("close", () => done(null)).destroy())));
      void Promise.all(closing).then(() => reject(error));
    };
    parser.on("error", (error: Error & { code?: string }) => fail(archiveError(error)));
    parser.on("close", () => resolve());
    const input = fs.createReadStream(file);
    input.on("error", (error) => fail(new BackupError(`Không đọc được tệp sao lưu: ${error.message}`)));
    input.pipe(parser as unknown as NodeJS.WritableStream);
  });
  await Promise.all(writes);
  if (refusal) throw refusal;
  return seen;
}

/** Hashes an entry's bytes and, when `dest` is given, writes them there (never over an existing file). */
function consumeEntry(entry: tar.ReadEntry, name: string, dest: string | null, open: Set<fs.WriteStream>): Promise<FileEntry> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash("sha256");
    let size = 0;
    let out: fs.WriteStream | null = null;
    let failed: Error | null = null;
    if (dest) {
      try {
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        out = fs.createWriteStream(dest, { flags: "wx" });
        open.add(out);
        out.on("close", () => open.delete(out!));
        out.on("error", (error) => {
          failed ??= error;
          entry.resume();
        });
      } catch (error) {
        failed = error as Error;
      }
    }
    // The listener is attached last: attaching it starts the flow, and a small entry may flow at once.
    entry.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      if (out && !failed && !out.write(chunk)) {
        entry.pause();
        out.once("drain", () => entry.resume());
      }
    });
    entry.on("end", () => {
      const finish = () =>
        failed
          ? reject(new BackupError(`Không ghi được mục "${name}" của tệp sao lưu: ${failed.message}`))
          : resolve({ path: name, size, sha256: hash.digest("hex") });
      if (!out || out.closed) return finish();
      out.once("close", finish);
      if (!failed) out.end();
    });
  });
}

/** Turns gzip and tar failures into the operator's words: a cut-off file, or damaged bytes. */
function archiveError(error: Error & { code?: string; errno?: number }): BackupError {
  const text = `${error.code ?? ""} ${error.message}`;
  if (/unexpected end of file|Truncated input|Z_BUF_ERROR/i.test(text)) {
    return new BackupError(`Tệp sao lưu bị cắt cụt (không đầy đủ): ${error.message}.`);
  }
  return new BackupError(`Tệp sao lưu bị hỏng hoặc không phải tệp .tar.gz hợp lệ: ${error.message}.`);
}
