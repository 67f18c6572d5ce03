import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Counts noted since the last store, and the file that holds them until they are stored. */
export interface Segment {
  id: string;
  visits: Map<string, number>;
  views: Map<number, number>;
  file: string | null;
}

/**
 * Every visit and article view is appended to a small file as it is counted (one write call, no
 * database), so a process killed before its counts reach the database leaves them on disk. Each
 * segment has an id stored in the same transaction as its counts (VisitJournal): a segment found on
 * the next start is added once, and never twice. Files carry the process id (a segment of a live
 * process is not touched) and a hash of the database URL (a segment is only added to its own database).
 */
export interface VisitJournal {
  visit(day: string): void;
  view(articleId: number): void;
  /** Counts of the open segment (shown before they are stored). */
  readonly open: Segment;
  /** Closes the open segment and starts a new one; null when nothing was counted. */
  rotate(): Segment | null;
  /** A stored segment's file is no longer needed. */
  discard(segment: Segment): void;
  /** Segments of processes that are gone, read back from their files. */
  leftovers(): Segment[];
}

const add = <K>(counts: Map<K, number>, key: K, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);
const newSegment = (): Segment => ({ id: crypto.randomUUID(), visits: new Map(), views: new Map(), file: null });

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readSegment(file: string, id: string): Segment {
  const segment: Segment = { id, visits: new Map(), views: new Map(), file };
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const [kind, key] = line.split(" ");
    if (kind === "v" && /^\d{4}-\d{2}-\d{2}$/.test(key ?? "")) add(segment.visits, key!, 1);
    if (kind === "a" && /^\d+$/.test(key ?? "")) add(segment.views, Number(key), 1);
  }
  return segment;
}

export function createVisitJournal(dir: string, databaseUrl: string): VisitJournal {
  const database = crypto.createHash("sha256").update(databaseUrl).digest("hex").slice(0, 12);
  const NAME = /^seg-([0-9a-f]{12})-(\d+)-([0-9a-f-]{36})\.log$/;
  let open = newSegment();
  let fd: number | null = null;

  const append = (line: string) => {
    if (fd === null) {
      fs.mkdirSync(dir, { recursive: true });
      open.file = path.join(dir, `seg-${database}-${process.pid}-${open.id}.log`);
      fd = fs.openSync(open.file, "a");
    }
    fs.writeSync(fd, line);
  };

  return {
    visit(day) {
      append(`v ${day}\n`);
      add(open.visits, day, 1);
    },
    view(articleId) {
      append(`a ${articleId}\n`);
      add(open.views, articleId, 1);
    },
    get open() {
      return open;
    },
    rotate() {
      if (!open.visits.size && !open.views.size) return null;
      const closed = open;
      if (fd !== null) fs.closeSync(fd);
      fd = null;
      open = newSegment();
      return closed;
    },
    discard(segment) {
      if (segment.file) fs.rmSync(segment.file, { force: true });
    },
    leftovers() {
      if (!fs.existsSync(dir)) return [];
      const found: Segment[] = [];
      for (const name of fs.readdirSync(dir)) {
        const match = NAME.exec(name);
        if (!match || match[1] !== database || isAlive(Number(match[2]))) continue;
        found.push(readSegment(path.join(dir, name), match[3]!));
      }
      return found;
    },
  };
}
