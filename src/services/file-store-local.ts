import fs from "node:fs/promises";
import path from "node:path";
import { checkPut, isFileKey, openOnDisk, writeAtomically, type FileStore, type OpenedFile, type StoredFileInfo } from "./file-store.js";

/** Files in one local folder (UPLOAD_DIR), one file per key: the default on SQLite. */
export function createLocalFileStore(dir: string): FileStore {
  const pathOf = (key: string) => path.join(dir, key);

  async function open(key: string): Promise<OpenedFile | null> {
    return isFileKey(key) ? openOnDisk(key, pathOf(key)) : null;
  }

  return {
    kind: "local",
    async put(key, from, contentType) {
      checkPut(key, contentType);
      await fs.mkdir(dir, { recursive: true });
      await writeAtomically(pathOf(key), from);
    },
    open,
    async read(key) {
      const file = await open(key);
      return file ? fs.readFile(file.path) : null;
    },
    async size(key) {
      return (await open(key))?.size ?? null;
    },
    async delete(...keys) {
      await Promise.all(keys.filter(isFileKey).map((key) => fs.rm(pathOf(key), { force: true })));
    },
    async list() {
      let names: string[];
      try {
        names = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && isFileKey(e.name)).map((e) => e.name);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      const files: StoredFileInfo[] = [];
      for (const name of names.sort()) {
        const file = await open(name);
        if (file) files.push({ key: file.key, size: file.size, contentType: file.contentType });
      }
      return files;
    },
  };
}
