/**
 * The period of a statistic or export (`from`..`to`, inclusive local dates) and the time zone
 * its days are read in. Every count over time takes it from `periodFor` (http/period.ts),
 * and its SQL from `inPeriodSql`, so that a day means the same in every report.
 */
export interface Period {
  from: string;
  to: string;
  timeZone: string;
}

/** SQL: `col` (a timestamptz) falls on a local day of the period. `add` binds a parameter and answers its placeholder. */
export function inPeriodSql(col: string, period: Period, add: (value: unknown) => string): string {
  const tz = add(period.timeZone);
  return `${col} >= (${add(period.from)}::date::timestamp AT TIME ZONE ${tz}) AND ${col} < ((${add(period.to)}::date + 1)::timestamp AT TIME ZONE ${tz})`;
}
