import type { EquityMetric, Locale } from '@slrt/core';

/** Number formats of the Puskesos pages, in the UI language. */
export function formats(locale: Locale) {
  const tag = locale === 'id' ? 'id-ID' : 'en-GB';
  const whole = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  return {
    n: (v: number) => whole.format(v),
    rupiah: (v: number) => `Rp ${whole.format(v)}`,
    dec: (v: number) => dec.format(v),
    pct: (v: number) => pct.format(v),
  };
}
export type Formats = ReturnType<typeof formats>;

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
