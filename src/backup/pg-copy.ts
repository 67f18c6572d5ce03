// COPY ... TO STDOUT and COPY ... FROM STDIN over `pg`, which has no COPY API of its own (the
// pg-copy-streams package does the same through pg's "submittable" hook; these few lines spare a
// dependency). Only the simple-query protocol is used: the server answers COPY OUT with CopyData
// messages then CommandComplete "COPY n", and COPY IN with CopyInResponse, after which the client
// sends CopyData messages and CopyDone.
import type pg from "pg";

interface CopyConnection extends pg.Connection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

class CopyQuery implements pg.Submittable {
  connection: CopyConnection | null = null;
  rowCount = 0;
  failure: Error | null = null;
  readonly done: Promise<number>;
  private settle!: (error: Error | null) => void;

  constructor(
    private readonly text: string,
    private readonly onData: (chunk: Buffer) => void = () => {},
    private readonly onCopyIn: () => void = () => {},
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = (error) => (error ? reject(error) : resolve(this.rowCount))));
    this.done.catch(() => undefined); // awaited by the caller; not an unhandled rejection meanwhile
  }

  submit(connection: pg.Connection): void {
    this.connection = connection as CopyConnection;
    this.connection.query(this.text);
  }

  // pg calls these from its socket handler: nothing may throw out of them.
  handleCopyData(message: { chunk: Buffer }): void {
    if (this.failure) return;
    try {
      this.onData(message.chunk);
    } catch (error) {
      this.failure = error as Error; // the server goes on sending; the error is reported at the end
    }
  }

  handleCopyInResponse(): void {
    this.onCopyIn();
  }

  handleCommandComplete(message: { text: string }): void {
    const match = /^COPY (\d+)/.exec(message.text);
    if (match) this.rowCount = Number(match[1]);
  }

  handleReadyForQuery(): void {
    this.settle(this.failure);
  }

  // pg forgets the query before calling this, so ReadyForQuery will not reach it: settle now.
  handleError(error: Error): void {
    this.failure ??= error;
    this.settle(this.failure);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

/**
 * Runs `COPY ... TO STDOUT` and hands every chunk to `onData` synchronously (the chunk is pg's own
 * buffer, reused afterwards: copy it or write it out before returning). Resolves with the row count.
 */
export async function copyOut(client: pg.Client, sql: string, onData: (chunk: Buffer) => void): Promise<number> {
  return client.query(new CopyQuery(sql, onData)).done;
}

export interface CopyInStream {
  /** Sends bytes of COPY text (whole or partial rows); waits while the socket is full. */
  write(chunk: Buffer): Promise<void>;
  /** Ends the data; resolves with the number of rows the server stored. */
  end(): Promise<number>;
  /** Abandons the COPY (the server rolls the statement back) and rethrows `error`. */
  fail(error: Error): Promise<never>;
}

/** Starts `COPY ... FROM STDIN`; resolves once the server is ready for data. */
export async function copyIn(client: pg.Client, sql: string): Promise<CopyInStream> {
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const query = client.query(new CopyQuery(sql, undefined, () => ready()));
  await Promise.race([started, query.done]);
  const connection = query.connection!;
  return {
    async write(chunk) {
      if (query.failure) throw query.failure;
      connection.sendCopyFromChunk(chunk);
      if (connection.stream.writableNeedDrain) await new Promise((resolve) => connection.stream.once("drain", resolve));
    },
    async end() {
      if (!query.failure) connection.endCopyFrom();
      return query.done;
    },
    async fail(error) {
      if (!query.failure) connection.sendCopyFail(error.message);
      await query.done.catch(() => undefined);
      throw error;
    },
  };
}
