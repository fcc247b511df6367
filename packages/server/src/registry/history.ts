import { canonicalJson } from '../audit/audit-event.ts';
import type { RequestContext } from '../http/context.ts';

/** Where a registry change comes from. `id` is the import or proposal id; null for an officer. */
export interface RegistrySource {
  type: 'import' | 'proposal' | 'officer' | 'seed';
  id?: string | null;
}

export type RecordType = 'person' | 'household' | 'family';
export type Changes = Record<string, { old: unknown; new: unknown }>;

export interface HistoryEntry {
  kabCode: string;
  villageCode: string;
  recordType: RecordType;
  recordId: string;
  action: 'create' | 'update';
  actorId: string | null;
  actorName: string | null;
  reason: string | null;
  source: RegistrySource;
  changes: Changes;
}

/** Who acts, from the request context, for history rows. */
export function actorOf(ctx: Pick<RequestContext, 'actor'>): { actorId: string; actorName: string } {
  return { actorId: ctx.actor.userId, actorName: ctx.actor.displayName };
}

/**
 * `{ field: { old, new } }` for the fields of `next` whose value differs from `prev`. Objects
 * compare with sorted keys (jsonb does not keep the key order).
 */
export function diff(prev: Record<string, unknown> | null, next: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [field, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const old = prev ? prev[field] ?? null : null;
    if (canonicalJson(old) !== canonicalJson(value ?? null)) changes[field] = { old, new: value ?? null };
  }
  return changes;
}

