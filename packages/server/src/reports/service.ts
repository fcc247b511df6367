import {
  areaTimeZone, kabCodeOf, parseReportPeriod, reportPeriodOfDates, SECTORS,
  type MonthlyReport, type ReportPeriod, type ReportVillageRow, areaToday } from '@slrt/core';
import { inSnapshot } from '../db/transactions.ts';
import { periodFor } from '../http/period.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { assistanceOfPeriod } from '../programs/public.ts';
import { resolveArea } from '../puskesos/area.ts';
import { capacityOf, fundingOf, outreachOf, villagesOf } from '../puskesos/report-figures.ts';
import * as q from './queries.ts';
import { suppressReport } from './suppression.ts';

/**
 * The report upward: one village, kecamatan or the kabupaten for a month, quarter or year.
 * Cases by sector and decision, referrals by partner and result, time to service, usulan,
 * funding by source, assistance delivered by source (the programs' ledger), Puskesos capacity, outreach, and the villages that reported nothing.
 * Read under `reports.read`; a reader without personal-data access gets small counts
 * suppressed. All figures come from one read-only snapshot.
 */

const round1 = (n: number | null) => (n === null || !Number.isFinite(n) ? null : Math.round(n * 10) / 10);
const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

/** Readers who may see residents' records see exact counts; the others (village head, executive) get suppression. */
function readsAggregatesOnly(ctx: RequestContext): boolean {
  return !ctx.actor.can('cases.read');
}

/** The period asked for: a label (`period`), or `from`..`to` (each defaulting as every statistic's: this month). */
function reportPeriodOf(areaCode: string, q: { period?: string | undefined; from?: string | undefined; to?: string | undefined }): ReportPeriod {
  if (q.period !== undefined) {
    if (q.from !== undefined || q.to !== undefined) throw fieldError('period', 'report.period_or_dates');
    const period = parseReportPeriod(q.period);
    if (!period) throw fieldError('period', 'field.invalid_format');
    return period;
  }
  return reportPeriodOfDates(periodFor(areaCode, q));
}

export async function monthlyReport(
  deps: Deps, ctx: RequestContext, areaInput: string, periodInput: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<MonthlyReport> {
  const period = reportPeriodOf(areaInput, periodInput);
  const area = await resolveArea(deps.db, ctx, 'reports.read', areaInput);
  const kabCode = ctx.actor.kabCode;
  if (kabCodeOf(area.code) !== kabCode) throw notFound();
  const w: q.Window = { kabCode, area: area.code, from: period.from, until: period.until, timeZone: areaTimeZone(area.code) };
  const actor = ctx.actor;
  const lastDay = new Date(Date.parse(`${period.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const today = areaToday(area.code);

  // on the replica when there is one: a monthly report may trail the office by a moment
  const data = await inSnapshot(deps.replica, async (tx) => {
    const villages = await villagesOf(tx, actor, 'reports.read', kabCode, area.code);
    return {
      villages,
      cases: await q.casesRegistered(tx, actor, w),
      sectors: await q.caseSectors(tx, actor, w),
      outcomes: await q.caseOutcomes(tx, actor, w),
      referrals: await q.referralsSent(tx, actor, w),
      proposals: await q.proposalsEntered(tx, actor, w),
      funding: await fundingOf(tx, kabCode, area.code, period.year),
      assistance: await assistanceOfPeriod(tx, area.code, period.from, period.until),
      capacity: await capacityOf(tx, actor, 'reports.read', kabCode, villages, area.code, lastDay < today ? lastDay : today),
      outreach: await outreachOf(tx, kabCode, area.code, period.from, period.until),
    };
  });

  const byVillage = <T extends { village_code: string }>(rows: readonly T[], f: (r: T) => number) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.village_code, (m.get(r.village_code) ?? 0) + f(r));
    return m;
  };
  const casesOf = byVillage(data.cases, (r) => r.registered);
  const refsOf = byVillage(data.referrals, (r) => r.sent);
  const propsOf = byVillage(data.proposals, (r) => r.entered);
  const villages: ReportVillageRow[] = data.villages.map((v) => {
    const cases = casesOf.get(v.village_code) ?? 0;
    const referrals = refsOf.get(v.village_code) ?? 0;
    const proposals = propsOf.get(v.village_code) ?? 0;
    const outreach = data.outreach.perVillage.get(v.village_code) ?? 0;
    return { code: v.village_code, name: v.village_name, kecamatanName: v.kecamatan_name, cases, referrals, proposals, outreach, reported: cases + referrals + proposals + outreach > 0 };
  });
  const partners = new Map<string, { sent: number; completed: number; declined: number }>();
  for (const r of data.referrals) {
    const p = partners.get(r.partner) ?? { sent: 0, completed: 0, declined: 0 };
    p.sent += r.sent;
    p.completed += r.fulfilled + r.partly + r.not_fulfilled;
    p.declined += r.declined;
    partners.set(r.partner, p);
  }
  const sectors = new Map(data.sectors.map((s) => [s.sector, s.n]));

  const report: MonthlyReport = {
    area: { code: area.code, name: area.name, level: area.level },
    period: { label: period.label, kind: period.kind, from: period.from, until: period.until },
    generatedAt: new Date().toISOString(),
    suppressed: false,
    cases: {
      registered: sum(data.cases, (r) => r.registered),
      resolved: data.outcomes.resolved,
      closed: data.outcomes.closed,
      openAtEnd: data.outcomes.open_at_end,
      bySector: SECTORS.map((sector) => ({ sector, registered: sectors.get(sector) ?? 0 })),
      byDecision: {
        handle_directly: sum(data.cases, (r) => r.handle_directly), refer: sum(data.cases, (r) => r.refer),
        reject: sum(data.cases, (r) => r.reject), undecided: sum(data.cases, (r) => r.undecided),
      },
      medianDaysToFirstAction: round1(data.outcomes.first_action),
      medianDaysToClose: round1(data.outcomes.to_close),
    },
    referrals: {
      sent: sum(data.referrals, (r) => r.sent),
      byResult: {
        fulfilled: sum(data.referrals, (r) => r.fulfilled), partly: sum(data.referrals, (r) => r.partly), not_fulfilled: sum(data.referrals, (r) => r.not_fulfilled),
        declined: sum(data.referrals, (r) => r.declined), cancelled: sum(data.referrals, (r) => r.cancelled), open: sum(data.referrals, (r) => r.open),
      },
      byPartner: [...partners.entries()].sort((a, b) => b[1].sent - a[1].sent || a[0].localeCompare(b[0])).map(([name, p]) => ({ name, ...p })),
    },
    proposals: {
      entered: sum(data.proposals, (r) => r.entered), approved: sum(data.proposals, (r) => r.approved), rejected: sum(data.proposals, (r) => r.rejected),
      byType: { new: sum(data.proposals, (r) => r.new), change: sum(data.proposals, (r) => r.change), deactivate: sum(data.proposals, (r) => r.deactivate) },
    },
    funding: data.funding,
    assistance: data.assistance,
    capacity: data.capacity,
    outreach: data.outreach.summary,
    villages,
    silentVillages: area.level === 'village' ? [] : villages.filter((v) => !v.reported).map((v) => ({ code: v.code, name: v.name, kecamatanName: v.kecamatanName })),
  };
  const shown = readsAggregatesOnly(ctx) ? suppressReport(report) : report;
  await ctx.auditRead({ action: 'report.monthly', recordType: 'report', recordIds: [], purpose: 'reports.monthly', details: { area: area.code, period: period.label, suppressed: shown.suppressed } });
  return shown;
}
