// The file-store half of backup and restore: listing UPLOAD_DIR and replacing its contents.
import fs from "node:fs";
import path from "node:path";

export interface UploadListing {
  /** Regular files, relative to the folder, with forward slashes, sorted. */
  files: string[];
  /** Anything else found (links, sockets, ...): never archived, reported. */
  skipped: string[];
}

export function listUploadFiles(dir: string): UploadListing {
  const listing: UploadListing = { files: [], skipped: [] };
  if (!fs.existsSync(dir)) return listing;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) listing.files.push(child);
      else listing.skipped.push(child);
    }
  };
  walk("");
  listing.files.sort();
  return listing;
}

/** rename, or copy then delete when the two places are on different file systems. */
function move(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    fs.cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/** Moves every top-level entry of `from` into `to`; on a failure moves back what it moved and rethrows. */
function moveEntries(from: string, to: string): () => void {
  const moved: string[] = [];
  const undo = () => {
    for (const name of moved.splice(0).reverse()) move(path.join(to, name), path.join(from, name));
  };
  try {
    for (const name of fs.readdirSync(from)) {
      move(path.join(from, name), path.join(to, name));
      moved.push(name);
    }
  } catch (error) {
    undo();
    throw error;
  }
  return undo;
}

/**
 * Replaces what `dir` holds by what `incoming` holds. The folder itself stays (it may be a mount
 * point or carry its own permissions); its old contents wait in a folder beside it until `commit()`,
 * or go back with `rollback()` if what follows (installing the database) fails. Whenever they cannot
 * be put back, they are left where they wait, never deleted, and the error says where.
 */
export function replaceContents(dir: string, incoming: string): { commit(): void; rollback(): void } {
  fs.mkdirSync(dir, { recursive: true });
  const parking = fs.mkdtempSync(path.join(path.dirname(dir), `.${path.basename(dir)}.old-`));
  const keptIn = (error: unknown) =>
    new Error(`${(error as Error).message}\nCác tệp tải lên cũ chưa trả lại được vẫn nằm trong ${parking}.`);
  let putOldBack: () => void;
  try {
    putOldBack = moveEntries(dir, parking);
  } catch (error) {
    try {
      fs.rmdirSync(parking);
    } catch {
      throw keptIn(error);
    }
    throw error;
  }
  const rollback = () => {
    try {
      putOldBack();
      fs.rmdirSync(parking);
    } catch (error) {
      throw keptIn(error);
    }
  };
  let takeNewOut: () => void;
  try {
    takeNewOut = moveEntries(incoming, dir);
  } catch (error) {
    rollback();
    throw error;
  }
  return {
    commit: () => fs.rmSync(parking, { recursive: true, force: true }),
    rollback: () => {
      takeNewOut();
      rollback();
    },
  };
}
