import { createHash, createHmac } from 'node:crypto';
import type { Row, With } from '../db/rows.ts';

/**
 * One audit event, curated by the caller: never a request or a token object. `purpose` is
 * required where personal data is read (UU 27/2022 art. 31 record of processing).
 */
export interface AuditInput {
  action: string;
  recordType?: string | null;
  recordIds?: readonly string[];
  purpose?: string | null;
  details?: Record<string, unknown> | null;
}

/**
 * `details.subjects` of an event from the rows the caller has just read (a case's person and
 * household, a page of persons): the same persons and households `withSubjects` would look up
 * again by the event's record ids, without that query. Nothing when the rows name nobody (as
 * `withSubjects` adds nothing then).
 */
export function subjectsOf(rows: Iterable<{ personId: string | null; householdId: string | null }>): { subjects?: { persons: string[]; households: string[] } } {
  const persons = new Set<string>();
  const households = new Set<string>();
  for (const r of rows) {
    if (r.personId) persons.add(r.personId);
    if (r.householdId) households.add(r.householdId);
  }
  return persons.size || households.size ? { subjects: { persons: [...persons], households: [...households] } } : {};
}

/** Who and from where, filled by the HTTP layer (or the CLI). */
export interface AuditContext {
  kabCode: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string | null;
  clientAddr: string | null;
  requestId: string | null;
}

/** An event as it is hashed and appended: its row without the chain's own columns (seq, prev_hash, hash, hash_version). */
export type AuditRow = With<Omit<Row<'audit_events'>, 'seq' | 'prev_hash' | 'hash' | 'hash_version'>, { details: Record<string, unknown> | null }>;

/** JSON with sorted keys, so the hash does not depend on how jsonb orders them. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The secret that keys the chain (AUDIT_KEY): the database never holds it. */
export type AuditKey = Buffer;

/** The event's hash: HMAC-SHA256 with the key (hash_version 2), plain sha256 without (version 1, old events). */
export function eventHash(prevHash: string, row: AuditRow, key: AuditKey | null = null): string {
  const body = canonicalJson({
    id: row.id,
    kab_code: row.kab_code,
    at: row.at.toISOString(),
    actor_id: row.actor_id,
    actor_name: row.actor_name,
    actor_roles: row.actor_roles,
    action: row.action,
    record_type: row.record_type,
    record_ids: row.record_ids,
    purpose: row.purpose,
    client_addr: row.client_addr,
    request_id: row.request_id,
    details: row.details,
  });
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return h.update(prevHash).update('\n').update(body).digest('hex');
}
