/**
 * Proposals measured, not applied: wrappers that change one thing under the real app so that
 * the benchmark can say what a fix would buy before the owner of the code makes it.
 */
import type { Db, QueryResult } from '../../packages/server/src/db/database.ts';

const SESSION_LOOKUP = /FROM sessions s JOIN users u ON u\.id = s\.user_id/;
const TTL_MS = 30_000;

/**
 * The session lookup of every request (auth/queries.ts findSessionActor) answered from an
 * in-process cache for 30 s: one database round trip less per request. A real version would
 * drop the entry on logout, password change and role change in this process, and accept up
 * to 30 s of delay in other processes.
 */
export function sessionCachingDb(db: Db): Db {
  const cache = new Map<string, { at: number; result: QueryResult<unknown> }>();
  const query = async <R,>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> => {
    if (!SESSION_LOOKUP.test(sql)) return db.query<R>(sql, params);
    const key = String(params[0]);
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.result as QueryResult<R>;
    const result = await db.query<R>(sql, params);
    if (result.rows.length) cache.set(key, { at: Date.now(), result });
    return result;
  };
  return Object.assign(Object.create(Object.getPrototypeOf(db) as object) as Db, db, { query });
}

const CASE_SERIAL = /INSERT INTO case_code_counters/;

/**
 * The case tracking-code serial (cases/queries.ts nextCaseSerial) taken in its own short
 * transaction on a connection of its own instead of inside the intake transaction, so that
 * the counter row's lock is not held until the intake commits. A serial is lost when the
 * intake then fails (a gap in the month's numbers). `serials` is a separate small pool: taking
 * it from the pool the transactions hold would deadlock once every connection is in an intake.
 * PostgreSQL only: PGlite has one connection, so there the wrapper leaves the transaction alone.
 */
export function caseSerialOutsideTxDb(db: Db, serials: Db | null): Db {
  if (db.kind !== 'postgres' || !serials) return db;
  const transaction: Db['transaction'] = (fn) =>
    db.transaction((tx) => {
      const query = <R,>(sql: string, params: readonly unknown[] = []) => (CASE_SERIAL.test(sql) ? serials.query<R>(sql, params) : tx.query<R>(sql, params));
      return fn(Object.assign(Object.create(Object.getPrototypeOf(tx) as object) as typeof tx, tx, { query }));
    });
  return Object.assign(Object.create(Object.getPrototypeOf(db) as object) as Db, db, { transaction });
}
