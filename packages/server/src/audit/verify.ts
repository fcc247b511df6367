import type { Queryable } from '../db/database.ts';
import { eventHash, GENESIS_HASH, type AuditRow } from './audit-event.ts';

export type AuditVerification =
  | { ok: true; events: number }
  | { ok: false; events: number; firstBrokenEventId: string | null; firstBrokenSeq: number | null; reason: 'hash_mismatch' | 'chain_broken' | 'head_mismatch' };

/**
 * Walks a kabupaten's chain in order: each event's hash must match its content, and its
 * prev_hash must be the previous event's hash (a deleted event breaks the link). The head
 * table must point at the last event (a deleted last event).
 */
export async function verifyAuditChain(q: Queryable, kabCode: string, pageSize = 5000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let count = 0;
  for (;;) {
    const { rows } = await q.query<AuditRow & { seq: number; prev_hash: string; hash: string }>(
      `SELECT seq, id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids, purpose,
              client_addr, request_id, details, prev_hash, hash
       FROM audit_events WHERE kab_code = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [kabCode, lastSeq, pageSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      count++;
      if (row.prev_hash !== prev) {
        return { ok: false, events: count, firstBrokenEventId: row.id, firstBrokenSeq: row.seq, reason: 'chain_broken' };
      }
      if (eventHash(prev, row) !== row.hash) {
        return { ok: false, events: count, firstBrokenEventId: row.id, firstBrokenSeq: row.seq, reason: 'hash_mismatch' };
      }
      prev = row.hash;
      lastSeq = row.seq;
    }
  }
  const head = await q.query<{ last_seq: number; hash: string }>('SELECT last_seq, hash FROM audit_heads WHERE kab_code = $1', [kabCode]);
  const h = head.rows[0];
  if ((h && (h.hash !== prev || h.last_seq !== lastSeq)) || (!h && count > 0)) {
    return { ok: false, events: count, firstBrokenEventId: null, firstBrokenSeq: h ? lastSeq + 1 : null, reason: 'head_mismatch' };
  }
  return { ok: true, events: count };
}
