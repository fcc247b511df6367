import type { Db, Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { eventHash, GENESIS_HASH, type AuditContext, type AuditInput, type AuditKey, type AuditRow } from './audit-event.ts';
import { appendEventsIfHead, appendEventsInTxIfHead, appendEventsLocked, lockChainWithoutHead, selectHeadForUpdate } from './chain-queries.ts';
import { withSubjects } from './subject-queries.ts';

function toRow(ctx: AuditContext, input: AuditInput, at: Date): AuditRow {
  return {
    id: newId(),
    kab_code: ctx.kabCode,
    at,
    actor_id: ctx.actorId,
    actor_name: ctx.actorName,
    actor_roles: ctx.actorRoles,
    action: input.action,
    record_type: input.recordType ?? null,
    record_ids: [...(input.recordIds ?? [])],
    purpose: input.purpose ?? null,
    client_addr: ctx.clientAddr,
    request_id: ctx.requestId,
    details: input.details ?? null,
  };
}

/** The events chained after `prev`, as the 15 column arrays of the INSERT (chain-queries.ts), and the new head. */
function chain(prev: string, rows: readonly AuditRow[], key: AuditKey): { cols: unknown[][]; head: string } {
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], [], [], [], [], [], []];
  for (const row of rows) {
    const hash = eventHash(prev, row, key);
    const values = [row.id, row.kab_code, row.at, row.actor_id, row.actor_name, row.actor_roles, row.action,
      row.record_type, JSON.stringify(row.record_ids), row.purpose, row.client_addr, row.request_id,
      row.details === null ? null : JSON.stringify(row.details), prev, hash];
    values.forEach((v, i) => cols[i]!.push(v));
    prev = hash;
  }
  return { cols, head: prev };
}

function byKabupaten(items: ReadonlyArray<{ ctx: AuditContext; input: AuditInput }>): Array<[string, AuditRow[]]> {
  const byKab = new Map<string, AuditRow[]>();
  const at = new Date();
  for (const { ctx, input } of items) {
    const list = byKab.get(ctx.kabCode) ?? [];
    list.push(toRow(ctx, input, at));
    byKab.set(ctx.kabCode, list);
  }
  return [...byKab].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * The chain head of a kabupaten, locked until the end of `tx`: the row lock orders writers, so
 * each event's prev_hash is the hash of the event committed before it. The advisory lock
 * orders the writers of a chain that has no head row yet.
 */
async function lockHead(tx: Tx, kab: string): Promise<string> {
  let head = await selectHeadForUpdate(tx, kab);
  if (head === undefined) {
    await lockChainWithoutHead(tx, kab);
    head = await selectHeadForUpdate(tx, kab);
  }
  return head ?? GENESIS_HASH;
}

/**
 * Appends `rows` to the chain of `kab` inside `tx`, the head row locked until the end of `tx`
 * (the head table catches a deleted last event). With `expected`, the head this process wrote
 * last, the lock, the check and the append are one statement; when another writer moved the
 * head meanwhile, the events are chained again from the head that statement found (still
 * locked). Returns the new head.
 */
async function appendRows(tx: Tx, kab: string, rows: readonly AuditRow[], key: AuditKey, expected?: string): Promise<string> {
  let locked: string | undefined;
  if (expected !== undefined) {
    const first = chain(expected, rows, key);
    const r = await appendEventsInTxIfHead(tx, first.cols, kab, first.head, expected);
    if (r.appended) return first.head;
    locked = r.head;
  }
  const { cols, head } = chain(locked ?? await lockHead(tx, kab), rows, key);
  await appendEventsLocked(tx, cols, kab, head);
  return head;
}

/**
 * The audit log of one process. Writes are recorded inside the caller's transaction
 * (`record(tx, ...)`), so a write and its audit event commit together or not at all.
 * Reads are recorded with `recordRead`, which group-commits: concurrent reads share one
 * statement, and each caller waits until its event is durable before answering.
 */
export class AuditLog {
  private pending: Array<{ ctx: AuditContext; input: AuditInput; done: (err?: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;
  private readonly db: Db;
  private readonly key: AuditKey;
  /** The head each chain had after this process's last append (maybe not committed: checked on use). */
  private readonly heads = new Map<string, string>();

  /** `key`: the configured AUDIT_KEY (config.auditKey) that keys every event's hash. */
  constructor(db: Db, key: AuditKey) {
    this.db = db;
    this.key = key;
  }

  /** Records a write inside `tx`; the persons and households it touches are added (`withSubjects`). */
  async record(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<void> {
    const event = await withSubjects(tx, ctx.kabCode, input);
    for (const [kab, rows] of byKabupaten([{ ctx, input: event }])) this.heads.set(kab, await appendRows(tx, kab, rows, this.key, this.heads.get(kab)));
  }

  async recordRead(ctx: AuditContext, input: AuditInput): Promise<void> {
    const event = await withSubjects(this.db, ctx.kabCode, input);
    return new Promise((resolve, reject) => {
      this.pending.push({ ctx, input: event, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, 500);
      try {
        for (const [kab, rows] of byKabupaten(batch)) await this.appendReads(kab, rows);
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.flushing = null;
  }

  /**
   * One round trip when this process wrote the head last (the usual case: one server per
   * kabupaten); otherwise a transaction that locks and reads the head first.
   */
  private async appendReads(kab: string, rows: readonly AuditRow[]): Promise<void> {
    const expected = this.heads.get(kab);
    if (expected !== undefined) {
      const { cols, head } = chain(expected, rows, this.key);
      if (await appendEventsIfHead(this.db, cols, kab, head, expected)) {
        this.heads.set(kab, head);
        return;
      }
    }
    this.heads.set(kab, await this.db.transaction((tx) => appendRows(tx, kab, rows, this.key)));
  }
}
