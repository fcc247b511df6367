import type { Queryable } from '../db/database.ts';
import { eventHash, GENESIS_HASH, type AuditKey } from './audit-event.ts';
import { allChainHeads, chainGaps, chainHead, chainPage } from './chain-queries.ts';
import { gapMac } from './retention.ts';

export type AuditVerification =
  | { ok: true; events: number; lastSeq: number; removedByRetention?: number }
  | {
    ok: false; events: number; lastSeq: number; firstBrokenEventId: string | null; firstBrokenSeq: number | null;
    reason: 'hash_mismatch' | 'chain_broken' | 'head_mismatch' | 'unkeyed_after_keyed' | 'anchor_mismatch' | 'truncated' | 'gap_unsigned';
    /** For `truncated`: the last event the anchor vouches for, past the end of the chain in the database. */
    anchoredSeq?: number;
  };

/** The chain head as an anchor outside the database vouches for it (anchor.ts). */
export interface AnchorPoint {
  seq: number;
  hash: string;
}

/**
 * Walks a kabupaten's chain in order: each event's hash must match its content under the key
 * (events written before the keyed chain, hash_version 1, as plain sha256, and never after a
 * keyed one), and its prev_hash must be the previous event's hash (a deleted event breaks the
 * link). The head table must point at the last event (a deleted last event). With an anchor:
 * the event at the anchored seq must carry the anchored hash (a rewritten chain), and the
 * chain must reach it (a deleted tail, even with the head moved back).
 *
 * Runs of events removed by retention (audit/retention.ts) are stepped over where a gap is
 * recorded: only a gap signed with the key, lying between the last event checked and the next
 * one, whose entering hash is the last hash checked; the walk goes on from its exit hash, which
 * the next kept event must name as its prev_hash. An unrecorded deletion still breaks the chain.
 */
export async function verifyAuditChain(q: Queryable, kabCode: string, key: AuditKey, anchor: AnchorPoint | null = null, pageSize = 5000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let count = 0;
  let keyed = false;
  let removed = 0;
  const gaps = (await chainGaps(q, kabCode)).map((g) => ({
    kabCode: g.kab_code, firstSeq: Number(g.first_seq), lastSeq: Number(g.last_seq), events: Number(g.events), enterHash: g.enter_hash, exitHash: g.exit_hash, mac: g.mac,
  }));
  let nextGap = 0;
  const broken = (row: { id: string; seq: number }, reason: 'hash_mismatch' | 'chain_broken' | 'unkeyed_after_keyed' | 'anchor_mismatch' | 'gap_unsigned') =>
    ({ ok: false as const, events: count, lastSeq, firstBrokenEventId: row.id, firstBrokenSeq: row.seq, reason });
  for (;;) {
    const rows = await chainPage(q, kabCode, lastSeq, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      count++;
      // the gaps recorded before this event, in order, each joining the chain where it stands
      while (nextGap < gaps.length && gaps[nextGap]!.lastSeq < Number(row.seq)) {
        const gap = gaps[nextGap++]!;
        if (gap.firstSeq <= lastSeq || gap.enterHash !== prev) return broken(row, 'chain_broken');
        if (gapMac(key, gap) !== gap.mac) return broken(row, 'gap_unsigned');
        if (anchor && gap.lastSeq === anchor.seq && gap.exitHash !== anchor.hash) return broken(row, 'anchor_mismatch');
        prev = gap.exitHash;
        removed += gap.events;
      }
      if (row.prev_hash !== prev) return broken(row, 'chain_broken');
      if (row.hash_version === 1 && keyed) return broken(row, 'unkeyed_after_keyed');
      keyed ||= row.hash_version !== 1;
      if (eventHash(prev, row, row.hash_version === 1 ? null : key) !== row.hash) return broken(row, 'hash_mismatch');
      if (anchor && Number(row.seq) === anchor.seq && row.hash !== anchor.hash) return broken(row, 'anchor_mismatch');
      prev = row.hash;
      lastSeq = Number(row.seq);
    }
  }
  if (anchor && lastSeq < anchor.seq) {
    return { ok: false, events: count, lastSeq, firstBrokenEventId: null, firstBrokenSeq: lastSeq + 1, reason: 'truncated', anchoredSeq: anchor.seq };
  }
  const h = await chainHead(q, kabCode);
  if ((h && (h.hash !== prev || Number(h.last_seq) !== lastSeq)) || (!h && count > 0)) {
    return { ok: false, events: count, lastSeq, firstBrokenEventId: null, firstBrokenSeq: h ? lastSeq + 1 : null, reason: 'head_mismatch' };
  }
  return removed > 0 ? { ok: true, events: count, lastSeq, removedByRetention: removed } : { ok: true, events: count, lastSeq };
}

/** The heads of every chain, for the anchors. */
export async function chainHeads(q: Queryable): Promise<Array<{ kabCode: string; seq: number; hash: string }>> {
  return (await allChainHeads(q)).map((r) => ({ kabCode: r.kab_code, seq: Number(r.last_seq), hash: r.hash }));
}
