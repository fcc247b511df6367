import { areaLevel, URGENCIES, type SlaDays } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { forgetSlaDays, slaDaysOf } from './intake.ts';
import { upsertSlaSetting } from './queries.ts';

/** The kabupaten's days to first action by urgency (defaults where unset). */
export function readSlaSettings(deps: Deps, ctx: RequestContext): Promise<SlaDays> {
  return slaDaysOf(deps.db, ctx.actor.kabCode);
}

/**
 * Sets the days to first action; only a kabupaten-wide decider (the Manajer SLRT) may. Applies
 * to cases registered from now on: a deadline already given to a resident does not move.
 */
export async function updateSlaSettings(deps: Deps, ctx: RequestContext, days: SlaDays): Promise<SlaDays> {
  if (!ctx.actor.areasFor('cases.decide').some((a) => areaLevel(a) === 'kabupaten' || areaLevel(a) === 'province')) throw forbidden();
  const before = await slaDaysOf(deps.db, ctx.actor.kabCode);
  await deps.db.transaction(async (tx) => {
    for (const u of URGENCIES) await upsertSlaSetting(tx, ctx.actor.kabCode, u, days[u], ctx.actor.userId);
    await ctx.auditWrite(tx, { action: 'case.sla_settings', recordType: 'settings', recordIds: [ctx.actor.kabCode], details: { before, after: days } });
    await forgetSlaDays(tx, ctx.actor.kabCode);
  });
  return slaDaysOf(deps.db, ctx.actor.kabCode);
}
