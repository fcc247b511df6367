import type { Permission } from '@slrt/core';
import { kabCodeOf } from '@slrt/core';
import type { Queryable, Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { insertHistory, insertMissingProfiles, selectProfile, type ProfileRow } from './queries.ts';

/**
 * The village of a Puskesos route, in the caller's scope for the route's permission, or a 404
 * (outside the scope, or no such village): the one gate every village route goes through.
 */
export async function profileOrNotFound(q: Queryable, ctx: RequestContext, permission: Permission, villageCode: string, lock = false): Promise<ProfileRow> {
  const row = await selectProfile(q, ctx.actor, permission, villageCode, lock);
  if (!row) throw notFound();
  return row;
}

/** One line of a Puskesos' history, in the write's transaction. */
export async function recordChange(
  tx: Tx,
  ctx: RequestContext,
  where: { kab_code: string; village_code: string },
  entry: { entity: string; entityId?: string | null; action: string; changes: Record<string, unknown> },
): Promise<void> {
  await insertHistory(tx, {
    id: newId(), kab_code: where.kab_code, village_code: where.village_code, entity: entry.entity, entity_id: entry.entityId ?? null,
    action: entry.action, changes: entry.changes, by_user: ctx.actor.userId, by_name: ctx.actor.displayName,
  });
}

/** Every village of the deployment's kabupaten(s) has a profile (empty at first). Idempotent; run at start-up. */
export async function ensurePuskesosProfiles(deps: Deps): Promise<number> {
  let added = 0;
  for (const kab of deps.config.kabupatenCodes) added += await insertMissingProfiles(deps.db, kabCodeOf(kab), kab);
  return added;
}
