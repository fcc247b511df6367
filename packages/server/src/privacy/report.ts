import { areaTimeZone, type Locale } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import * as q from './queries.ts';
import { renderAccessReport } from './report-pdf.ts';
import { subjectForLog, toAccessLogEntry } from './service.ts';

/** The most events a printed report lists (the newest); the rest stays available on screen. */
const REPORT_LIMIT = 500;

/**
 * The resident's printable report (what is held, who processed it): one PDF, recorded in the
 * audit trail as a print of the person's data. Bahasa Indonesia unless asked for in English.
 */
export async function accessReportPdf(deps: Deps, ctx: RequestContext, personId: string, locale: Locale = 'id'): Promise<{ pdf: Buffer; fileName: string }> {
  const person = await subjectForLog(deps, ctx, personId);
  const rows = await q.selectAccessLog(deps.db, person.kab_code, person, { limit: REPORT_LIMIT });
  const kabCode = `${person.kab_code.slice(0, 2)}.${person.kab_code.slice(2)}`;
  const generatedAt = new Date();
  const pdf = await renderAccessReport({
    person,
    villageName: await q.selectAreaName(deps.db, person.village_code),
    kabupatenName: await q.selectAreaName(deps.db, kabCode),
    cases: await q.selectCasesOf(deps.db, person.id),
    requests: await q.selectRequestsOf(deps.db, person.id),
    entries: rows.slice(0, REPORT_LIMIT).map((r) => toAccessLogEntry(locale, r)),
    locale,
    truncated: rows.length > REPORT_LIMIT,
    generatedAt,
    timeZone: areaTimeZone(kabCode),
  });
  await ctx.auditRead({ action: 'person.access_report.print', recordType: 'person', recordIds: [person.id], purpose: 'privacy.request' });
  return { pdf, fileName: `laporan-data-pribadi-${generatedAt.toISOString().slice(0, 10)}.pdf` };
}
