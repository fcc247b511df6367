import { isSmallCount, shownNumber, suppressSmallCounts, type CountGroup } from '../stats/suppression.ts';
import type { EquityRow, EquityView } from './equity.ts';

/**
 * The equity view as a reader without personal-data access (the executive, the village head)
 * sees it (UU 27/2022, issue 17 item 8): a village's or kecamatan's case count of 1-4 as '<5',
 * and the village counts that would let a reader compute it from the kecamatan's total as 'x'.
 * Figures computed from a hidden count (funding per case, cases per officer, the median days to
 * the first action) are null, and so is the share of referrals met over 1-4 closed referrals
 * (1 of 2 met names what happened to a resident). Funding, population and officers are not
 * residents' data and stay. Pure.
 */
export function suppressEquityView(view: EquityView, referralsClosed: ReadonlyMap<string, number>): EquityView {
  const n = (c: EquityRow['cases']): number => {
    if (typeof c !== 'number') throw new Error('suppressEquityView: the view is already suppressed');
    return c;
  };
  const cells = new Map<string, number>();
  for (const v of view.villages) cells.set(`v.${v.code}`, n(v.cases));
  for (const k of view.kecamatan) cells.set(`k.${k.code}`, n(k.cases));
  // a kecamatan's row adds up its villages shown in the same view
  const groups: CountGroup[] = view.kecamatan
    .map((k) => ({ total: `k.${k.code}`, parts: view.villages.filter((v) => v.kecamatanCode === k.code).map((v) => `v.${v.code}`) }))
    .filter((g) => g.parts.length > 0);
  const shown = suppressSmallCounts(cells, groups);
  const row = (r: EquityRow, key: string): EquityRow => {
    const cases = shown.get(key)!;
    const exact = shownNumber(cases) !== null;
    const closed = referralsClosed.get(r.code) ?? 0;
    return {
      ...r,
      cases,
      fundingPerCase: exact ? r.fundingPerCase : null,
      casesPerOfficer: exact ? r.casesPerOfficer : null,
      medianDaysToFirstAction: exact ? r.medianDaysToFirstAction : null,
      referralsMet: isSmallCount(closed) ? null : r.referralsMet,
    };
  };
  return {
    ...view,
    villages: view.villages.map((v) => row(v, `v.${v.code}`)),
    kecamatan: view.kecamatan.map((k) => row(k, `k.${k.code}`)),
    suppressed: true,
  };
}
