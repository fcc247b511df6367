import { isSpecificPersonField, type RegistryHistoryItem } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Cols, With } from '../db/rows.ts';
import { type Changes, type HistoryEntry, type RecordType } from './history.ts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../http/cursor.ts';

/** SQL of the registry's history (registry_history). */

/** Appends history rows (one statement for many; the import writes a batch at a time). */
export async function writeHistory(q: Queryable, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    id: newId(),
    kab_code: e.kabCode,
    village_code: e.villageCode,
    record_type: e.recordType,
    record_id: e.recordId,
    action: e.action,
    actor_id: e.actorId,
    actor_name: e.actorName,
    reason: e.reason,
    source_type: e.source.type,
    source_id: e.source.id ?? null,
    changes: e.changes,
  }));
  await q.query(
    `INSERT INTO registry_history (id, kab_code, village_code, record_type, record_id, action, actor_id, actor_name, reason, source_type, source_id, changes)
     SELECT id, kab_code, village_code, record_type, record_id, action, actor_id, actor_name, reason, source_type, source_id, changes
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kab_code char(4), village_code text, record_type text, record_id uuid, action text,
       actor_id uuid, actor_name text, reason text, source_type text, source_id text, changes jsonb)`,
    [JSON.stringify(rows)],
  );
}

/**
 * An import's creation entry for the records of one type that a batch (or a bulk load)
 * created: one row naming the import and its file rows, instead of one row per record with
 * every value (the values are in the records). The records point at it with `created_in`.
 */
export async function writeCreationEntry(
  q: Queryable,
  e: { id: string; kabCode: string; recordType: RecordType; actorId: string | null; actorName: string | null; reason: string; importId: string; rowFrom: number; rowTo: number; created: number },
): Promise<void> {
  await q.query(
    `INSERT INTO registry_history (id, kab_code, village_code, record_type, record_id, action, actor_id, actor_name, reason, source_type, source_id, changes, row_from, row_to)
     VALUES ($1, $2::text, substr($2::text, 1, 2) || '.' || substr($2::text, 3, 2), $3, NULL, 'create', $4, $5, $6, 'import', $7, $8::jsonb, $9, $10)`,
    [e.id, e.kabCode, e.recordType, e.actorId, e.actorName, e.reason, e.importId, JSON.stringify({ created: e.created }), e.rowFrom, e.rowTo],
  );
}

/**
 * A record's history, newest first, keyset-paginated on (at, id). Values of specific personal
 * data fields are left out for a caller who may not see them; the entry still says a change
 * happened. The records are of kabupaten `kabCode`: the history is read from its partition only.
 */
export async function listHistory(
  q: Queryable,
  kabCode: string,
  recordIds: readonly string[],
  opts: { limit: number; cursor?: string | undefined; showSpecific: boolean },
): Promise<{ items: RegistryHistoryItem[]; nextCursor: string | null }> {
  const params: unknown[] = [recordIds, opts.limit + 1, kabCode];
  // The record's own rows, and the import creation entry that created it (created_in).
  let where = `kab_code = $3 AND id IN (SELECT id FROM registry_history WHERE kab_code = $3 AND record_id = ANY($1::uuid[])
    UNION ALL SELECT created_in FROM persons WHERE kab_code = $3 AND id = ANY($1::uuid[]) AND created_in IS NOT NULL
    UNION ALL SELECT created_in FROM households WHERE kab_code = $3 AND id = ANY($1::uuid[]) AND created_in IS NOT NULL
    UNION ALL SELECT created_in FROM families WHERE kab_code = $3 AND id = ANY($1::uuid[]) AND created_in IS NOT NULL)`;
  const after = decodeKeysetCursor(opts.cursor);
  if (after) {
    params.push(after.at, after.id);
    where += ` AND (at, id) < ($4::timestamptz, $5::uuid)`;
  }
  const { rows } = await q.query<With<Cols<'registry_history', 'id' | 'at' | 'action' | 'actor_name' | 'reason' | 'source_type' | 'source_id' | 'changes' | 'record_type' | 'record_id'>, { changes: Changes }>>(
    `SELECT id, at, action, actor_name, reason, source_type, source_id, changes, record_type, record_id FROM registry_history
     WHERE ${where} ORDER BY at DESC, id DESC LIMIT $2`,
    params,
  );
  const page = rows.slice(0, opts.limit);
  const items = page.map((r) => {
    const changes: Changes = {};
    // An import creation entry holds a count, not values.
    for (const [field, change] of r.record_id === null ? [] : Object.entries(r.changes)) {
      if (r.record_type === 'person' && !opts.showSpecific && isSpecificPersonField(field)) continue;
      changes[field] = change;
    }
    return {
      id: r.id, at: r.at.toISOString(), action: r.action, actorName: r.actor_name, reason: r.reason,
      sourceType: r.source_type, sourceId: r.source_id, changes,
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > opts.limit && last ? encodeKeysetCursor(last.at.toISOString(), last.id) : null };
}
