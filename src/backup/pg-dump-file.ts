// The file that holds a PostgreSQL snapshot inside a backup archive (database.pgcopy):
//
//   CCHC-POSTGRES-COPY 1\n
//   {header: server, schema, migrations, and per table its columns, row count and sequences}\n
//   rows of the first table in COPY text format, then a line "\."
//   rows of the next table ..., each section ended by "\."
//
// COPY text escapes every backslash, tab, newline and carriage return inside a value, so one row is
// one line and a line "\." never occurs in data. Reading checks every section's row count against the
// header and that the file ends right after the last one: a cut or damaged file is caught before
// anything is restored (the archive's sha256 catches the rest).
import fs from "node:fs";
import { z } from "zod";
import { BackupError } from "./manifest.js";

export const DUMP_MAGIC = "CCHC-POSTGRES-COPY 1";
const TERMINATOR = Buffer.from("\\.");
const NEWLINE = 0x0a;
const HEADER_LIMIT = 16 * 1024 * 1024;

const DumpTable = z.object({
  name: z.string().min(1),
  /** The columns in the COPY data, in order (generated columns are left out: the server computes them). */
  columns: z.array(z.string().min(1)).min(1),
  rows: z.number().int().nonnegative(),
  /** Sequences owned by a column (serial or identity): where they stood at the snapshot. */
  sequences: z.array(z.object({ column: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
});
export type DumpTable = z.infer<typeof DumpTable>;

const DumpHeader = z.object({
  server: z.string(),
  schema: z.string(),
  migrations: z.array(z.string()),
  /** In an order that loads every referenced row before the rows that reference it. */
  tables: z.array(DumpTable),
});
export type DumpHeader = z.infer<typeof DumpHeader>;

const damaged = (why: string) => new BackupError(`Bản chụp cơ sở dữ liệu PostgreSQL trong tệp sao lưu bị hỏng: ${why}.`);

/** The two header lines; the sections follow. */
export function dumpPreamble(header: DumpHeader): Buffer {
  return Buffer.from(`${DUMP_MAGIC}\n${JSON.stringify(header)}\n`);
}

export function sectionEnd(): Buffer {
  return Buffer.from("\\.\n");
}

/** Reads and checks the header; returns it and the offset where the first section begins. */
export function readDumpHeader(file: string): { header: DumpHeader; offset: number } {
  const fd = fs.openSync(file, "r");
  try {
    let all = Buffer.alloc(0);
    let first = -1;
    let second = -1;
    while (second === -1 && all.length < HEADER_LIMIT) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = fs.readSync(fd, chunk, 0, chunk.length, all.length);
      if (read === 0) break;
      all = Buffer.concat([all, chunk.subarray(0, read)]);
      first = all.indexOf(NEWLINE);
      second = first === -1 ? -1 : all.indexOf(NEWLINE, first + 1);
    }
    if (first === -1 || all.subarray(0, first).toString() !== DUMP_MAGIC) throw damaged(`không bắt đầu bằng "${DUMP_MAGIC}"`);
    if (second === -1) throw damaged("phần đầu không đầy đủ");
    let raw: unknown;
    try {
      raw = JSON.parse(all.subarray(first + 1, second).toString("utf8"));
    } catch {
      throw damaged("phần đầu không phải JSON hợp lệ");
    }
    const parsed = DumpHeader.safeParse(raw);
    if (!parsed.success) throw damaged(`phần đầu không hợp lệ (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
    return { header: parsed.data, offset: second + 1 };
  } finally {
    fs.closeSync(fd);
  }
}

/** Where one table's COPY text goes while the file is read. */
export interface SectionSink {
  write(chunk: Buffer): Promise<void> | void;
  /** The section ended with the row count the header gives. */
  end(): Promise<void> | void;
  /** Reading stopped (a damaged file, a failed write) while this section was open. */
  abort?(error: Error): Promise<void>;
}

/**
 * Streams the sections after the header, in order, to the sinks `open` makes (one per table), the
 * "\." lines left out. Refuses a section whose row count differs from the header, a file that
 * stops early, and bytes after the last section.
 */
export async function readDumpSections(file: string, offset: number, tables: DumpTable[], open: (table: DumpTable) => Promise<SectionSink> | SectionSink): Promise<void> {
  let index = 0;
  let sink: SectionSink | null = tables.length ? await open(tables[0]!) : null;
  let rows = 0;
  // The current line is held back while it is at most two bytes long: it may still be the "\." that ends the section.
  let head = Buffer.alloc(0);
  let held = true;
  try {
    for await (const chunk of fs.createReadStream(file, { start: offset, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      const out: Buffer[] = [];
      const flush = async () => {
        if (out.length) await sink!.write(out.length === 1 ? out[0]! : Buffer.concat(out));
        out.length = 0;
      };
      for (let pos = 0; pos < chunk.length; ) {
        if (!sink) throw damaged("còn dữ liệu sau bảng cuối cùng");
        const newline = chunk.indexOf(NEWLINE, pos);
        const end = newline === -1 ? chunk.length : newline;
        const piece = chunk.subarray(pos, end);
        if (held && head.length + piece.length <= 2) head = Buffer.concat([head, piece]);
        else {
          if (held) out.push(head);
          out.push(piece);
          held = false;
        }
        pos = end;
        if (newline === -1) break;
        pos += 1;
        if (held && head.equals(TERMINATOR)) {
          const table = tables[index]!;
          if (rows !== table.rows) throw damaged(`bảng ${table.name} có ${rows} dòng, phần đầu ghi ${table.rows}`);
          await flush();
          await sink.end();
          index += 1;
          rows = 0;
          sink = index < tables.length ? await open(tables[index]!) : null;
        } else {
          if (held) out.push(head);
          out.push(chunk.subarray(newline, newline + 1));
          rows += 1;
        }
        head = Buffer.alloc(0);
        held = true;
      }
      if (sink) await flush();
    }
    if (sink || head.length) throw damaged(`dừng giữa chừng ở bảng ${tables[index]?.name ?? "cuối"} (tệp bị cắt cụt)`);
  } catch (error) {
    await sink?.abort?.(error as Error).catch(() => {});
    throw error;
  }
}
