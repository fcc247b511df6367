import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';

/** SQL of the demo directory (demo mode only). */

/** Updates the row of `table` matching `match` with `values`, or inserts it; answers its id. */
export async function upsert(tx: Tx, table: string, match: Record<string, unknown>, values: Record<string, unknown>, jsonb: readonly string[] = []): Promise<string> {
  const keys = Object.keys(match);
  const found = await tx.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE ${keys.map((k, i) => `${k} = $${i + 1}`).join(' AND ')}`, Object.values(match));
  const cols = Object.keys(values);
  const cast = (c: string, i: number) => `$${i}${jsonb.includes(c) ? '::jsonb' : ''}`;
  const vals = cols.map((c) => (jsonb.includes(c) ? JSON.stringify(values[c]) : values[c]));
  if (found.rows[0]) {
    const id = found.rows[0].id;
    await tx.query(`UPDATE ${table} SET ${cols.map((c, i) => `${c} = ${cast(c, i + 2)}`).join(', ')} WHERE id = $1`, [id, ...vals]);
    return id;
  }
  const id = newId();
  const all = ['id', ...keys, ...cols];
  await tx.query(
    `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map((c, i) => cast(c, i + 1)).join(', ')})`,
    [id, ...Object.values(match), ...vals],
  );
  return id;
}
