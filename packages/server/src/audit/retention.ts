import { createHmac } from 'node:crypto';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { canonicalJson, eventHash, type AuditKey } from './audit-event.ts';
import { chainEventsBetween, insertGap, removeGap, selectHeadForUpdate } from './chain-queries.ts';

/**
 * Retention of the audit trail (UU 27/2022 arts. 42-44) without losing its verifiability.
 *
 * An event's hash covers its whole content and the previous event's hash, so an event cannot
 * be anonymized in place: the chain would break at it. Instead retention removes whole runs of
 * consecutive events of a kabupaten's chain and records each run as a gap: the hash entering it
 * (its first event's prev_hash), the hash leaving it (its last event's hash, which the next
 * kept event names as its prev_hash), the number of events, and an HMAC over these with the
 * audit key. Verification (verify.ts) steps over a gap only when its signature holds and its
 * hashes join the kept events on both sides, so a removed run can neither be forged nor hide a
 * rewritten event after it. Before a run is removed its own chain is checked: retention never
 * launders a tampered event. The chain head is never removed.
 */

interface AuditGap {
  id: string;
  kabCode: string;
  firstSeq: number;
  lastSeq: number;
  events: number;
  enterHash: string;
  exitHash: string;
}

export function gapMac(key: AuditKey, g: Omit<AuditGap, 'id'>): string {
  return createHmac('sha256', key)
    .update(canonicalJson({ kabCode: g.kabCode, firstSeq: g.firstSeq, lastSeq: g.lastSeq, events: g.events, enterHash: g.enterHash, exitHash: g.exitHash }))
    .digest('hex');
}

/**
 * Removes the given events of one kabupaten's chain inside `tx`: consecutive ones (no kept
 * event between them) become one gap each. Returns the gaps, for the batch's own audit event.
 */
export async function removeAuditEvents(tx: Tx, kabCode: string, ids: readonly string[], key: AuditKey, runId: string | null): Promise<AuditGap[]> {
  if (ids.length === 0) return [];
  await selectHeadForUpdate(tx, kabCode); // orders this with the chain's writers
  const wanted = new Set(ids);
  const rows = await chainEventsBetween(tx, kabCode, ids);
  const gaps: AuditGap[] = [];
  let run: typeof rows = [];
  const close = async () => {
    if (run.length === 0) return;
    const first = run[0]!;
    const last = run.at(-1)!;
    const g = { kabCode, firstSeq: Number(first.seq), lastSeq: Number(last.seq), events: run.length, enterHash: first.prev_hash, exitHash: last.hash };
    const gap: AuditGap = { id: newId(), ...g };
    await insertGap(tx, gap, gapMac(key, g), runId);
    await removeGap(tx, gap.id);
    gaps.push(gap);
    run = [];
  };
  for (const row of rows) {
    if (!wanted.has(row.id)) {
      await close();
      continue;
    }
    const prev = run.at(-1);
    if (prev && row.prev_hash !== prev.hash) throw new Error(`audit retention: the chain is broken at event ${row.id}; verify it before retention`);
    if (eventHash(row.prev_hash, row, row.hash_version === 1 ? null : key) !== row.hash) {
      throw new Error(`audit retention: event ${row.id} does not match its hash; verify the chain before retention`);
    }
    run.push(row);
  }
  await close();
  return gaps;
}

