import type { TargetingKind } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { csvDocument } from '../http/csv.ts';
import { toXlsx } from '../proposals/submissions/service.ts';
import { targetingRows } from './targeting.ts';

const COLUMNS = ['household_id', 'village_code', 'village', 'head', 'desil', 'result', 'enrolled', 'reasons'] as const;

/** A targeting list as CSV or XLSX (every cell text), audited as an export of personal data. */
export async function targetingExport(deps: Deps, ctx: RequestContext, code: string, query: { area?: string | undefined; kind: TargetingKind; format: 'csv' | 'xlsx' }) {
  const { area, items } = await targetingRows(deps, ctx, code, query);
  const rows = items.map((i) => ({
    household_id: i.householdId, village_code: i.villageCode, village: i.villageName, head: i.headName ?? '',
    desil: i.desil === null ? '' : String(i.desil), result: i.result, enrolled: i.enrolled ? 'ya' : 'tidak', reasons: i.reasons.join('; '),
  }));
  await ctx.auditRead({
    action: 'programs.targeting_export', recordType: 'household', recordIds: items.map((i) => i.householdId), purpose: 'programs.targeting',
    details: { program: code, kind: query.kind, area: area.code, format: query.format, rows: rows.length },
  });
  const base = `${code}-${query.kind}-${area.code}`;
  if (query.format === 'csv') return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvDocument(COLUMNS, rows.map((r) => COLUMNS.map((c) => r[c]))) };
  return { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(COLUMNS, rows, `${code} ${query.kind}`) };
}
