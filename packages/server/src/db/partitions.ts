import { kabCodeOf } from '@slrt/core';
import type { Queryable } from './database.ts';

/**
 * The partitions of the kabupaten/kota an installation serves (`SLRT_KABUPATEN`), on every table
 * partitioned by `kab_code` (migrations 0198, 0199): made by the owner of the tables at start-up, after
 * the migrations; rows of a kabupaten written before its partition existed move into it. Other
 * codes (the province office's `3200`) stay in the DEFAULT partition. Returns how many it made.
 */
export async function ensureKabPartitions(owner: Queryable, kabupatenCodes: readonly string[]): Promise<number> {
  const { rows } = await owner.query<{ n: number }>('SELECT slrt_kab_partitions($1::text[]) AS n', [kabupatenCodes.map((c) => kabCodeOf(c))]);
  return rows[0]?.n ?? 0;
}
