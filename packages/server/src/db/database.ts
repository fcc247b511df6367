/**
 * The one data layer. Both engines speak the same SQL; services never see which one runs.
 * Transactions are passed explicitly: a query function that must run inside a transaction
 * takes `tx: Tx` as its first argument.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  /**
   * `statementName` (optional, one name for one text) makes it a prepared statement on
   * PostgreSQL: parsed and planned once per connection. PGlite ignores it: it keeps every data
   * statement prepared by its text (pglite-statements.ts).
   */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], statementName?: string): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type Tx = Queryable & {
  readonly inTransaction: true;
  /** Runs `fn` once the transaction has committed (never if it rolls back). */
  afterCommit(fn: () => void): void;
  /** The database's notification channel (see notify.ts). */
  readonly notify: NotifyChannel;
};

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Tells every server process of this database (cache invalidations; see notify.ts). */
  readonly notify: NotifyChannel;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Bulk load CSV text or its UTF-8 bytes (with header row off) into `table(columns)` inside `tx`. Used by the
   * registry import and the benchmarks; the fastest path each engine has.
   */
  copyCsv(tx: Tx, table: string, columns: readonly string[], csv: string | Uint8Array): Promise<number>;
  /**
   * The rows of `select` in COPY's text format (a row a line, tab between columns, `\N` for
   * null, backslash escapes; db/copy-text.ts reads it), as a stream of chunks: a bulk read
   * without a JavaScript object per row. `select` takes no parameters: inline only checked
   * values. The linkage run reads a kabupaten's persons this way.
   */
  copyOut(select: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** Receives one notification's payload (see notify.ts). */
export type Subscriber = (payload: string) => void;

export interface NotifyChannel {
  publish(q: Queryable, topic: string, payload: string): Promise<void>;
  subscribe(topic: string, fn: Subscriber): () => void;
  /** Resolves once this process is listening (PostgreSQL: the LISTEN is in place). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL error codes we act on. */
export const PG_UNIQUE_VIOLATION = '23505';

export function pgErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}
