import { FUNDING_SOURCES, kabCodeOf, type MonthlyReport } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import { selectBySourceBetween } from './assistance-queries.ts';

/**
 * The assistance ledger as the monthly report shows it: deliveries made on days `[from, until)`
 * to households of the area (a village, kecamatan or kabupaten code), by funding source, every
 * source listed (zero where nothing came from it). Counts are exact; the report suppresses.
 */
export async function assistanceOfPeriod(q: Queryable, areaCode: string, from: string, until: string): Promise<MonthlyReport['assistance']> {
  const parts = areaCode.split('.').length;
  const area = { kab: kabCodeOf(areaCode), prefix: parts === 3 ? areaCode : null, village: parts === 4 ? areaCode : null };
  const rows = await selectBySourceBetween(q, area, from, until);
  const whole = rows.find((r) => r.source === null);
  return {
    deliveries: whole?.deliveries ?? 0,
    households: whole?.households ?? 0,
    valueIdr: whole?.value_idr ?? 0,
    bySource: FUNDING_SOURCES.map((source) => {
      const r = rows.find((x) => x.source === source);
      return { source, deliveries: r?.deliveries ?? 0, households: r?.households ?? 0, valueIdr: r?.value_idr ?? 0 };
    }),
  };
}
