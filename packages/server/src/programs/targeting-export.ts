import { t, type Locale, type TargetingKind } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { csvDocument } from '../http/csv.ts';
import { toXlsx } from '../http/xlsx.ts';
import { targetingRows } from './targeting.ts';

const COLUMNS = ['household_id', 'village_code', 'village', 'head', 'desil', 'result', 'enrolled', 'reasons', 'result_code'] as const;

/**
 * A targeting list as CSV or XLSX (every cell text), audited as an export of personal data.
 * A report for people: headers, the screening result, yes/no and the reasons in the reader's
 * language (`locale`); the result's code is kept in the last column for a program that sorts
 * by it, and the household id for one that matches rows.
 */
export async function targetingExport(
  deps: Deps, ctx: RequestContext, code: string, query: { area?: string | undefined; kind: TargetingKind; format: 'csv' | 'xlsx' }, locale: Locale = ctx.locale,
) {
  const { area, items } = await targetingRows(deps, ctx, code, query, locale);
  const rows = items.map((i) => ({
    household_id: i.householdId, village_code: i.villageCode, village: i.villageName, head: i.headName ?? '',
    desil: i.desil === null ? '' : String(i.desil), result: t(locale, `screening.result.${i.result}`), enrolled: t(locale, i.enrolled ? 'registry.yes' : 'registry.no'),
    reasons: i.reasons.join('; '), result_code: i.result,
  }));
  await ctx.auditRead({
    action: 'programs.targeting_export', recordType: 'household', recordIds: items.map((i) => i.householdId), purpose: 'programs.targeting',
    details: { program: code, kind: query.kind, area: area.code, format: query.format, rows: rows.length },
  });
  const header = COLUMNS.map((c) => t(locale, `targeting.export.${c}`));
  const base = `${code}-${query.kind}-${area.code}`;
  if (query.format === 'csv') return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvDocument(header, rows.map((r) => COLUMNS.map((c) => r[c]))) };
  const byHeader = rows.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [header[i]!, r[c]])));
  return { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(header, byHeader, `${code} ${query.kind}`) };
}
