import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/** A change beside the case (a document) counts as a change of the case. */
export async function touchCase(tx: Tx, caseId: string) {
  await tx.query('UPDATE cases SET updated_at = now() WHERE id = $1', [caseId]);
}

/** Cases in the actor's area whose resident needs a registry proposal not yet opened. */
export async function selectCasesNeedingRegistryProposal(q: Queryable, actor: Actor) {
  const params = new SqlParams();
  const scope = areaScopeSql(actor, 'cases.read', params, { kab: 'c.kab_code', village: 'c.village_code' });
  const { rows } = await q.query<Cols<'cases', 'id' | 'person_id' | 'village_code'>>(
    `SELECT c.id, c.person_id, c.village_code FROM cases c WHERE c.needs_registry_proposal AND c.registry_proposal_id IS NULL AND ${scope} ORDER BY c.id`,
    params.values,
  );
  return rows;
}
