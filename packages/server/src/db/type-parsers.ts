/**
 * Explicit type mapping, the same for both engines (node-postgres and PGlite differ by
 * default): bigint and numeric -> number (our bigints are counters and sequence numbers, far
 * below 2^53), date -> 'YYYY-MM-DD' string (never a Date, so no time-zone shift under
 * TZ=Asia/Jakarta), timestamptz -> Date.
 */
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMPTZ: 1184, TIMESTAMP: 1114 } as const;

export const parsers: Record<number, (value: string) => unknown> = {
  [OID.INT8]: (v) => Number(v),
  [OID.NUMERIC]: (v) => Number(v),
  [OID.DATE]: (v) => v,
  [OID.TIMESTAMPTZ]: (v) => new Date(v),
};
