import {
  cutOffDateOf, daysBetween, missingRoundDocuments, roundPeriodFor,
  type ProposalSettings, type ProposalSettingsView, type RoundStatus, type RoundView, type SubmitRoundInput,
} from '@slrt/core';
import type { Queryable, Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { Deps, RequestContext } from '../../http/context.ts';
import { conflict, fieldError, forbidden, invalidTransition, notFound } from '../../http/errors.ts';
import { listDocuments, scopedOwner } from '../../documents/service.ts';
import { insertStep } from '../lineage-queries.ts';
import { selectProposalStatuses } from '../queries.ts';
import { stepIn } from '../workflow.ts';
import { decodeKeysetCursor } from '../../http/cursor.ts';
import { roundForEntry, settingsOf, todayIn } from './calendar.ts';
import {
  listRounds, markRoundReviewed, markRoundSubmitted, moveToRound, selectRound, selectRoundProposalIds, updateOpenCutOffs, upsertSettings,
  type RoundRow,
} from './queries.ts';

/**
 * The village's monthly round: its documents (the deliberation's minutes and attendance list,
 * or the SPTJM), the village sending it after the cut-off, the kecamatan supervisor reviewing
 * it. And the kabupaten's round rules.
 */

const ROUND_DOCUMENT_OWNER_TYPE = 'proposal_round';

/** Documents of a round: uploaded by the village while it is open. */
export const ROUND_DOCUMENTS = scopedOwner({
  type: ROUND_DOCUMENT_OWNER_TYPE,
  kinds: ['minutes', 'attendance', 'sptjm', 'photo', 'other'],
  readPermission: 'proposals.read',
  writePermission: 'proposals.create',
  select: selectRound,
  onChange: (_tx, _ctx, r) => (r.status === 'open' ? Promise.resolve() : Promise.reject(conflict('proposal.round_closed'))),
});

async function toRoundView(q: Queryable, row: RoundRow, today: string): Promise<RoundView> {
  return {
    id: row.id,
    villageCode: row.village_code,
    villageName: row.village_name,
    kecamatanCode: row.kecamatan_code,
    kecamatanName: row.kecamatan_name,
    period: row.period,
    cutOffDate: row.cut_off_date,
    daysToCutOff: daysBetween(today, row.cut_off_date),
    status: row.status,
    basis: row.basis,
    basisDate: row.basis_date,
    note: row.note,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    submittedByName: row.submitted_by_name,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    reviewedByName: row.reviewed_by_name,
    reviewNote: row.review_note,
    counts: row.counts ?? {},
    documents: await listDocuments(q, row.kab_code, ROUND_DOCUMENT_OWNER_TYPE, row.id),
  };
}

export async function getRound(deps: Deps, ctx: RequestContext, id: string): Promise<RoundView> {
  const row = await selectRound(deps.db, ctx.actor, 'proposals.read', id);
  if (!row) throw notFound();
  const today = todayIn(await settingsOf(deps.db, row.kab_code));
  return toRoundView(deps.db, row, today);
}

export async function listRoundsFor(
  deps: Deps,
  ctx: RequestContext,
  q: { area?: string | undefined; period?: string | undefined; status?: RoundStatus | undefined; cursor?: string | undefined; limit: number },
) {
  const today = todayIn(await settingsOf(deps.db, ctx.actor.kabCode));
  const after = decodeKeysetCursor(q.cursor);
  const rows = await listRounds(deps.db, ctx.actor, q, { limit: q.limit, after: after ? { period: after.at, id: after.id } : null });
  const page = rows.slice(0, q.limit);
  const items = [];
  for (const r of page) items.push(await toRoundView(deps.db, r, today));
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify([last.period, last.id])).toString('base64url') : null,
  };
}

/**
 * The village sends its round once its deliberation is held (or its SPTJM signed), with the
 * documents of that basis attached. Verified proposals stay in it for the kecamatan; those not
 * yet visited move to the village's next open round.
 */
export async function submitRound(deps: Deps, ctx: RequestContext, id: string, input: SubmitRoundInput): Promise<RoundView> {
  await deps.db.transaction(async (tx) => {
    const r = await selectRound(tx, ctx.actor, 'proposals.read', id, { forUpdate: true });
    if (!r) throw notFound();
    if (!ctx.actor.coversArea('proposals.create', r.village_code)) throw forbidden();
    if (r.status !== 'open') throw invalidTransition('submit', r.status, []);
    const settings = await settingsOf(tx, r.kab_code);
    const today = todayIn(settings);
    if (input.basisDate > today) throw fieldError('basisDate', 'proposal.basis_in_future');
    const kinds = (await listDocuments(tx, r.kab_code, ROUND_DOCUMENT_OWNER_TYPE, r.id)).map((d) => d.kind);
    const missing = missingRoundDocuments(input.basis, kinds);
    if (missing.length) throw conflict('proposal.round_documents_missing', { kinds: missing.join(', ') }, { missing });
    const verified = await selectRoundProposalIds(tx, r.id, ['verified']);
    if (verified.length === 0) throw conflict('proposal.round_empty');
    const waiting = await selectRoundProposalIds(tx, r.id, ['awaiting_verification', 'needs_review']);
    await markRoundSubmitted(tx, r.id, { basis: input.basis, basisDate: input.basisDate, note: input.note ?? null, by: ctx.actor.userId });
    if (waiting.length) await carryOver(tx, ctx, r, waiting, settings, today);
    await ctx.auditWrite(tx, {
      action: 'proposal_round.submit', recordType: 'proposal_round', recordIds: [r.id, ...verified],
      details: { village: r.village_code, period: r.period, basis: input.basis, basisDate: input.basisDate, proposals: verified.length, carriedOver: waiting.length },
    });
  });
  return getRound(deps, ctx, id);
}

async function carryOver(tx: Tx, ctx: RequestContext, from: RoundRow, ids: string[], settings: ProposalSettings, today: string) {
  const next = await roundForEntry(tx, settings, { kabCode: from.kab_code, villageCode: from.village_code, enteredOn: today });
  await moveToRound(tx, ids, next.id);
  for (const p of await selectProposalStatuses<'awaiting_verification' | 'needs_review'>(tx, ids)) {
    await insertStep(tx, newId(), {
      kabCode: from.kab_code, villageCode: from.village_code, proposalId: p.id, action: 'carry-over', fromStatus: p.status, toStatus: p.status,
      actorId: ctx.actor.userId, actorName: ctx.actor.displayName, details: { fromRound: from.period, toRound: next.period },
    });
  }
}

/**
 * The kecamatan supervisor reviews a sent round: every verified proposal in it is reviewed
 * (each checked for records changed since its visit: those go back for review instead).
 */
export async function reviewRound(deps: Deps, ctx: RequestContext, id: string, input: { note?: string | undefined }) {
  const outcome = await deps.db.transaction(async (tx) => {
    const r = await selectRound(tx, ctx.actor, 'proposals.read', id, { forUpdate: true });
    if (!r) throw notFound();
    if (!ctx.actor.coversArea('proposals.review', r.village_code)) throw forbidden();
    if (r.status !== 'submitted') throw invalidTransition('review', r.status, []);
    const ids = await selectRoundProposalIds(tx, r.id, ['verified']);
    let reviewed = 0;
    let stale = 0;
    for (const proposalId of ids) {
      const res = await stepIn(tx, ctx, proposalId, 'review', {});
      if (res.stale) stale++;
      else reviewed++;
    }
    await markRoundReviewed(tx, r.id, ctx.actor.userId, input.note ?? null);
    await ctx.auditWrite(tx, { action: 'proposal_round.review', recordType: 'proposal_round', recordIds: [r.id, ...ids], details: { reviewed, stale } });
    return { reviewed, stale };
  });
  return { round: await getRound(deps, ctx, id), ...outcome };
}

export async function settingsView(deps: Deps, ctx: RequestContext): Promise<ProposalSettingsView> {
  const s = await settingsOf(deps.db, ctx.actor.kabCode);
  const today = todayIn(s);
  const period = roundPeriodFor(today, s.cutOffDay);
  return { ...s, currentPeriod: period, currentCutOffDate: cutOffDateOf(period, s.cutOffDay), today };
}

/** Changes the kabupaten's round rules; open rounds follow a new cut-off day. */
export async function updateSettings(deps: Deps, ctx: RequestContext, input: ProposalSettings): Promise<ProposalSettingsView> {
  const kab = `${ctx.actor.kabCode.slice(0, 2)}.${ctx.actor.kabCode.slice(2)}`;
  if (!ctx.actor.coversArea('proposals.approve', kab)) throw forbidden();
  await deps.db.transaction(async (tx) => {
    const before = await settingsOf(tx, ctx.actor.kabCode);
    await upsertSettings(tx, ctx.actor.kabCode, input, ctx.actor.userId);
    if (before.cutOffDay !== input.cutOffDay) await updateOpenCutOffs(tx, ctx.actor.kabCode, (period) => cutOffDateOf(period, input.cutOffDay));
    await ctx.auditWrite(tx, { action: 'proposal_settings.update', recordType: 'proposal_settings', recordIds: [], details: { before, after: input } });
  });
  return settingsView(deps, ctx);
}
