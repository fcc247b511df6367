import {
  areaLevel, caseCodeLabel, CASE_STATUS_LIST, isCaseOverdue, maskNik, normalizeAreaCode, t,
  type CaseBoard, type CaseCounts, type CaseListQuery, type CaseSummary, type Sector,
} from '@slrt/core';
import { subjectsOf } from '../audit/audit-event.ts';
import { periodFor } from '../http/period.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { csvDocument } from '../http/csv.ts';
import { AppError, fieldError, notFound } from '../http/errors.ts';
import { getAreaWithParents } from '../areas/public.ts';
import { toCaseSummary } from './case-view.ts';
import { caseRowInScope } from './service.ts';
import { assignLocked, takeAction } from './workflow.ts';
import { countCases, selectBoard, selectCases, type ListCursor, type ListFilter } from './worklist-queries.ts';

function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string, order: 'priority' | 'recent'): ListCursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as ListCursor;
    const uuid = /^[0-9a-f-]{36}$/;
    if (c.order === order && uuid.test(c.id) && (c.order === 'recent' || (typeof c.fastTrack === 'boolean' && !Number.isNaN(Date.parse(c.dueAt))))) return c;
  } catch {
    // fall through
  }
  throw fieldError('cursor', 'field.invalid');
}

/** An `area` filter: a dotted or undotted code the caller's scope covers (else 404, as for a record). */
function areaFilter(area: string | undefined): string | undefined {
  if (area === undefined) return undefined;
  const code = normalizeAreaCode(area);
  if (!code || !areaLevel(code)) throw fieldError('area', 'field.invalid_format');
  return code;
}

/**
 * A worklist page: `new`, `mine`, `decide` (waiting for my decision), `overdue`,
 * `escalated` (to my level), `open`, `all`; narrowed by sector, status, level, area,
 * person or household. Ordered by priority (fast track, nearest deadline), or newest first
 * for a person's or household's history. Audited: it names residents.
 */
export async function listCases(deps: Deps, ctx: RequestContext, query: CaseListQuery): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const order = query.order ?? (query.householdId || query.personId ? 'recent' : 'priority');
  const filter: ListFilter = {
    list: query.list, sector: query.sector, status: query.status, level: query.level, area: areaFilter(query.area),
    personId: query.personId, householdId: query.householdId,
  };
  const rows = await selectCases(deps.db, ctx.actor, filter, { order, after: query.cursor ? decodeCursor(query.cursor, order) : null, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last
    ? encodeCursor(order === 'priority' ? { order, fastTrack: last.fast_track, dueAt: last.due_at.toISOString(), id: last.id } : { order, id: last.id })
    : null;
  if (page.length) {
    await ctx.auditRead({
      action: 'case.list', recordType: 'case', recordIds: page.map((r) => r.id), purpose: 'case.worklist',
      details: { list: query.list, ...subjectsOf(page.map((r) => ({ personId: r.person_id, householdId: r.household_id }))) },
    });
  }
  return { items: page.map((r) => toCaseSummary(r)), nextCursor };
}

/** The counts behind the worklist tabs (no personal data, not audited). */
export async function caseCounts(deps: Deps, ctx: RequestContext, area?: string): Promise<CaseCounts> {
  return countCases(deps.db, ctx.actor, areaFilter(area));
}

/**
 * Villages side by side: for a kecamatan, one row per village; for a kabupaten, one per
 * kecamatan; for a village, the village. The area defaults to the caller's widest area for
 * cases.read and must lie inside it (404 otherwise). Counts only: not audited.
 */
export async function caseBoard(deps: Deps, ctx: RequestContext, area: string | undefined, range: { from?: string | undefined; to?: string | undefined } = {}): Promise<CaseBoard> {
  const areas = ctx.actor.areasFor('cases.read').sort((a, b) => a.length - b.length);
  const code = area === undefined ? areas[0] : areaFilter(area);
  if (!code) throw notFound();
  if (!ctx.actor.coversArea('cases.read', code)) throw notFound();
  const self = (await getAreaWithParents(deps.db, code)).at(-1);
  if (!self) throw notFound();
  const period = periodFor(self.code, range);
  // a board of aggregates: from the read replica when there is one (a moment behind)
  const rows = await selectBoard(deps.replica, ctx.actor, { code: self.code, level: self.level }, period);
  return {
    area: { code: self.code, name: self.name, level: self.level },
    period: { from: period.from, to: period.to },
    rows: rows.map((r) => ({
      code: r.code, name: r.name, open: r.open, new: r.new, overdue: r.overdue, awaitingDecision: r.awaiting_decision,
      escalated: r.escalated, resolved30d: r.resolved_30d, registered: r.registered, resolved: r.resolved,
    })),
  };
}

type BulkOutcome = { id: string; ok: boolean; error?: { code: string; message: string } };

/** Runs `fn` for each case in its own transaction: one case refused does not undo the others. */
async function eachCase(ctx: RequestContext, ids: readonly string[], fn: (id: string) => Promise<void>): Promise<{ results: BulkOutcome[] }> {
  const results: BulkOutcome[] = [];
  for (const id of ids) {
    try {
      await fn(id);
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      results.push({ id, ok: false, error: { code: err.code, message: t(ctx.locale, err.msg.key, err.msg.params) } });
    }
  }
  return { results };
}

export function bulkAssign(deps: Deps, ctx: RequestContext, ids: readonly string[], assigneeId: string | null) {
  return eachCase(ctx, ids, (id) => deps.db.transaction(async (tx) => {
    await assignLocked(tx, ctx, await caseRowInScope(tx, ctx, id, 'cases.read', { forUpdate: true }), assigneeId);
  }));
}

export function bulkEscalate(deps: Deps, ctx: RequestContext, ids: readonly string[], reason: string) {
  return eachCase(ctx, ids, (id) => deps.db.transaction(async (tx) => {
    await takeAction(tx, ctx, await caseRowInScope(tx, ctx, id, 'cases.read', { forUpdate: true }), 'escalate', { reason });
  }));
}

const CASE_EXPORT_LIMIT = 5000;

/**
 * A CSV of the selected cases (or of a worklist) in the caller's scope, NIK masked; the
 * export is audited with every case id (UU 27/2022 art. 31).
 */
export async function exportCases(
  deps: Deps,
  ctx: RequestContext,
  input: { ids?: string[] | undefined; list?: CaseListQuery['list'] | undefined; sector?: Sector | undefined; status?: CaseListQuery['status'] | undefined },
): Promise<string> {
  const rows = await selectCases(deps.db, ctx.actor, { list: input.list ?? 'all', sector: input.sector, status: input.status, ids: input.ids }, { order: 'priority', limit: CASE_EXPORT_LIMIT });
  const L = ctx.locale;
  // headers and coded values in the reader's language (issue 12, item 7)
  const COLUMNS = ['code', 'status', 'level', 'village_code', 'village', 'person', 'nik', 'kind', 'fast_track', 'urgency', 'sectors', 'registered_at', 'due_at', 'overdue', 'assigned_to', 'decision'] as const;
  const header = COLUMNS.map((c) => t(L, `export.case.${c}`));
  const yesNo = (v: boolean) => t(L, v ? 'export.yes' : 'export.no');
  const now = new Date();
  const lines = rows.map((r) => [
    r.code, CASE_STATUS_LIST.find((s) => s.code === r.status)?.[L] ?? r.status, caseCodeLabel('level', r.level, L), r.village_code, r.village_name,
    r.person_name, r.person_nik ? maskNik(r.person_nik) : null, caseCodeLabel('kind', r.kind, L), yesNo(r.fast_track), caseCodeLabel('urgency', r.urgency, L),
    r.sectors.map((s) => caseCodeLabel('sector', s, L)).join('; '), r.registered_at.toISOString(), r.due_at.toISOString(),
    yesNo(isCaseOverdue({ status: r.status, dueAt: r.due_at, firstActionAt: r.first_action_at }, now)), r.assigned_to_name, r.decision ? caseCodeLabel('decision', r.decision, L) : null,
  ]);
  await ctx.auditRead({
    action: 'case.export', recordType: 'case', recordIds: rows.map((r) => r.id), purpose: 'case.export',
    details: { format: 'csv', count: rows.length, list: input.list ?? null, selected: input.ids?.length ?? null },
  });
  return csvDocument(header, lines);
}
