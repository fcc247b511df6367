import { protocol, type PGlite } from '@electric-sql/pglite';
import type { QueryResult } from './database.ts';

const { serialize } = protocol;

/** Data statements are kept prepared; DDL, SET, ANALYZE and the like are not worth it. */
const PREPARABLE = /^\s*(select|with|insert|update|delete)\b/i;

/** The most statements kept prepared at once (the oldest unused one is closed first). */
const MAX_STATEMENTS = 256;

/** PostgreSQL's answers to a named statement that no longer fits its text (DDL changed a table's columns, or it was closed). */
const STALE = new Set(['0A000', '26000']);

interface Prepared {
  name: string;
  paramTypes: number[];
  /** The result's columns, with their parsers; empty when the statement returns no rows. */
  fields: Array<{ name: string; parse: ((x: string, type: number) => unknown) | null; type: number }>;
}

type Message = { name: string } & Record<string, unknown>;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * PGlite's `query()` sends every statement as an unnamed one in six protocol round trips (Parse,
 * Describe, Bind, Describe, Execute, Sync): PostgreSQL parses, analyses and plans the text each
 * time, and on the NIK lookup, the case view or a worklist planning cost more than running
 * (issue 19: 60 % of a request's CPU on PGlite). This keeps each data statement prepared under
 * a name, keyed by its text, as node-postgres does with a statement name on PostgreSQL: Parse
 * and Describe once, then Bind, Execute and Sync in one call. PostgreSQL's plan cache decides
 * between a custom and a generic plan as it does for any prepared statement (custom for the
 * first five runs, then generic only where it costs no more), and replans after DDL or ANALYZE.
 * Parameters are serialized and rows parsed with PGlite's own serializers and parsers.
 *
 * PGlite has one session: the statements are shared by every caller. Every method here runs
 * inside PGlite's query lock (the caller takes it).
 */
export class PgliteStatements {
  private readonly pg: PGlite;
  /** By text, in order of last use (a Map keeps insertion order). */
  private readonly byText = new Map<string, Prepared>();
  /** Names evicted, closed before the next Parse. */
  private toClose: string[] = [];
  private counter = 0;
  /** Statements prepared and runs of a prepared one (tests and benchmarks). */
  readonly counts = { prepared: 0, reused: 0 };

  constructor(pg: PGlite) {
    this.pg = pg;
  }

  static preparable(sql: string): boolean {
    return PREPARABLE.test(sql);
  }

  /**
   * Runs `sql` as a named statement. `retry`: the caller is outside a transaction, so a
   * statement found stale may be prepared again and run once more (inside a transaction the
   * error has aborted it: it is thrown).
   */
  async run<R>(sql: string, params: readonly unknown[], retry: boolean): Promise<QueryResult<R>> {
    const st = await this.prepared(sql);
    try {
      return await this.execute<R>(st, params);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !STALE.has(code)) throw err;
      this.forget(sql);
      if (!retry) throw err;
      return this.execute<R>(await this.prepared(sql), params);
    }
  }

  private forget(sql: string) {
    const st = this.byText.get(sql);
    if (!st) return;
    this.byText.delete(sql);
    this.toClose.push(st.name);
  }

  private async prepared(sql: string): Promise<Prepared> {
    const hit = this.byText.get(sql);
    if (hit) {
      this.byText.delete(sql);
      this.byText.set(sql, hit);
      this.counts.reused++;
      return hit;
    }
    const name = `slrt_${++this.counter}`;
    const closes = this.toClose.map((n) => serialize.close({ type: 'S', name: n }));
    this.toClose = [];
    const messages = await this.send([...closes, serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]);
    const params = messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined;
    const rows = messages.find((m) => m.name === 'rowDescription') as { fields: Array<{ name: string; dataTypeID: number }> } | undefined;
    const parsers = this.pg.parsers as Record<number, ((x: string, type: number) => unknown) | undefined>;
    const st: Prepared = {
      name,
      paramTypes: params?.dataTypeIDs ?? [],
      fields: (rows?.fields ?? []).map((f) => ({ name: f.name, type: f.dataTypeID, parse: parsers[f.dataTypeID] ?? null })),
    };
    this.byText.set(sql, st);
    this.counts.prepared++;
    if (this.byText.size > MAX_STATEMENTS) {
      const [oldest] = this.byText.keys();
      this.forget(oldest!);
    }
    return st;
  }

  private async execute<R>(st: Prepared, params: readonly unknown[]): Promise<QueryResult<R>> {
    const serializers = this.pg.serializers as Record<number, ((x: unknown) => string) | undefined>;
    const values = params.map((p, i) => {
      if (p === null || p === undefined) return null;
      const s = serializers[st.paramTypes[i]!];
      return s ? s(p) : String(p);
    });
    const messages = await this.send([serialize.bind({ statement: st.name, values }), serialize.execute({}), serialize.sync()]);
    const rows: R[] = [];
    let rowCount: number | null = null;
    for (const m of messages) {
      if (m.name === 'dataRow') {
        const fields = m.fields as Array<string | null>;
        const row: Record<string, unknown> = {};
        for (let i = 0; i < st.fields.length; i++) {
          const f = st.fields[i]!;
          const x = fields[i] ?? null;
          row[f.name] = x === null ? null : f.parse ? f.parse(x, f.type) : x;
        }
        rows.push(row as R);
      } else if (m.name === 'commandComplete') {
        // the tag ends in the rows touched or read ("INSERT 0 5", "UPDATE 3", "SELECT 2"), as node-postgres reads it
        const n = Number(String(m.text).split(' ').at(-1));
        if (Number.isInteger(n)) rowCount = n;
      }
    }
    return { rows, rowCount: rowCount ?? rows.length };
  }

  /** One call into PGlite for the messages; a DatabaseError is thrown after the Sync has run. */
  private async send(parts: Uint8Array[]): Promise<Message[]> {
    return (await this.pg.execProtocolStream(concat(parts), { syncToFs: false })) as unknown as Message[];
  }
}
