import { OFFICER_ACCOUNT_ROLES, type OfficerPosition, type Permission } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { Col, Cols, VillageNames, With } from '../db/rows.ts';

/**
 * SQL of the people of a Puskesos (officers) and of handovers, including the handover's
 * snapshot of what the village has open (cases, referrals, proposals): counts and reference
 * codes only, never a resident's name or NIK.
 */

export type OfficerRow = With<Cols<'puskesos_officers',
  | 'id' | 'kab_code' | 'village_code' | 'user_id' | 'name' | 'position' | 'decree_number' | 'decree_date' | 'start_date' | 'end_date'
  | 'paid' | 'monthly_honorarium'>, { position: OfficerPosition }> & {
  /** The linked account (joined on read; absent on a row built for insert). */
  account_username?: Col<'users', 'username'> | null;
  account_display_name?: Col<'users', 'display_name'> | null;
};

const officerCols = (t: string) => `${t}.id, ${t}.kab_code, ${t}.village_code, ${t}.user_id, ${t}.name, ${t}.position, ${t}.decree_number,
  ${t}.decree_date::text AS decree_date, ${t}.start_date::text AS start_date, ${t}.end_date::text AS end_date, ${t}.paid, ${t}.monthly_honorarium`;
const accountCols = 'u.username AS account_username, u.display_name AS account_display_name';

export async function insertOfficer(tx: Tx, r: OfficerRow): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_officers (id, kab_code, village_code, user_id, name, position, decree_number, decree_date, start_date, end_date, paid, monthly_honorarium)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [r.id, r.kab_code, r.village_code, r.user_id, r.name, r.position, r.decree_number, r.decree_date, r.start_date, r.end_date, r.paid, r.monthly_honorarium],
  );
}

export async function updateOfficer(tx: Tx, id: string, r: Pick<OfficerRow, 'end_date' | 'paid' | 'monthly_honorarium' | 'decree_number' | 'decree_date' | 'user_id'>): Promise<void> {
  await tx.query(
    'UPDATE puskesos_officers SET end_date = $2, paid = $3, monthly_honorarium = $4, decree_number = $5, decree_date = $6, user_id = $7 WHERE id = $1',
    [id, r.end_date, r.paid, r.monthly_honorarium, r.decree_number, r.decree_date, r.user_id],
  );
}

/** Officers of villages inside `areaCode` (a village, kecamatan or kabupaten prefix) and the actor's scope. */
export async function selectOfficersIn(q: Queryable, actor: Actor, permission: Permission, areaCode: string): Promise<Array<OfficerRow & VillageNames>> {
  const p = new SqlParams();
  const { rows } = await q.query<OfficerRow & VillageNames>(
    `SELECT ${officerCols('o')}, ${accountCols}, a.name AS village_name, k.code AS kecamatan_code, k.name AS kecamatan_name
       FROM puskesos_officers o JOIN areas a ON a.code = o.village_code JOIN areas k ON k.code = a.parent_code LEFT JOIN users u ON u.id = o.user_id
      WHERE (o.village_code = ${p.add(areaCode)} OR o.village_code LIKE ${p.add(`${areaCode}.%`)})
        AND ${areaScopeSql(actor, permission, p, { kab: 'o.kab_code', village: 'o.village_code' })}
      ORDER BY o.village_code, o.end_date IS NOT NULL, o.position, o.name`,
    p.values,
  );
  return rows;
}

export async function selectOfficer(q: Queryable, actor: Actor, permission: Permission, id: string, lock = false): Promise<OfficerRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<OfficerRow>(
    `SELECT ${officerCols('o')}, ${accountCols} FROM puskesos_officers o LEFT JOIN users u ON u.id = o.user_id
      WHERE o.id = ${p.add(id)} AND ${areaScopeSql(actor, permission, p, { kab: 'o.kab_code', village: 'o.village_code' })}${lock ? ' FOR UPDATE OF o' : ''}`,
    p.values,
  );
  return rows[0] ?? null;
}

/**
 * Active accounts an officer of this village may be linked to: a role on the village itself or on
 * its kecamatan (a TKSK or a supervisor serving the village), never a partner's (their scope is an
 * organization); village accounts first.
 */
export type AccountRow = Cols<'users', 'id' | 'username' | 'display_name'> & { level: 'village' | 'kecamatan'; roles: Col<'user_roles', 'role'>[] };

export async function selectAccountsFor(q: Queryable, kabCode: string, villageCode: string, userId?: string): Promise<AccountRow[]> {
  const kecamatan = villageCode.split('.').slice(0, 3).join('.');
  const { rows } = await q.query<AccountRow>(
    `SELECT u.id, u.username, u.display_name,
            CASE WHEN bool_or(r.area_code = $2) THEN 'village' ELSE 'kecamatan' END AS level,
            array_agg(DISTINCT r.role ORDER BY r.role) AS roles
       FROM users u JOIN user_roles r ON r.user_id = u.id
      WHERE u.kab_code = $1 AND u.active AND r.area_code IN ($2, $3) AND r.role = ANY($4::text[])${userId ? ' AND u.id = $5' : ''}
      GROUP BY u.id, u.username, u.display_name
      ORDER BY 4 DESC, u.display_name, u.username`,
    userId ? [kabCode, villageCode, kecamatan, OFFICER_ACCOUNT_ROLES, userId] : [kabCode, villageCode, kecamatan, OFFICER_ACCOUNT_ROLES],
  );
  return rows;
}

/** The officers of a village linked to this account, for the one-account-one-active-officer rule. */
export async function selectOfficersOfUser(q: Queryable, villageCode: string, userId: string): Promise<OfficerRow[]> {
  const { rows } = await q.query<OfficerRow>(`SELECT ${officerCols('o')} FROM puskesos_officers o WHERE o.village_code = $1 AND o.user_id = $2`, [villageCode, userId]);
  return rows;
}

/** A user holding a role on exactly this village (an officer's account must belong there). */
export async function userOfVillage(q: Queryable, userId: string, villageCode: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM user_roles WHERE user_id = $1 AND area_code = $2 LIMIT 1', [userId, villageCode]);
  return rows.length > 0;
}

export type HandoverRow = Cols<'puskesos_handovers',
  | 'id' | 'kab_code' | 'village_code' | 'role' | 'outgoing_name' | 'incoming_name' | 'incoming_user_id' | 'snapshot'
  | 'outgoing_signed_name' | 'outgoing_signed_at' | 'incoming_signed_name' | 'incoming_signed_at' | 'created_at'> & { village_name: Col<'areas', 'name'> };

const HANDOVER_SELECT = `SELECT h.id, h.kab_code, h.village_code, a.name AS village_name, h.role, h.outgoing_name, h.incoming_name, h.incoming_user_id,
  h.snapshot, h.outgoing_signed_name, h.outgoing_signed_at, h.incoming_signed_name, h.incoming_signed_at, h.created_at
  FROM puskesos_handovers h JOIN areas a ON a.code = h.village_code`;

export async function insertHandover(tx: Tx, r: Omit<HandoverRow, 'village_name' | 'outgoing_signed_name' | 'outgoing_signed_at' | 'incoming_signed_name' | 'incoming_signed_at' | 'created_at'> & { created_by: string }): Promise<void> {
  await tx.query(
    `INSERT INTO puskesos_handovers (id, kab_code, village_code, role, outgoing_name, incoming_name, incoming_user_id, snapshot, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [r.id, r.kab_code, r.village_code, r.role, r.outgoing_name, r.incoming_name, r.incoming_user_id, JSON.stringify(r.snapshot), r.created_by],
  );
}

export async function selectHandovers(q: Queryable, villageCode: string): Promise<HandoverRow[]> {
  const { rows } = await q.query<HandoverRow>(`${HANDOVER_SELECT} WHERE h.village_code = $1 ORDER BY h.created_at DESC, h.id DESC`, [villageCode]);
  return rows;
}

export async function selectHandover(q: Queryable, actor: Actor, permission: Permission, id: string, lock = false): Promise<HandoverRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<HandoverRow>(
    `${HANDOVER_SELECT} WHERE h.id = ${p.add(id)} AND ${areaScopeSql(actor, permission, p, { kab: 'h.kab_code', village: 'h.village_code' })}${lock ? ' FOR UPDATE OF h' : ''}`,
    p.values,
  );
  return rows[0] ?? null;
}

/** Handovers to this user (the new koordinator's first screen), newest first. */
export async function selectHandoversTo(q: Queryable, userId: string): Promise<HandoverRow[]> {
  const { rows } = await q.query<HandoverRow>(`${HANDOVER_SELECT} WHERE h.incoming_user_id = $1 ORDER BY h.created_at DESC LIMIT 5`, [userId]);
  return rows;
}

export async function signHandover(tx: Tx, id: string, party: 'outgoing' | 'incoming', name: string): Promise<void> {
  const col = party === 'outgoing' ? 'outgoing' : 'incoming';
  await tx.query(`UPDATE puskesos_handovers SET ${col}_signed_name = $2, ${col}_signed_at = now() WHERE id = $1`, [id, name]);
}

/** What the village has open now, for a handover. */
export async function openWorkOf(q: Queryable, kabCode: string, villageCode: string, pendingProposal: readonly string[]) {
  const cases = await q.query<Cols<'cases', 'code' | 'status' | 'level' | 'registered_at'>>(
    `SELECT code, status, level, registered_at FROM cases
      WHERE kab_code = $1 AND village_code = $2 AND status NOT IN ('resolved', 'closed') ORDER BY registered_at`,
    [kabCode, villageCode],
  );
  const referrals = await q.query<Cols<'referrals', 'number' | 'status' | 'due_date'> & { organization: Col<'organizations', 'name'> }>(
    `SELECT r.number, r.status, o.name AS organization, r.due_date::text AS due_date FROM referrals r JOIN organizations o ON o.id = r.organization_id
      WHERE r.kab_code = $1 AND r.village_code = $2 AND r.status IN ('sent', 'accepted', 'in_service') ORDER BY r.due_date`,
    [kabCode, villageCode],
  );
  const proposals = await q.query<Cols<'proposals', 'code' | 'status' | 'type'>>(
    `SELECT code, status, type FROM proposals
      WHERE kab_code = $1 AND village_code = $2 AND status = ANY($3::text[]) ORDER BY code`,
    [kabCode, villageCode, pendingProposal],
  );
  return { cases: cases.rows, referrals: referrals.rows, proposals: proposals.rows };
}
