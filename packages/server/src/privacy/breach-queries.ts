import type { Queryable } from '../db/database.ts';
import type { Col, Cols, Count } from '../db/rows.ts';

/** SQL of the breach register. */

export type BreachRow = Cols<'breaches',
  | 'id' | 'kab_code' | 'title' | 'description' | 'found_at' | 'occurred_from' | 'occurred_to' | 'data_categories' | 'cause' | 'measures'
  | 'persons_affected' | 'notify_due_at' | 'authority_notified_at' | 'persons_notified_at'> & { account: Col<'users', 'username'> | null };

const COLUMNS = `b.id, b.kab_code, b.title, b.description, b.found_at, b.occurred_from, b.occurred_to, b.data_categories, b.cause, b.measures,
  u.username AS account, b.persons_affected, b.notify_due_at, b.authority_notified_at, b.persons_notified_at`;

export async function selectUserByUsername(q: Queryable, kabCode: string, username: string): Promise<Cols<'users', 'id'> | undefined> {
  const { rows } = await q.query<Cols<'users', 'id'>>('SELECT id FROM users WHERE kab_code = $1 AND username = $2', [kabCode, username]);
  return rows[0];
}

export async function insertBreach(q: Queryable, b: {
  id: string; kabCode: string; title: string; description: string; foundAt: Date; occurredFrom: Date | null; occurredTo: Date | null;
  dataCategories: readonly string[]; cause: string; measures: string; accountUserId: string | null; notifyDueAt: Date; userId: string;
}): Promise<void> {
  await q.query(
    `INSERT INTO breaches (id, kab_code, title, description, found_at, occurred_from, occurred_to, data_categories, cause, measures, account_user_id, notify_due_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [b.id, b.kabCode, b.title, b.description, b.foundAt, b.occurredFrom, b.occurredTo, b.dataCategories, b.cause, b.measures, b.accountUserId, b.notifyDueAt, b.userId],
  );
}

/**
 * The persons an account's reads touched in a period, from the audit trail (the subjects of its
 * events, and person ids named in person events), recorded as affected. Returns their number.
 */
export async function insertAffectedFromAudit(q: Queryable, breachId: string, kabCode: string, accountId: string, from: Date, to: Date): Promise<number> {
  await q.query(
    `INSERT INTO breach_persons (breach_id, kab_code, person_id)
     SELECT $1, $2, p.id FROM persons p WHERE p.kab_code = $2 AND p.id::text IN (
       SELECT jsonb_array_elements_text(e.details -> 'subjects' -> 'persons') FROM audit_events e
         WHERE e.kab_code = $2 AND e.actor_id = $3 AND e.at BETWEEN $4 AND $5 AND e.details ? 'subjects'
       UNION
       SELECT unnest(e.record_ids) FROM audit_events e
         WHERE e.kab_code = $2 AND e.actor_id = $3 AND e.at BETWEEN $4 AND $5 AND e.record_type = 'person')
     ON CONFLICT DO NOTHING`,
    [breachId, kabCode, accountId, from, to],
  );
  const { rows } = await q.query<Count>(
    'UPDATE breaches SET persons_affected = (SELECT count(*) FROM breach_persons WHERE breach_id = $1) WHERE id = $1 RETURNING persons_affected AS n',
    [breachId],
  );
  return rows[0]?.n ?? 0;
}

export async function selectBreach(q: Queryable, kabCode: string, id: string): Promise<BreachRow | undefined> {
  const { rows } = await q.query<BreachRow>(`SELECT ${COLUMNS} FROM breaches b LEFT JOIN users u ON u.id = b.account_user_id WHERE b.id = $1 AND b.kab_code = $2`, [id, kabCode]);
  return rows[0];
}

export async function selectBreaches(q: Queryable, kabCode: string, page: { limit: number; offset: number }): Promise<BreachRow[]> {
  const { rows } = await q.query<BreachRow>(
    `SELECT ${COLUMNS} FROM breaches b LEFT JOIN users u ON u.id = b.account_user_id WHERE b.kab_code = $1
     ORDER BY (b.authority_notified_at IS NULL OR b.persons_notified_at IS NULL) DESC, b.found_at DESC, b.id LIMIT $2 OFFSET $3`,
    [kabCode, page.limit + 1, page.offset],
  );
  return rows;
}

export async function markNotified(q: Queryable, id: string, recipient: 'authority' | 'persons'): Promise<void> {
  const column = recipient === 'authority' ? 'authority_notified_at' : 'persons_notified_at';
  await q.query(`UPDATE breaches SET ${column} = coalesce(${column}, now()) WHERE id = $1`, [id]);
}

/** The village is a foreign key: its name is always there, though read through an outer join. */
type AffectedPerson = Cols<'persons', 'id' | 'full_name' | 'village_code'> & { village_name: Col<'areas', 'name'> };

export async function selectAffectedPersons(q: Queryable, breachId: string): Promise<AffectedPerson[]> {
  const { rows } = await q.query<AffectedPerson>(
    `SELECT p.id, p.full_name, p.village_code, a.name AS village_name FROM breach_persons bp JOIN persons p ON p.id = bp.person_id
     LEFT JOIN areas a ON a.code = p.village_code WHERE bp.breach_id = $1 ORDER BY p.village_code, p.full_name, p.id`,
    [breachId],
  );
  return rows;
}
