import {
  areaLevel, normalizeAreaCode, suppressSmallCounts, t,
  type CountGroup,
  type AssistanceCheck, type AssistanceDelivery, type AssistanceInput, type AssistanceRecorded, type AssistanceTotals, type DuplicateAssistanceWarning,
} from '@slrt/core';
import { getAreaWithParents } from '../areas/public.ts';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { referralInScope } from '../referrals/service.ts';
import { getHouseholdInScope, getPersonInScope } from '../registry/service.ts';
import { programEntry } from './catalog.ts';
import * as q from './assistance-queries.ts';

/**
 * The assistance ledger: every delivery to a household, from programs and from partners,
 * with its value and funding source. Recording one that repeats the same kind of
 * assistance from another source in the same month answers a warning (the delivery is
 * recorded: it happened; the warning is for whoever coordinates the next one).
 */

function toDelivery(r: q.DeliveryRow): AssistanceDelivery {
  return {
    id: r.id, householdId: r.household_id, villageCode: r.village_code, personId: r.person_id, personName: r.person_name,
    program: r.program_code, organizationName: r.organization_name, category: r.category as AssistanceDelivery['category'],
    form: r.form as AssistanceDelivery['form'], item: r.item, quantity: r.quantity, unit: r.unit, valueIdr: r.value_idr,
    fundingSource: r.funding_source as AssistanceDelivery['fundingSource'], deliveredOn: r.delivered_on, period: r.period,
    referralId: r.referral_id, caseId: r.case_id, note: r.note, recordedBy: r.recorded_by, createdAt: r.created_at.toISOString(),
  };
}

const sourceKey = (r: { program_id: string | null; organization_id: string | null; funding_source: string }) =>
  r.program_id ?? r.organization_id ?? r.funding_source;

interface Recipient { householdId: string; villageCode: string; organizationId: string | null; caseId: string | null; programId: string | null; staff: boolean }

/**
 * Who receives a delivery, as the caller may name it: an officer names a household of the area
 * (or a referral it reads); a partner only a referral its organization holds (404 otherwise).
 */
async function resolveRecipient(tx: Queryable, ctx: RequestContext, input: AssistanceInput): Promise<Recipient> {
  const kab = ctx.actor.kabCode;
  const partnerOrgs = ctx.actor.organizationsFor('assistance.record');
  const staff = ctx.actor.areasFor('assistance.record').length > 0;
  let householdId: string;
  let villageCode: string;
  let organizationId: string | null = null;
  let caseId = input.caseId;
  if (input.referralId !== null) {
    const referral = await referralInScope(tx, ctx, input.referralId, staff ? 'referrals.read' : 'referrals.respond').catch(() => null);
    if (!referral) throw fieldError('referralId', 'field.invalid');
    const home = await q.selectHouseholdOfPerson(tx, kab, referral.person_id);
    if (!home) throw fieldError('referralId', 'field.invalid');
    householdId = home.household_id;
    villageCode = home.village_code;
    caseId = referral.case_id;
    if (!staff) organizationId = referral.organization_id;
  } else {
    if (!staff) throw fieldError('referralId', 'field.required');
    if (input.householdId === null) throw fieldError('householdId', 'assistance.no_recipient');
    const household = await getHouseholdInScope(tx, ctx, input.householdId, { permission: 'assistance.record' });
    householdId = household.id;
    villageCode = household.villageCode;
  }
  if (!staff && !partnerOrgs.includes(organizationId ?? '')) throw notFound();
  if (input.personId !== null) {
    const person = staff
      ? await getPersonInScope(tx, ctx, input.personId, { permission: 'assistance.record' }).catch(() => null)
      : null;
    if (staff ? person?.householdId !== householdId : true) throw fieldError('personId', 'assistance.person_not_in_household');
  }
  const programId = input.program === null ? null : (await programEntry(tx, kab, input.program).catch(() => { throw fieldError('program', 'field.invalid'); })).program.id;
  return { householdId, villageCode, organizationId, caseId, programId, staff };
}

/** The duplicate warning for deliveries of the same kind from other sources (a partner learns only that there are some). */
function duplicateWarnings(ctx: RequestContext, staff: boolean, others: q.DeliveryRow[]): DuplicateAssistanceWarning[] {
  return others.length === 0 ? [] : [{
    code: 'duplicate_assistance',
    message: t(ctx.locale, 'assistance.duplicate_warning'),
    // a partner sees that there is another source, not the other deliveries' details
    others: staff ? others.map((o) => ({ id: o.id, fundingSource: o.funding_source, program: o.program_code, organizationName: o.organization_name, deliveredOn: o.delivered_on })) : [],
  }];
}

export async function recordAssistance(deps: Deps, ctx: RequestContext, input: AssistanceInput): Promise<AssistanceRecorded> {
  const id = newId();
  const row = await deps.db.transaction(async (tx) => {
    const r = await resolveRecipient(tx, ctx, input);
    await q.insertDelivery(tx, {
      id, kabCode: ctx.actor.kabCode, villageCode: r.villageCode, householdId: r.householdId, personId: input.personId, programId: r.programId,
      organizationId: r.organizationId, category: input.category, form: input.form, item: input.item, quantity: input.quantity, unit: input.unit,
      valueIdr: input.valueIdr, fundingSource: input.fundingSource, deliveredOn: input.deliveredOn, referralId: input.referralId, caseId: r.caseId,
      note: input.note, recordedBy: ctx.actor.username,
    });
    await ctx.auditWrite(tx, {
      action: 'assistance.record', recordType: 'household', recordIds: [r.householdId, id],
      details: { category: input.category, fundingSource: input.fundingSource, program: input.program, valueIdr: input.valueIdr },
    });
    const inserted = await q.selectDelivery(tx, id);
    if (!inserted) throw new Error('delivery not inserted');
    const same = await q.selectSameKind(tx, r.householdId, input.category, input.deliveredOn, id);
    return { inserted, staff: r.staff, others: same.filter((o) => sourceKey(o) !== sourceKey(inserted)) };
  });
  return { delivery: toDelivery(row.inserted), warnings: duplicateWarnings(ctx, row.staff, row.others) };
}

/**
 * `POST /assistance/check`: the warnings recording `input` would answer, before it is saved
 * (the partner's and the officer's form show them first). Writes nothing.
 */
export async function checkAssistance(deps: Deps, ctx: RequestContext, input: AssistanceInput): Promise<AssistanceCheck> {
  const { r, others } = await deps.db.transaction(async (tx) => {
    const r = await resolveRecipient(tx, ctx, input);
    const same = await q.selectSameKind(tx, r.householdId, input.category, input.deliveredOn, NO_ID);
    const mine = sourceKey({ program_id: r.programId, organization_id: r.organizationId, funding_source: input.fundingSource });
    return { r, others: same.filter((o) => sourceKey(o) !== mine) };
  });
  await ctx.auditRead({ action: 'assistance.check', recordType: 'household', recordIds: [r.householdId], purpose: 'assistance.read' });
  return { warnings: duplicateWarnings(ctx, r.staff, others) };
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** `GET /referrals/:id/assistance`: what was delivered against one referral (its partner or an officer who reads it). */
export async function referralAssistance(deps: Deps, ctx: RequestContext, referralId: string): Promise<{ items: AssistanceDelivery[]; nextCursor: null }> {
  const referral = await referralInScope(deps.db, ctx, referralId);
  const rows = await q.selectReferralDeliveries(deps.db, referral.id);
  await ctx.auditRead({ action: 'referral.assistance', recordType: 'referral', recordIds: [referral.id, referral.person_id], purpose: 'assistance.read' });
  return { items: rows.map(toDelivery), nextCursor: null };
}

/** `GET /assistance/partner`: the deliveries the caller's organization recorded, newest first (the partner's "Bantuan" page). */
export async function partnerAssistance(deps: Deps, ctx: RequestContext): Promise<{ items: AssistanceDelivery[]; nextCursor: null }> {
  const orgs = ctx.actor.organizationsFor('assistance.record');
  const rows = orgs.length === 0 ? [] : await q.selectOrganizationDeliveries(deps.db, ctx.actor.kabCode, orgs, PARTNER_LIST_LIMIT);
  if (rows.length === 0) ctx.noPersonalData();
  else await ctx.auditRead({ action: 'assistance.partner_list', recordType: 'household', recordIds: [...new Set(rows.map((r) => r.household_id))], purpose: 'assistance.read' });
  return { items: rows.map(toDelivery), nextCursor: null };
}

const PARTNER_LIST_LIMIT = 500;

export async function householdAssistance(deps: Deps, ctx: RequestContext, householdId: string): Promise<{ items: AssistanceDelivery[]; nextCursor: null }> {
  await getHouseholdInScope(deps.db, ctx, householdId, { permission: 'assistance.read' });
  const rows = await q.selectHouseholdDeliveries(deps.db, householdId);
  await ctx.auditRead({ action: 'household.assistance', recordType: 'household', recordIds: [householdId], purpose: 'assistance.read' });
  return { items: rows.map(toDelivery), nextCursor: null };
}

/** Totals of an area (default: the caller's widest) by source, program, child area and month. Aggregates only, small counts suppressed for readers without personal-data access. */
export async function assistanceTotals(deps: Deps, ctx: RequestContext, query: { area?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<AssistanceTotals> {
  const code: string | null | undefined = query.area === undefined ? ctx.actor.areasFor('stats.read').sort((a, b) => a.length - b.length)[0] : normalizeAreaCode(query.area);
  if (code === null) throw fieldError('area', 'field.invalid_format');
  if (code === undefined || !ctx.actor.coversArea('stats.read', code)) throw notFound();
  const level = areaLevel(code);
  if (level === null || level === 'province') throw notFound();
  const chain = await getAreaWithParents(deps.db, code);
  const self = chain.at(-1);
  if (!self || self.code !== code) throw notFound();
  const area = { kab: code.replace('.', '').slice(0, 4), prefix: level === 'kecamatan' ? code : null, village: level === 'village' ? code : null };
  const childLen = level === 'kabupaten' ? 8 : 13; // 32.04.05 or 32.04.05.2004
  const groups = await q.selectTotals(deps.db, area, childLen, query.from ?? null, query.to ?? null);
  const duplicates = await q.countDuplicates(deps.db, area, query.from ?? null, query.to ?? null);
  const names = level === 'village' ? new Map<string, string>() : await q.selectChildAreaNames(deps.db, code);
  const row = (g: q.TotalsGroup, label: string) => ({ key: g.key ?? '', label, count: g.count, households: g.households, valueIdr: g.value_idr });
  const pick = (dim: q.TotalsGroup['dim']) => groups.filter((g) => g.dim === dim);
  const sources = pick('source');
  const exact = {
    area: { code: self.code, name: self.name },
    from: query.from ?? null,
    to: query.to ?? null,
    total: {
      key: 'total', label: self.name,
      count: sources.reduce((s, g) => s + g.count, 0),
      households: Math.max(0, ...pick('area').map((g) => g.households)),
      valueIdr: sources.reduce((s, g) => s + g.value_idr, 0),
    },
    bySource: sources.map((g) => row(g, t(ctx.locale, `assistance.source.${g.key}`))),
    byProgram: pick('program').map((g) => row(g, g.key ?? t(ctx.locale, 'assistance.no_program'))),
    byArea: pick('area').map((g) => row(g, names.get(g.key ?? '') ?? g.key ?? '')),
    byPeriod: pick('period').map((g) => row(g, g.key ?? '')).sort((a, b) => (a.key < b.key ? -1 : 1)),
    duplicates,
  };
  return ctx.actor.can('cases.read') ? { ...exact, suppressed: false } : suppressTotals(exact);
}

type ExactTotals = Omit<AssistanceTotals, 'suppressed' | 'total' | 'bySource' | 'byProgram' | 'byArea' | 'byPeriod' | 'duplicates'> & {
  total: ExactTotalRow; bySource: ExactTotalRow[]; byProgram: ExactTotalRow[]; byArea: ExactTotalRow[]; byPeriod: ExactTotalRow[]; duplicates: number;
};
interface ExactTotalRow { key: string; label: string; count: number; households: number; valueIdr: number }

/**
 * The totals as a reader without personal-data access (executive) sees them: deliveries and
 * households of 1-4 are "<5", and a delivery count that would reveal one, with the total and
 * each dimension's parts adding up to it, "x". Values in Rupiah stay.
 */
function suppressTotals(x: ExactTotals): AssistanceTotals {
  const cells = new Map<string, number>();
  const groups: CountGroup[] = [];
  cells.set('total.count', x.total.count);
  cells.set('total.households', x.total.households);
  cells.set('duplicates', x.duplicates);
  for (const dim of ['bySource', 'byProgram', 'byArea', 'byPeriod'] as const) {
    x[dim].forEach((r, i) => {
      cells.set(`${dim}.${i}.count`, r.count);
      cells.set(`${dim}.${i}.households`, r.households);
    });
    groups.push({ total: 'total.count', parts: x[dim].map((_, i) => `${dim}.${i}.count`) });
  }
  const shown = suppressSmallCounts(cells, groups);
  const get = (key: string) => shown.get(key) ?? 0;
  const rows = (dim: 'bySource' | 'byProgram' | 'byArea' | 'byPeriod') =>
    x[dim].map((r, i) => ({ ...r, count: get(`${dim}.${i}.count`), households: get(`${dim}.${i}.households`) }));
  return {
    ...x,
    total: { ...x.total, count: get('total.count'), households: get('total.households') },
    bySource: rows('bySource'), byProgram: rows('byProgram'), byArea: rows('byArea'), byPeriod: rows('byPeriod'),
    duplicates: get('duplicates'),
    suppressed: true,
  };
}
