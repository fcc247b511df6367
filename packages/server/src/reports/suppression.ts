import { suppressSmallCounts, type CountGroup, type MonthlyReport, type ShownCount } from '@slrt/core';

/**
 * The monthly report as a reader without personal-data access (village head, executive) sees
 * it: every count about residents (cases, referrals, usulan; per village too) through core's
 * `suppressSmallCounts`, with the sums a reader could use as groups. Medians of a section whose
 * total is hidden are withheld. Capacity, funding and outreach are not about residents and
 * stay as they are; of the assistance ledger, the counts are suppressed and the values stay.
 */

type Cells = { [key: string]: ShownCount };

export function suppressReport(input: MonthlyReport): MonthlyReport {
  const o: MonthlyReport = structuredClone(input);
  const cells = new Map<string, number>();
  const puts = new Map<string, (v: ShownCount) => void>();
  const groups: CountGroup[] = [];
  const add = (key: string, value: ShownCount, put: (v: ShownCount) => void) => {
    if (typeof value !== 'number') throw new Error(`suppressReport: ${key} is already suppressed`);
    cells.set(key, value);
    puts.set(key, put);
    return key;
  };
  const record = (prefix: string, obj: Cells): string[] =>
    Object.entries(obj).map(([k, value]) => add(`${prefix}.${k}`, value, (v) => { obj[k] = v; }));

  const c = o.cases;
  add('cases.registered', c.registered, (v) => { c.registered = v; });
  add('cases.resolved', c.resolved, (v) => { c.resolved = v; });
  add('cases.closed', c.closed, (v) => { c.closed = v; });
  add('cases.openAtEnd', c.openAtEnd, (v) => { c.openAtEnd = v; });
  groups.push({ total: 'cases.registered', parts: record('cases.byDecision', c.byDecision) });
  c.bySector.forEach((s, i) => add(`cases.bySector.${i}`, s.registered, (v) => { s.registered = v; }));

  const r = o.referrals;
  add('referrals.sent', r.sent, (v) => { r.sent = v; });
  groups.push({ total: 'referrals.sent', parts: record('referrals.byResult', r.byResult) });
  const partnerSent = r.byPartner.map((p, i) => {
    add(`referrals.partner.${i}.completed`, p.completed, (v) => { p.completed = v; });
    add(`referrals.partner.${i}.declined`, p.declined, (v) => { p.declined = v; });
    return add(`referrals.partner.${i}.sent`, p.sent, (v) => { p.sent = v; });
  });
  groups.push({ total: 'referrals.sent', parts: partnerSent });

  const p = o.proposals;
  add('proposals.entered', p.entered, (v) => { p.entered = v; });
  add('proposals.approved', p.approved, (v) => { p.approved = v; });
  add('proposals.rejected', p.rejected, (v) => { p.rejected = v; });
  groups.push({ total: 'proposals.entered', parts: record('proposals.byType', p.byType) });

  // households receiving assistance are residents: deliveries and households are counts about them
  const a = o.assistance;
  add('assistance.deliveries', a.deliveries, (v) => { a.deliveries = v; });
  add('assistance.households', a.households, (v) => { a.households = v; });
  groups.push({ total: 'assistance.deliveries', parts: a.bySource.map((s, i) => add(`assistance.${i}.deliveries`, s.deliveries, (v) => { s.deliveries = v; })) });
  a.bySource.forEach((s, i) => add(`assistance.${i}.households`, s.households, (v) => { s.households = v; }));

  const villageCol = (col: 'cases' | 'referrals' | 'proposals', total: string) => {
    groups.push({ total, parts: o.villages.map((row, i) => add(`villages.${i}.${col}`, row[col], (v) => { row[col] = v; })) });
  };
  villageCol('cases', 'cases.registered');
  villageCol('referrals', 'referrals.sent');
  villageCol('proposals', 'proposals.entered');

  const shown = suppressSmallCounts(cells, groups);
  let any = false;
  for (const [key, value] of shown) {
    if (typeof value !== 'number') any = true;
    puts.get(key)?.(value);
  }
  if (typeof c.registered !== 'number') {
    c.medianDaysToFirstAction = null;
    c.medianDaysToClose = null;
  }
  o.suppressed = any;
  return o;
}
