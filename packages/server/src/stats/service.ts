import {
  areaLevel, caseCodeLabel, CASE_STATUS_LIST, CASE_STATUSES, codeLabel, compareLoad, DESIL_BANDS, isPersonalPermission, normalizeAreaCode, PROPOSAL_STATUSES, PROPOSALS_IN_PROGRESS,
  REFERRAL_STATUSES, SECTORS, STATS_CHILD_COUNTS, STATS_REGISTRY_STATUSES, suppressStatsOverview, t,
  type AreaLevel, type Locale, type Counted, type StatsArea, type StatsChildRow, type StatsLoadRow, type StatsOverview,
} from '@slrt/core';
import { getAreaWithParents } from '../areas/public.ts';
import { periodFor } from '../http/period.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { csvDocument } from '../http/csv.ts';
import { fieldError, notFound } from '../http/errors.ts';
import * as q from './queries.ts';

/**
 * The kabupaten dashboard: what an area is responsible for, live, in aggregates only (counts,
 * rates, medians; area and partner organization names; no resident, no officer named). Read
 * under `stats.read`, a non-personal permission: the JSON answer is not audited; the CSV
 * export, a report leaving the system, is.
 */

const round = (n: number | null, digits: number) => (n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const rate = (num: number, den: number) => (den > 0 ? round(num / den, 3) : null);
const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const CHILD_LEVEL = { province: 'kabupaten', kabupaten: 'kecamatan', kecamatan: 'village', village: null } as const satisfies Record<AreaLevel, AreaLevel | null>;

/**
 * The area asked for (a dotted or undotted code), or the caller's widest area for stats.read.
 * A malformed code is a 400 naming `area`; an unknown area, or one outside the caller's scope,
 * is a 404 (as a record would be). Also the parents the caller may drill back up to.
 */
async function resolveStatsArea(deps: Deps, ctx: RequestContext, input: string | undefined): Promise<{ area: StatsArea; parents: StatsArea[] }> {
  let code: string | undefined;
  if (input === undefined || input.trim() === '') {
    code = ctx.actor.areasFor('stats.read').sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
  } else {
    const normalized = normalizeAreaCode(input);
    if (!normalized || !areaLevel(normalized)) throw fieldError('area', 'field.invalid_format');
    code = normalized;
  }
  if (!code || !ctx.actor.coversArea('stats.read', code)) throw notFound();
  const chain = await getAreaWithParents(deps.db, code);
  const self = chain.at(-1);
  if (!self || self.code !== code) throw notFound();
  const toArea = (a: { code: string; name: string; level: AreaLevel }): StatsArea => ({ code: a.code, name: a.name, level: a.level });
  return {
    area: toArea(self),
    parents: chain.slice(0, -1).filter((a) => ctx.actor.coversArea('stats.read', a.code)).map(toArea),
  };
}

function emptyChild(code: string, name: string): Counted<StatsChildRow> {
  return { code, name, ...zeros(STATS_CHILD_COUNTS) };
}

const OPEN_CASE_STATUSES: readonly string[] = CASE_STATUSES.filter((s) => s !== 'resolved' && s !== 'closed');
const OPEN_REFERRAL_STATUSES: readonly string[] = ['sent', 'accepted', 'in_service'];
const IN_PROGRESS: readonly string[] = PROPOSALS_IN_PROGRESS;

/**
 * The dashboard of one area (see `StatsOverview` in core for every figure). A caller who holds
 * no personal-data permission (the executive) gets it with small counts suppressed.
 */
export async function statsOverview(deps: Deps, ctx: RequestContext, input: string | undefined, range: { from?: string | undefined; to?: string | undefined } = {}): Promise<StatsOverview> {
  const overview = await countOverview(deps, ctx, input, range);
  return ctx.actor.permissions().some(isPersonalPermission) ? overview : suppressStatsOverview(overview);
}

/**
 * Cases or referrals counted from their groups (child area x status): the total, the open, by
 * status and the overdue, each group also added to its child area's row (`casesTotal`, ...).
 */
function tallyByStatus<S extends string>(
  groups: ReadonlyArray<{ child: string; status: string; n: number; overdue: number }>,
  statuses: readonly S[],
  openStatuses: readonly string[],
  prefix: 'cases' | 'referrals',
  child: (code: string) => Counted<StatsChildRow> | undefined,
): { total: number; open: number; byStatus: Record<S, number>; overdue: number } {
  const tally = { total: 0, open: 0, byStatus: zeros(statuses), overdue: 0 };
  for (const g of groups) {
    const open = openStatuses.includes(g.status);
    tally.total += g.n;
    if (open) tally.open += g.n;
    tally.byStatus[g.status as S] += g.n;
    tally.overdue += g.overdue;
    const c = child(g.child);
    if (c) {
      c[`${prefix}Total`] += g.n;
      if (open) c[`${prefix}Open`] += g.n;
      c[`${prefix}Overdue`] += g.overdue;
    }
  }
  return tally;
}

async function countOverview(deps: Deps, ctx: RequestContext, input: string | undefined, range: { from?: string | undefined; to?: string | undefined }): Promise<Counted<StatsOverview>> {
  const { area, parents } = await resolveStatsArea(deps, ctx, input);
  const actor = ctx.actor;
  const period = periodFor(area.code, range);
  // One statement, so one snapshot: the sections add up to each other even while cases move. On
  // the replica when there is one (its lag read by the same statement), else on the primary.
  const data = await q.overviewData(deps.replica, actor, area, period);

  const children = new Map(data.children.map((c) => [c.code, emptyChild(c.code, c.name)]));
  const child = (code: string) => children.get(code);

  const residents = { total: 0, active: 0, byStatus: zeros(STATS_REGISTRY_STATUSES), byDesil: zeros(DESIL_BANDS) };
  for (const g of data.residents) {
    residents.total += g.n;
    residents.byStatus[g.status as keyof typeof residents.byStatus] += g.n;
    if (g.band !== null) {
      residents.active += g.n;
      residents.byDesil[g.band as keyof typeof residents.byDesil] += g.n;
    }
    const c = child(g.child);
    if (c) c.residents += g.n;
  }

  const caseTally = tallyByStatus(data.cases, CASE_STATUSES, OPEN_CASE_STATUSES, 'cases', child);
  const cases = { ...caseTally, fastTrack: 0, fastTrackOpen: 0, escalatedOpen: 0 };
  for (const g of data.cases) {
    cases.fastTrack += g.fast_track;
    cases.fastTrackOpen += g.fast_track_open;
    cases.escalatedOpen += g.escalated_open;
    const c = child(g.child);
    if (c) c.fastTrackOpen += g.fast_track_open;
  }
  const bySector = new Map(data.sectors.map((s) => [s.sector, s]));

  const referrals = tallyByStatus(data.referrals, REFERRAL_STATUSES, OPEN_REFERRAL_STATUSES, 'referrals', child);

  const proposals = { total: 0, inProgress: 0, byStatus: zeros(PROPOSAL_STATUSES) };
  for (const g of data.proposals) {
    proposals.total += g.n;
    proposals.byStatus[g.status as keyof typeof proposals.byStatus] += g.n;
    if (IN_PROGRESS.includes(g.status)) {
      proposals.inProgress += g.n;
      const c = child(g.child);
      if (c) c.proposalsInProgress += g.n;
    }
  }

  const officers = new Map(data.officers.map((o) => [o.code, o.n]));
  for (const [village, n] of officers) {
    const c = child(q.childOfVillage(area, village));
    if (c) c.puskesosOfficers += n;
  }
  const loadOf = new Map(data.load.map((l) => [l.code, l]));
  const puskesosLoad: Array<Counted<StatsLoadRow>> = data.villages.map((v) => {
    const n = officers.get(v.code) ?? 0;
    const load = loadOf.get(v.code) ?? { open: 0, overdue: 0 };
    return {
      code: v.code, name: v.name, kecamatanName: v.kecamatan_name, officers: n, openCases: load.open, overdue: load.overdue,
      casesPerOfficer: n > 0 ? round(load.open / n, 1) : null, overdueShare: rate(load.overdue, load.open),
    };
  }).sort(compareLoad);

  return {
    area,
    parents,
    childLevel: CHILD_LEVEL[area.level],
    generatedAt: new Date().toISOString(),
    readFrom: data.source,
    period: { from: period.from, to: period.to },
    residents,
    cases: {
      ...cases,
      bySector: SECTORS.map((sector) => ({ sector, total: bySector.get(sector)?.total ?? 0, open: bySector.get(sector)?.open ?? 0 })),
      medianDaysToFirstAction: round(data.caseMedians.first_action, 1),
      medianDaysToClose: round(data.caseMedians.to_close, 1),
    },
    referrals: {
      ...referrals,
      acceptanceRate: rate(data.referralTimes.accepted, data.referralTimes.answered),
      medianDaysToAccept: round(data.referralTimes.to_accept, 1),
      medianDaysToComplete: round(data.referralTimes.to_complete, 1),
      partners: data.partners.map((p) => ({
        name: p.name, sent: p.sent, accepted: p.accepted, completed: p.completed, declined: p.declined, open: p.open, overdue: p.overdue,
        acceptanceRate: rate(p.accepted, p.answered),
      })),
    },
    proposals: { ...proposals, waitingNational: proposals.byStatus.sent },
    children: [...children.values()],
    puskesosLoad,
    suppressed: false,
  };
}

const STATS_CSV_COLUMNS = ['section', 'metric', 'key', 'area_code', 'area_name', 'value', 'section_code', 'metric_code', 'key_code'] as const;

/** The name of a coded detail of a figure (a status, a sector, a decile band) in `locale`. */
function detailLabel(section: string, metric: string, key: string, locale: Locale): string {
  if (metric === 'by_desil') return key === 'none' ? t(locale, 'stats.desil.none') : t(locale, 'stats.desil.band', { band: key });
  if (metric === 'by_sector' || metric === 'by_sector_open') return caseCodeLabel('sector', key, locale);
  if (metric !== 'by_status') return key;
  if (section === 'residents') return codeLabel('registry_status', key, locale);
  if (section === 'cases') return CASE_STATUS_LIST.find((x) => x.code === key)?.[locale] ?? key;
  if (section === 'referrals') return t(locale, `referral.status.${key}`);
  if (section === 'proposals') return t(locale, `stats.proposal_status.${key}`);
  return key;
}

/**
 * The same figures as one long table (one figure per row), for reporting upward: a
 * spreadsheet pivots it. Headers, sections, figures and coded details in the reader's
 * language; the last three columns keep their codes for a program that reads the file in any
 * language (a partner's or a kecamatan's name is a detail with no code).
 */
function statsCsv(s: StatsOverview, locale: Locale): string {
  const rows: Array<Array<string | number | null>> = [];
  const at = (section: string, metric: string, key: string, value: number | string | null, where: { code: string; name: string } = s.area) => {
    const coded = key !== '' && (metric.startsWith('by_'));
    rows.push([
      t(locale, `stats.csv.section.${section}`), t(locale, `stats.csv.metric.${metric}`), coded ? detailLabel(section, metric, key, locale) : key,
      where.code, where.name, value, section, metric, coded ? key : '',
    ]);
  };

  at('meta', 'generated_at', '', s.generatedAt);
  at('meta', 'period_from', '', s.period.from);
  at('meta', 'period_to', '', s.period.to);
  at('residents', 'total', '', s.residents.total);
  at('residents', 'active', '', s.residents.active);
  for (const [k, v] of Object.entries(s.residents.byStatus)) at('residents', 'by_status', k, v);
  for (const [k, v] of Object.entries(s.residents.byDesil)) at('residents', 'by_desil', k, v);

  at('cases', 'total', '', s.cases.total);
  at('cases', 'open', '', s.cases.open);
  for (const [k, v] of Object.entries(s.cases.byStatus)) at('cases', 'by_status', k, v);
  for (const x of s.cases.bySector) at('cases', 'by_sector', x.sector, x.total);
  for (const x of s.cases.bySector) at('cases', 'by_sector_open', x.sector, x.open);
  at('cases', 'overdue', '', s.cases.overdue);
  at('cases', 'fast_track', '', s.cases.fastTrack);
  at('cases', 'fast_track_open', '', s.cases.fastTrackOpen);
  at('cases', 'escalated_open', '', s.cases.escalatedOpen);
  at('cases', 'median_days_to_first_action', '', s.cases.medianDaysToFirstAction);
  at('cases', 'median_days_to_close', '', s.cases.medianDaysToClose);

  at('referrals', 'total', '', s.referrals.total);
  at('referrals', 'open', '', s.referrals.open);
  for (const [k, v] of Object.entries(s.referrals.byStatus)) at('referrals', 'by_status', k, v);
  at('referrals', 'acceptance_rate', '', s.referrals.acceptanceRate);
  at('referrals', 'median_days_to_accept', '', s.referrals.medianDaysToAccept);
  at('referrals', 'median_days_to_complete', '', s.referrals.medianDaysToComplete);
  at('referrals', 'overdue', '', s.referrals.overdue);
  for (const p of s.referrals.partners) {
    at('partner', 'sent', p.name, p.sent);
    at('partner', 'accepted', p.name, p.accepted);
    at('partner', 'completed', p.name, p.completed);
    at('partner', 'declined', p.name, p.declined);
    at('partner', 'open', p.name, p.open);
    at('partner', 'overdue', p.name, p.overdue);
    at('partner', 'acceptance_rate', p.name, p.acceptanceRate);
  }

  at('proposals', 'total', '', s.proposals.total);
  at('proposals', 'in_progress', '', s.proposals.inProgress);
  for (const [k, v] of Object.entries(s.proposals.byStatus)) at('proposals', 'by_status', k, v);
  at('proposals', 'waiting_national', '', s.proposals.waitingNational);

  for (const c of s.children) {
    // the metric's code is the field's name in snake case (`casesTotal` -> `cases_total`)
    for (const field of STATS_CHILD_COUNTS) at(`child_${s.childLevel ?? 'area'}`, field.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`), '', c[field], c);
  }

  for (const l of s.puskesosLoad) {
    at('puskesos_load', 'officers', l.kecamatanName, l.officers, l);
    at('puskesos_load', 'open_cases', l.kecamatanName, l.openCases, l);
    at('puskesos_load', 'overdue', l.kecamatanName, l.overdue, l);
    at('puskesos_load', 'cases_per_officer', l.kecamatanName, l.casesPerOfficer, l);
    at('puskesos_load', 'overdue_share', l.kecamatanName, l.overdueShare, l);
  }
  return csvDocument(STATS_CSV_COLUMNS.map((c) => t(locale, `stats.csv.header.${c}`)), rows);
}

/** The CSV report of an area; one audit event (who took which area's figures out, when). */
export async function statsCsvExport(
  deps: Deps, ctx: RequestContext, input: string | undefined, range: { from?: string | undefined; to?: string | undefined } = {}, locale: Locale = ctx.locale,
): Promise<{ fileName: string; csv: string }> {
  const overview = await statsOverview(deps, ctx, input, range);
  await ctx.auditRead({
    action: 'stats.export', recordType: 'stats', recordIds: [], purpose: 'stats.report',
    details: { area: overview.area.code, format: 'csv', from: overview.period.from, to: overview.period.to },
  });
  return { fileName: `dasbor-${overview.area.code.replace(/\./g, '')}-${overview.period.from}-${overview.period.to}.csv`, csv: statsCsv(overview, locale) };
}

/** The background task that folds the resident counts' appended changes (see migration 0190). */
export async function foldResidentCounts(deps: Deps): Promise<number> {
  return deps.db.transaction((tx) => q.foldPersonCounts(tx));
}
