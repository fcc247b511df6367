import { intlTag, type Locale } from '@slrt/core';

/**
 * How the web writes numbers in the UI language (`intlTag`): whole counts, decimals, shares and
 * Rupiah. Every page that shows figures takes them from here, so "1.234" and "Rp 1.234" read the
 * same on the dashboard, the Puskesos pages and the assistance ledger.
 */
export function numberFormats(locale: Locale) {
  const tag = intlTag(locale);
  const whole = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const decimals = [1, 2].map((digits) => new Intl.NumberFormat(tag, { maximumFractionDigits: digits }));
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  return {
    /** A count, rounded to a whole number. */
    n: (v: number) => whole.format(v),
    /** Up to `digits` decimals (1 or 2; 2 by default). */
    dec: (v: number, digits: 1 | 2 = 2) => (decimals[digits - 1] ?? whole).format(v),
    /** A share (0.25) as a percentage ("25%"). */
    pct: (v: number) => percent.format(v),
    /** An amount in Rupiah, whole ("Rp 1.250.000"). */
    rupiah: (v: number) => `Rp ${whole.format(v)}`,
  };
}
export type NumberFormats = ReturnType<typeof numberFormats>;
