import { CASE_STATUSES } from '../case/case-state.ts';
import { PROPOSAL_STATUSES } from '../proposal/proposal-state.ts';
import { REFERRAL_STATUSES } from '../referral/referral-state.ts';
import type { StatsOverview } from './stats.ts';
import { PROPOSALS_IN_PROGRESS } from './stats-codes.ts';
import { suppressSmallCounts, type CountGroup, type Counted, type ShownCount } from './suppression.ts';

/**
 * The dashboard as a reader without personal-data access sees it: every count of residents,
 * cases, referrals and proposals through `suppressSmallCounts`, with the sums a reader could
 * use as groups (status breakdowns, the child areas' columns, the partners' columns). A rate or
 * a ratio whose inputs are hidden is withheld (null); medians of a section whose total is
 * hidden too. Officer counts are not about residents and stay as they are.
 */

const OPEN_CASE = CASE_STATUSES.filter((s) => s !== 'resolved' && s !== 'closed');
const OPEN_REFERRAL = ['sent', 'accepted', 'in_service'] as const;

/** One count of the view: its key, value, and where the shown value goes. */
interface Cell {
  key: string;
  value: number;
  put: (v: ShownCount) => void;
}

export function suppressStatsOverview(input: Counted<StatsOverview>): StatsOverview {
  // a deep copy (plain JSON data): the counted figures stay as they were
  const o = JSON.parse(JSON.stringify(input)) as StatsOverview;
  const cells: Cell[] = [];
  const groups: CountGroup[] = [];
  const add = (key: string, value: ShownCount, put: (v: ShownCount) => void) => {
    if (typeof value !== 'number') throw new Error(`suppressStatsOverview: ${key} is already suppressed`);
    cells.push({ key, value, put });
    return key;
  };
  const record = <K extends string>(prefix: string, obj: Record<K, ShownCount>, keys: readonly K[]) =>
    keys.map((k) => add(`${prefix}.${k}`, obj[k], (v) => { obj[k] = v; }));

  const r = o.residents;
  add('residents.total', r.total, (v) => { r.total = v; });
  add('residents.active', r.active, (v) => { r.active = v; });
  const status = record('residents.byStatus', r.byStatus, Object.keys(r.byStatus) as Array<keyof typeof r.byStatus>);
  const desil = record('residents.byDesil', r.byDesil, Object.keys(r.byDesil) as Array<keyof typeof r.byDesil>);
  groups.push({ total: 'residents.total', parts: status }, { total: 'residents.active', parts: desil });
  groups.push({ total: 'residents.total', parts: ['residents.active', 'residents.byStatus.inactive'] });

  const c = o.cases;
  add('cases.total', c.total, (v) => { c.total = v; });
  add('cases.open', c.open, (v) => { c.open = v; });
  for (const k of ['overdue', 'fastTrack', 'fastTrackOpen', 'escalatedOpen'] as const) add(`cases.${k}`, c[k], (v) => { c[k] = v; });
  groups.push({ total: 'cases.total', parts: record('cases.byStatus', c.byStatus, CASE_STATUSES) });
  groups.push({ total: 'cases.open', parts: OPEN_CASE.map((s) => `cases.byStatus.${s}`) });
  c.bySector.forEach((s, i) => {
    add(`cases.bySector.${i}.total`, s.total, (v) => { s.total = v; });
    add(`cases.bySector.${i}.open`, s.open, (v) => { s.open = v; });
  });

  const f = o.referrals;
  add('referrals.total', f.total, (v) => { f.total = v; });
  add('referrals.open', f.open, (v) => { f.open = v; });
  add('referrals.overdue', f.overdue, (v) => { f.overdue = v; });
  groups.push({ total: 'referrals.total', parts: record('referrals.byStatus', f.byStatus, REFERRAL_STATUSES) });
  groups.push({ total: 'referrals.open', parts: OPEN_REFERRAL.map((s) => `referrals.byStatus.${s}`) });
  const partnerColumns = { sent: 'referrals.total', open: 'referrals.open', overdue: 'referrals.overdue', completed: 'referrals.byStatus.completed', declined: 'referrals.byStatus.declined' } as const;
  f.partners.forEach((p, i) => {
    for (const k of ['sent', 'accepted', 'completed', 'declined', 'open', 'overdue'] as const) add(`partners.${i}.${k}`, p[k], (v) => { p[k] = v; });
  });
  if (f.partners.length > 0) {
    for (const [k, total] of Object.entries(partnerColumns)) groups.push({ total, parts: f.partners.map((_, i) => `partners.${i}.${k}`) });
  }

  const p = o.proposals;
  add('proposals.total', p.total, (v) => { p.total = v; });
  add('proposals.inProgress', p.inProgress, (v) => { p.inProgress = v; });
  add('proposals.waitingNational', p.waitingNational, (v) => { p.waitingNational = v; });
  groups.push({ total: 'proposals.total', parts: record('proposals.byStatus', p.byStatus, PROPOSAL_STATUSES) });
  groups.push({ total: 'proposals.inProgress', parts: PROPOSALS_IN_PROGRESS.map((s) => `proposals.byStatus.${s}`) });
  groups.push({ total: 'proposals.waitingNational', parts: ['proposals.byStatus.sent'] });

  const childColumns = {
    residents: 'residents.total', casesTotal: 'cases.total', casesOpen: 'cases.open', casesOverdue: 'cases.overdue',
    fastTrackOpen: 'cases.fastTrackOpen', referralsTotal: 'referrals.total', referralsOpen: 'referrals.open',
    referralsOverdue: 'referrals.overdue', proposalsInProgress: 'proposals.inProgress',
  } as const;
  o.children.forEach((row, i) => {
    for (const k of Object.keys(childColumns) as Array<keyof typeof childColumns>) add(`children.${i}.${k}`, row[k], (v) => { row[k] = v; });
  });
  if (o.children.length > 0) {
    for (const [k, total] of Object.entries(childColumns)) groups.push({ total, parts: o.children.map((_, i) => `children.${i}.${k}`) });
  }
  o.puskesosLoad.forEach((l, i) => {
    add(`load.${i}.openCases`, l.openCases, (v) => { l.openCases = v; });
    add(`load.${i}.overdue`, l.overdue, (v) => { l.overdue = v; });
  });

  const shown = suppressSmallCounts(new Map(cells.map((x) => [x.key, x.value])), groups);
  for (const x of cells) x.put(shown.get(x.key) ?? x.value);

  const isHidden = (...vs: ShownCount[]) => vs.some((v) => typeof v !== 'number');
  if (isHidden(c.total)) {
    c.medianDaysToFirstAction = null;
    c.medianDaysToClose = null;
  }
  if (isHidden(f.total, f.byStatus.declined)) {
    f.acceptanceRate = null;
    f.medianDaysToAccept = null;
    f.medianDaysToComplete = null;
  }
  for (const x of f.partners) if (isHidden(x.accepted, x.declined, x.sent)) x.acceptanceRate = null;
  for (const l of o.puskesosLoad) {
    if (isHidden(l.openCases)) l.casesPerOfficer = null;
    if (isHidden(l.openCases, l.overdue)) l.overdueShare = null;
  }
  o.suppressed = true;
  return o;
}
