import {
  HandoverSnapshot, officerActiveOn, PROPOSALS_IN_PROGRESS, vacanciesOf,
  type HandoverInput, type PuskesosAccount, type HandoverView, type OfficerInput, type OfficerPosition, type OfficerUpdate, type OfficerView, areaToday } from '@slrt/core';
import type { z } from 'zod';
import { newId } from '../db/ids.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import { selectFundingOf } from './funding-queries.ts';
import * as pq from './people-queries.ts';
import { selectFacilities } from './queries.ts';
import { profileOrNotFound, recordChange } from './scope.ts';
import { trainingRecords } from './training.ts';

/**
 * The people of a Puskesos and the continuity between them. Officers (`puskesos.staff` to
 * read, `puskesos.write` to change) may or may not have an account; vacancies are the
 * required positions no active officer fills. A handover (koordinator or village head
 * changes) is produced from the data, signed by both, and kept; the new koordinator's first
 * screen lists what they inherited.
 */

function toOfficer(r: pq.OfficerRow, training: { done: string[]; missing: string[] } = { done: [], missing: [] }): OfficerView {
  return {
    id: r.id, villageCode: r.village_code, name: r.name, position: r.position, hasAccount: r.user_id !== null, userId: r.user_id,
    account: r.user_id && r.account_username ? { username: r.account_username, displayName: r.account_display_name ?? r.account_username } : null,
    decreeNumber: r.decree_number, decreeDate: r.decree_date, startDate: r.start_date, endDate: r.end_date, paid: r.paid,
    monthlyHonorarium: r.monthly_honorarium, active: officerActiveOn({ startDate: r.start_date, endDate: r.end_date }, areaToday(r.village_code)),
    trainings: training.done, missingTrainings: training.missing,
  };
}

export async function listOfficers(deps: Deps, ctx: RequestContext, villageCode: string): Promise<{ items: OfficerView[]; nextCursor: null; vacancies: OfficerPosition[] }> {
  await profileOrNotFound(deps.db, ctx, 'puskesos.staff', villageCode);
  const rows = await pq.selectOfficersIn(deps.db, ctx.actor, 'puskesos.staff', villageCode);
  const records = await trainingRecords(deps.db, ctx.actor.kabCode, rows);
  const items = rows.map((r) => toOfficer(r, records.get(r.id)));
  await ctx.auditRead({ action: 'puskesos.officers.read', recordType: 'puskesos_officer', recordIds: items.map((i) => i.id), purpose: 'puskesos.people', details: { village: villageCode } });
  return { items, nextCursor: null, vacancies: vacanciesOf(items.filter((i) => i.active)) };
}

export async function addOfficer(deps: Deps, ctx: RequestContext, villageCode: string, input: z.infer<typeof OfficerInput>): Promise<OfficerView> {
  if (input.endDate && input.endDate < input.startDate) throw fieldError('endDate', 'puskesos.end_before_start');
  if (!input.paid && input.monthlyHonorarium > 0) throw fieldError('monthlyHonorarium', 'puskesos.volunteer_unpaid');
  const row: pq.OfficerRow = {
    id: newId(), kab_code: '', village_code: villageCode, user_id: input.userId ?? null, name: input.name, position: input.position,
    decree_number: input.decreeNumber || null, decree_date: input.decreeDate ?? null, start_date: input.startDate, end_date: input.endDate ?? null,
    paid: input.paid, monthly_honorarium: input.monthlyHonorarium,
  };
  await deps.db.transaction(async (tx) => {
    const profile = await profileOrNotFound(tx, ctx, 'puskesos.write', villageCode, true);
    row.kab_code = profile.kab_code;
    if (row.user_id) Object.assign(row, await linkableAccount(tx, profile.kab_code, villageCode, row.user_id, row.id, row));
    await pq.insertOfficer(tx, row);
    await recordChange(tx, ctx, profile, { entity: 'officer', entityId: row.id, action: 'create', changes: { name: row.name, position: row.position, paid: row.paid, monthlyHonorarium: row.monthly_honorarium, startDate: row.start_date } });
    await ctx.auditWrite(tx, { action: 'puskesos.officer.create', recordType: 'puskesos_officer', recordIds: [row.id], details: { village: villageCode, position: row.position } });
  });
  return toOfficer(row);
}

/**
 * The account an officer of `villageCode` is to be linked to, when it may be: it holds a role on
 * the village or its kecamatan (400 on `userId` otherwise), and no other officer of the village
 * active in this officer's period holds it already (409).
 */
async function linkableAccount(tx: Queryable, kabCode: string, villageCode: string, userId: string, officerId: string, period: { start_date: string; end_date: string | null }) {
  const [account] = await pq.selectAccountsFor(tx, kabCode, villageCode, userId);
  if (!account) throw fieldError('userId', 'puskesos.user_not_of_area');
  const holder = (await pq.selectOfficersOfUser(tx, villageCode, userId)).find((o) => o.id !== officerId
    && o.start_date <= (period.end_date ?? '9999-12-31') && (o.end_date === null || o.end_date >= period.start_date));
  if (holder) throw conflict('puskesos.account_linked', { name: holder.name });
  return { account_username: account.username, account_display_name: account.display_name };
}

/** The accounts an officer of the village may be linked to (`puskesos.write`), each with the active officer it is linked to. */
export async function listAccounts(deps: Deps, ctx: RequestContext, villageCode: string): Promise<PuskesosAccount[]> {
  const profile = await profileOrNotFound(deps.db, ctx, 'puskesos.write', villageCode);
  const rows = await pq.selectAccountsFor(deps.db, profile.kab_code, villageCode);
  const day = areaToday(villageCode);
  const linked = new Map((await pq.selectOfficersIn(deps.db, ctx.actor, 'puskesos.write', villageCode))
    .filter((o) => o.user_id && officerActiveOn({ startDate: o.start_date, endDate: o.end_date }, day)).map((o) => [o.user_id!, o.id]));
  await ctx.auditRead({ action: 'puskesos.accounts.read', recordType: 'user', recordIds: rows.map((r) => r.id), purpose: 'puskesos.people', details: { village: villageCode } });
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, level: r.level, roles: r.roles, officerId: linked.get(r.id) ?? null }));
}

export async function updateOfficer(deps: Deps, ctx: RequestContext, id: string, input: z.infer<typeof OfficerUpdate>): Promise<OfficerView> {
  const next = await deps.db.transaction(async (tx) => {
    const row = await pq.selectOfficer(tx, ctx.actor, 'puskesos.write', id, true);
    if (!row) throw notFound();
    const after = {
      end_date: input.endDate === undefined ? row.end_date : input.endDate,
      paid: input.paid ?? row.paid,
      monthly_honorarium: input.monthlyHonorarium ?? (input.paid === false ? 0 : row.monthly_honorarium),
      decree_number: input.decreeNumber === undefined ? row.decree_number : input.decreeNumber || null,
      decree_date: input.decreeDate === undefined ? row.decree_date : input.decreeDate,
      user_id: input.userId === undefined ? row.user_id : input.userId,
    };
    if (after.end_date && after.end_date < row.start_date) throw fieldError('endDate', 'puskesos.end_before_start');
    if (!after.paid && after.monthly_honorarium > 0) throw fieldError('monthlyHonorarium', 'puskesos.volunteer_unpaid');
    let account: Pick<pq.OfficerRow, 'account_username' | 'account_display_name'> = after.user_id === null ? { account_username: null, account_display_name: null } : row;
    if (after.user_id !== null && after.user_id !== row.user_id) account = await linkableAccount(tx, row.kab_code, row.village_code, after.user_id, id, { start_date: row.start_date, end_date: after.end_date });
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(after)) if (row[k as keyof typeof after] !== v) changes[k] = { from: row[k as keyof typeof after], to: v };
    if (changes.user_id) {
      // the history names the accounts, not only their ids
      changes.account = { from: row.account_username ?? null, to: account.account_username ?? null };
    }
    if (Object.keys(changes).length === 0) return row;
    await pq.updateOfficer(tx, id, after);
    await recordChange(tx, ctx, row, { entity: 'officer', entityId: id, action: 'update', changes });
    await ctx.auditWrite(tx, { action: 'puskesos.officer.update', recordType: 'puskesos_officer', recordIds: [id], details: { village: row.village_code, fields: Object.keys(changes) } });
    return { ...row, ...after, ...account };
  });
  return toOfficer(next);
}

/** What the village has now: open work, equipment, this year's budget, the officers. */
async function handoverSnapshot(q0: Queryable, ctx: RequestContext, kabCode: string, villageCode: string): Promise<HandoverSnapshot> {
  const work = await pq.openWorkOf(q0, kabCode, villageCode, ['draft', ...PROPOSALS_IN_PROGRESS, 'sent']);
  const equipment = await selectFacilities(q0, [villageCode]);
  const day = areaToday(villageCode);
  const year = Number(day.slice(0, 4));
  const funding = await selectFundingOf(q0, villageCode, year);
  const officers = (await pq.selectOfficersIn(q0, ctx.actor, 'puskesos.write', villageCode)).filter((o) => officerActiveOn({ startDate: o.start_date, endDate: o.end_date }, day));
  return HandoverSnapshot.parse({
    takenAt: new Date().toISOString(),
    openCases: work.cases.map((c) => ({ code: c.code, status: c.status, level: c.level, registeredAt: c.registered_at.toISOString() })),
    openReferrals: work.referrals.map((r) => ({ number: r.number, status: r.status, organization: r.organization, dueDate: r.due_date })),
    pendingProposals: work.proposals,
    equipment: equipment.filter((e) => e.condition !== 'none').map((e) => ({ item: e.item, condition: e.condition, source: e.source })),
    budget: { year, lines: funding.map((l) => ({ source: l.source, kind: l.kind, category: l.category, amount: l.amount, status: l.status })) },
    officers: officers.map((o) => ({ name: o.name, position: o.position, paid: o.paid })),
  });
}

function toHandover(r: pq.HandoverRow): HandoverView {
  return {
    id: r.id, villageCode: r.village_code, villageName: r.village_name, role: r.role, outgoingName: r.outgoing_name, incomingName: r.incoming_name,
    snapshot: HandoverSnapshot.parse(r.snapshot),
    outgoingSigned: r.outgoing_signed_name && r.outgoing_signed_at ? { name: r.outgoing_signed_name, at: r.outgoing_signed_at.toISOString() } : null,
    incomingSigned: r.incoming_signed_name && r.incoming_signed_at ? { name: r.incoming_signed_name, at: r.incoming_signed_at.toISOString() } : null,
    createdAt: r.created_at.toISOString(),
  };
}

export async function createHandover(deps: Deps, ctx: RequestContext, villageCode: string, input: z.infer<typeof HandoverInput>): Promise<HandoverView> {
  const id = newId();
  await deps.db.transaction(async (tx) => {
    const profile = await profileOrNotFound(tx, ctx, 'puskesos.write', villageCode, true);
    if (input.incomingUserId && !(await pq.userOfVillage(tx, input.incomingUserId, villageCode))) throw fieldError('incomingUserId', 'puskesos.user_not_of_village');
    const snapshot = await handoverSnapshot(tx, ctx, profile.kab_code, villageCode);
    await pq.insertHandover(tx, {
      id, kab_code: profile.kab_code, village_code: villageCode, role: input.role, outgoing_name: input.outgoingName, incoming_name: input.incomingName,
      incoming_user_id: input.incomingUserId ?? null, snapshot, created_by: ctx.actor.userId,
    });
    await recordChange(tx, ctx, profile, {
      entity: 'handover', entityId: id, action: 'create',
      changes: { role: input.role, outgoingName: input.outgoingName, incomingName: input.incomingName, openCases: snapshot.openCases.length, openReferrals: snapshot.openReferrals.length, pendingProposals: snapshot.pendingProposals.length },
    });
    await ctx.auditWrite(tx, { action: 'puskesos.handover.create', recordType: 'puskesos_handover', recordIds: [id], details: { village: villageCode, role: input.role } });
  });
  const row = await pq.selectHandover(deps.db, ctx.actor, 'puskesos.write', id);
  if (!row) throw notFound();
  return toHandover(row);
}

/** One party signs (name, now); each signs once (409 after). */
export async function signHandover(deps: Deps, ctx: RequestContext, id: string, party: 'outgoing' | 'incoming', name: string): Promise<HandoverView> {
  await deps.db.transaction(async (tx) => {
    const row = await pq.selectHandover(tx, ctx.actor, 'puskesos.write', id, true);
    if (!row) throw notFound();
    if ((party === 'outgoing' ? row.outgoing_signed_at : row.incoming_signed_at) !== null) throw conflict('puskesos.handover_signed');
    await pq.signHandover(tx, id, party, name);
    await recordChange(tx, ctx, row, { entity: 'handover', entityId: id, action: 'sign', changes: { party, name } });
    await ctx.auditWrite(tx, { action: 'puskesos.handover.sign', recordType: 'puskesos_handover', recordIds: [id], details: { village: row.village_code, party } });
  });
  const row = await pq.selectHandover(deps.db, ctx.actor, 'puskesos.write', id);
  if (!row) throw notFound();
  return toHandover(row);
}

export async function listHandovers(deps: Deps, ctx: RequestContext, villageCode: string): Promise<HandoverView[]> {
  await profileOrNotFound(deps.db, ctx, 'puskesos.staff', villageCode);
  const rows = await pq.selectHandovers(deps.db, villageCode);
  await ctx.auditRead({ action: 'puskesos.handovers.read', recordType: 'puskesos_handover', recordIds: rows.map((r) => r.id), purpose: 'puskesos.people', details: { village: villageCode } });
  return rows.map(toHandover);
}

/** The signed-in user's inheritance: handovers that name them as the incoming party. */
export async function myHandovers(deps: Deps, ctx: RequestContext): Promise<HandoverView[]> {
  const rows = await pq.selectHandoversTo(deps.db, ctx.actor.userId);
  if (rows.length) await ctx.auditRead({ action: 'puskesos.handovers.read', recordType: 'puskesos_handover', recordIds: rows.map((r) => r.id), purpose: 'puskesos.inherited' });
  return rows.map(toHandover);
}
