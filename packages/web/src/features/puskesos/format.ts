import type { EquityMetric } from '@slrt/core';
import { numberFormats, type NumberFormats } from '../../i18n/number-format.ts';

/** Number formats of the Puskesos pages, in the UI language. */
export const formats = numberFormats;
export type Formats = NumberFormats;

/** A metric's value as the equity view shows it; `none` for a figure that cannot be computed. */
export function metricText(f: Formats, metric: EquityMetric, v: number | null, none: string, days: (n: string) => string): string {
  if (v === null) return none;
  switch (metric) {
    case 'fundingPerResident':
    case 'fundingPerCase':
      return f.rupiah(v);
    case 'volunteersShare':
    case 'trainingCoverage':
    case 'referralsMet':
      return f.pct(v);
    case 'medianDaysToFirstAction':
      return days(f.dec(v));
    case 'officersPer1000':
    case 'facilitiesIndex':
    case 'casesPerOfficer':
      return f.dec(v);
  }
}
