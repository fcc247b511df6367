import type { Db, Tx } from './database.ts';

/**
 * Transaction shapes the services use beside a plain `db.transaction`: a savepoint that undoes
 * part of a transaction when its work throws, and a read-only snapshot whose reads all see one
 * moment of the database.
 */

/**
 * Runs `fn` under a savepoint of `tx`: when `fn` throws, its changes are rolled back to the
 * savepoint and the error rethrown, leaving the rest of the transaction usable.
 */
export async function withSavepoint<T>(tx: Tx, name: string, fn: () => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad savepoint name ${name}`);
  await tx.query(`SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    // the first error is the one to tell; a failed rollback leaves the transaction to fail whole
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
    throw err;
  }
  await tx.query(`RELEASE SAVEPOINT ${name}`);
  return result;
}

/** Runs `fn` in a read-only REPEATABLE READ transaction: every read sees one snapshot. */
export function inSnapshot<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return fn(tx);
  });
}
