import type { Tx } from '../db/database.ts';

/**
 * A case transferred to another village takes its referrals along: the
 * referring office sees a referral by its case's village, so the new Puskesos follows and
 * cancels them and the old one no longer reads the resident through them. Their events and
 * letters keep the village they happened in.
 */
export async function moveReferralsOfCase(tx: Tx, caseId: string, villageCode: string): Promise<number> {
  const r = await tx.query('UPDATE referrals SET village_code = $2 WHERE case_id = $1 AND village_code <> $2', [caseId, villageCode]);
  return r.rowCount;
}
