import { intlTag, villageKind } from '@slrt/core';
import type { Locale, ShownCount, StatsArea } from '@slrt/core';
import type { Translate } from '../../i18n/i18n.tsx';
import { numberFormats } from '../../i18n/number-format.ts';
import { formatDate } from '../registry/format.ts';

/** How the dashboard writes its figures: numbers, dates, area titles, and the counts a bar can draw. */

export type T = Translate<'stats'>;

export function formats(locale: Locale) {
  const numbers = numberFormats(locale);
  const time = new Intl.DateTimeFormat(intlTag(locale), { hour: '2-digit', minute: '2-digit' });
  return {
    date: (ymd: string) => formatDate(ymd, locale),
    /** A count; for a reader without personal-data access a hidden one shows its marker (`<5`, `x`). */
    n: (v: ShownCount) => (typeof v === 'number' ? numbers.n(v) : v),
    dec: (v: number) => numbers.dec(v, 1),
    time: (iso: string) => time.format(new Date(iso)),
  };
}

export function areaTitle(t: T, a: StatsArea): string {
  switch (a.level) {
    case 'kecamatan':
      return t('area.kecamatan', { name: a.name });
    case 'village':
      return villageKind(a.code) === 'kelurahan' ? t('area.kelurahan', { name: a.name }) : t('area.desa', { name: a.name });
    case 'kabupaten':
    case 'province':
      return a.name;
  }
}

/** A count for drawing a bar: a hidden count draws nothing (its size is what is hidden). */
export const amount = (v: ShownCount) => (typeof v === 'number' ? v : 0);
/** True when a count is above zero (a small hidden count is; a complement may not be). */
export const positive = (v: ShownCount) => v === '<5' || (typeof v === 'number' && v > 0);

export const drillTo = (code: string) => `/dasbor?wilayah=${code}`;

export type Formats = ReturnType<typeof formats>;
