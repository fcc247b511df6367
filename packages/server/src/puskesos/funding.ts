import { FUNDING_SOURCES, VILLAGE_PAID_SOURCES, type FundingInput, type FundingLine, type FundingSource } from '@slrt/core';
import type { z } from 'zod';
import type { FundingList } from '@slrt/core';
import { listDocuments, scopedOwner } from '../documents/service.ts';
import { newId } from '../db/ids.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { invalidTransition, notFound } from '../http/errors.ts';
import * as f from './funding-queries.ts';
import { profileOrNotFound, recordChange } from './scope.ts';

/**
 * Funding of a Puskesos: budget and spending lines per year and source, honoraria included.
 * Entered by the koordinator (or the kabupaten), confirmed by the supervisor; a line the
 * village pays (Dana Desa) is then approved by the village head. Village budget pages are
 * attached as documents of the line.
 */

export const FUNDING_DOCUMENTS = scopedOwner({
  type: 'puskesos_funding',
  kinds: ['budget_page', 'receipt', 'decree'],
  readPermission: 'puskesos.read',
  writePermission: 'puskesos.write',
  select: (q0, actor, permission, id) => f.selectFundingLine(q0, actor, permission, id),
  changeUnder: 'puskesos.write',
  // a budget page attached or removed is a change of the Puskesos: its history says so
  onChange: (tx, ctx, row, change, id) =>
    recordChange(tx, ctx, row, { entity: 'funding', entityId: id, action: `document_${change.action}`, changes: { documentId: change.document.id, kind: change.document.kind, fileName: change.document.fileName } }),
});

const isVillagePaid = (source: string) => (VILLAGE_PAID_SOURCES as readonly string[]).includes(source);

async function toLine(q0: Queryable, r: f.FundingRow): Promise<FundingLine> {
  const docs = await listDocuments(q0, r.kab_code, FUNDING_DOCUMENTS.type, r.id);
  return {
    id: r.id, villageCode: r.village_code, year: r.year, source: r.source as FundingSource, kind: r.kind,
    category: r.category as FundingLine['category'], amount: r.amount, note: r.note, status: r.status, villagePaid: isVillagePaid(r.source),
    enteredAt: r.entered_at.toISOString(), confirmedAt: r.confirmed_at?.toISOString() ?? null, approvedAt: r.approved_at?.toISOString() ?? null,
    documents: docs.map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName })),
  };
}

/** Totals per source of confirmed (or approved) lines: what the supervisor has seen to be true. */
function fundingTotals(rows: readonly f.FundingRow[]): Array<{ source: FundingSource; budget: number; spending: number }> {
  return FUNDING_SOURCES.map((source) => {
    const of = rows.filter((r) => r.source === source && r.status !== 'entered');
    return {
      source,
      budget: of.filter((r) => r.kind === 'budget').reduce((s, r) => s + r.amount, 0),
      spending: of.filter((r) => r.kind === 'spending').reduce((s, r) => s + r.amount, 0),
    };
  });
}

export async function listFunding(deps: Deps, ctx: RequestContext, villageCode: string, year: number | undefined): Promise<z.infer<typeof FundingList>> {
  await profileOrNotFound(deps.db, ctx, 'puskesos.read', villageCode);
  const rows = await f.selectFundingOf(deps.db, villageCode, year ?? null);
  const items = [];
  for (const r of rows) items.push(await toLine(deps.db, r));
  return { items, nextCursor: null, totals: fundingTotals(rows) };
}

export async function addFunding(deps: Deps, ctx: RequestContext, villageCode: string, input: z.infer<typeof FundingInput>): Promise<FundingLine> {
  const id = newId();
  await deps.db.transaction(async (tx) => {
    const profile = await profileOrNotFound(tx, ctx, 'puskesos.write', villageCode, true);
    await f.insertFunding(tx, { id, kab_code: profile.kab_code, village_code: villageCode, ...input, note: input.note || null, entered_by: ctx.actor.userId });
    await recordChange(tx, ctx, profile, { entity: 'funding', entityId: id, action: 'create', changes: { ...input } });
    await ctx.auditWrite(tx, { action: 'puskesos.funding.create', recordType: 'puskesos_funding', recordIds: [id], details: { village: villageCode, year: input.year, source: input.source, amount: input.amount } });
  });
  const row = await f.selectFundingLine(deps.db, ctx.actor, 'puskesos.read', id);
  if (!row) throw notFound();
  return toLine(deps.db, row);
}

/**
 * `confirm` (supervisor, an entered line) or `approve` (village head, a confirmed line the
 * village pays). Another state answers 409 with what is allowed now.
 */
export async function fundingAction(deps: Deps, ctx: RequestContext, id: string, action: 'confirm' | 'approve'): Promise<FundingLine> {
  const permission = action === 'confirm' ? 'puskesos.supervise' : 'puskesos.approve';
  await deps.db.transaction(async (tx) => {
    const row = await f.selectFundingLine(tx, ctx.actor, permission, id, true);
    if (!row) throw notFound();
    const allowed = row.status === 'entered' ? ['confirm'] : row.status === 'confirmed' && isVillagePaid(row.source) ? ['approve'] : [];
    if (!allowed.includes(action)) throw invalidTransition(action, row.status, allowed);
    const status = action === 'confirm' ? 'confirmed' : 'approved';
    await f.setFundingStatus(tx, id, status, ctx.actor.userId);
    await recordChange(tx, ctx, row, { entity: 'funding', entityId: id, action, changes: { status: { from: row.status, to: status } } });
    await ctx.auditWrite(tx, { action: `puskesos.funding.${action}`, recordType: 'puskesos_funding', recordIds: [id], details: { village: row.village_code } });
  });
  const row = await f.selectFundingLine(deps.db, ctx.actor, permission, id);
  if (!row) throw notFound();
  return toLine(deps.db, row);
}
