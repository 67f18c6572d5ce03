import fs from "node:fs/promises";

/**
 * Random access to a file's bytes, from a path on disk (an upload's temporary file: only the few
 * parts asked for are read, never the whole file) or from a buffer (the seed's generated files).
 */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openBytes(input: string | Buffer): Promise<ByteSource> {
  if (Buffer.isBuffer(input)) {
    return {
      size: input.length,
      read: async (offset, length) => input.subarray(Math.max(0, offset), Math.max(0, offset) + Math.max(0, length)),
      close: async () => {},
    };
  }
  const handle = await fs.open(input, "r");
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const wanted = Math.max(0, Math.min(length, size - offset));
      if (offset < 0 || wanted === 0) return Buffer.alloc(0);
      const buffer = Buffer.alloc(wanted);
      const { bytesRead } = await handle.read(buffer, 0, wanted, offset);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}
