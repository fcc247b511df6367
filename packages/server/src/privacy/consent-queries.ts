import type { Queryable } from '../db/database.ts';
import type { Col, Cols, Exists, Joined } from '../db/rows.ts';

/** SQL of consents as the DPO handles them (recorded at intake in case_consents). */

export type ConsentRow = Cols<'case_consents',
  | 'id' | 'case_id' | 'kab_code' | 'purpose' | 'statement' | 'method' | 'given_at' | 'given_by' | 'guardian_name' | 'guardian_relationship'
  | 'withdrawn_at'> & { case_code: Col<'cases', 'code'> } & Cols<'cases', 'person_id' | 'village_code'>;

const COLUMNS = `x.id, x.case_id, c.code AS case_code, c.person_id, c.village_code, x.kab_code, x.purpose, x.statement, x.method, x.given_at, x.given_by,
  x.guardian_name, x.guardian_relationship, x.withdrawn_at`;

export async function selectConsentsOf(q: Queryable, personId: string): Promise<ConsentRow[]> {
  const { rows } = await q.query<ConsentRow>(
    `SELECT ${COLUMNS} FROM case_consents x JOIN cases c ON c.id = x.case_id WHERE c.person_id = $1 ORDER BY x.given_at DESC, x.id`,
    [personId],
  );
  return rows;
}

export async function selectConsent(q: Queryable, kabCode: string, id: string): Promise<ConsentRow | undefined> {
  const { rows } = await q.query<ConsentRow>(`SELECT ${COLUMNS} FROM case_consents x JOIN cases c ON c.id = x.case_id WHERE x.id = $1 AND x.kab_code = $2 FOR UPDATE OF x`, [id, kabCode]);
  return rows[0];
}

export async function markWithdrawn(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE case_consents SET withdrawn_at = now() WHERE id = $1 AND withdrawn_at IS NULL', [id]);
}

/** The case's photos kept only on the strength of the photo consent (house photos): their ids. */
export async function selectConsentPhotos(q: Queryable, caseId: string): Promise<string[]> {
  const { rows } = await q.query<Cols<'documents', 'id'>>(
    `SELECT id FROM documents WHERE owner_type = 'case' AND owner_id = $1 AND kind = 'house_photo' AND deleted_at IS NULL`, [caseId],
  );
  return rows.map((r) => r.id);
}

export type ConsentPartnerRow = { consent_id: Col<'case_consents', 'id'>; organization_id: Col<'organizations', 'id'>; organization_name: Col<'organizations', 'name'> }
  & Joined<Cols<'consent_partner_withdrawals', 'withdrawn_at'>>;

/**
 * For the person's share_with_partners consents: the partner organizations their case was
 * referred to (or whose sharing was withdrawn), with the withdrawal of each.
 */
export async function selectConsentPartners(q: Queryable, consentIds: readonly string[]): Promise<ConsentPartnerRow[]> {
  if (consentIds.length === 0) return [];
  const { rows } = await q.query<ConsentPartnerRow>(
    `SELECT x.id AS consent_id, o.id AS organization_id, o.name AS organization_name, w.withdrawn_at
     FROM case_consents x
     JOIN organizations o ON o.id IN (SELECT r.organization_id FROM referrals r WHERE r.case_id = x.case_id
                                      UNION SELECT w2.organization_id FROM consent_partner_withdrawals w2 WHERE w2.consent_id = x.id)
     LEFT JOIN consent_partner_withdrawals w ON w.consent_id = x.id AND w.organization_id = o.id
     WHERE x.id = ANY($1::uuid[]) AND x.purpose = 'share_with_partners'
     ORDER BY o.name, o.id`,
    [consentIds],
  );
  return rows;
}

/** Records the withdrawal of sharing with one partner; false when it was already withdrawn. */
export async function insertPartnerWithdrawal(q: Queryable, w: { consentId: string; organizationId: string; kabCode: string; note: string; userId: string }): Promise<boolean> {
  const res = await q.query(
    `INSERT INTO consent_partner_withdrawals (consent_id, organization_id, kab_code, note, withdrawn_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [w.consentId, w.organizationId, w.kabCode, w.note, w.userId],
  );
  return res.rowCount === 1;
}

export async function organizationExists(q: Queryable, kabCode: string, id: string): Promise<boolean> {
  const { rows } = await q.query<Exists>('SELECT EXISTS (SELECT 1 FROM organizations WHERE id = $1 AND kab_code = $2) AS ok', [id, kabCode]);
  return rows[0]?.ok === true;
}

/**
 * (Referrals' tables, written here so that privacy needs no import of the referrals domain,
 * which reaches the registry, which reads break-glass grants from privacy.)
 * Stops sharing a case's resident with one partner organization (or all, `organizationId` null)
 * after a consent withdrawal: those referrals share no personal field any more and their live
 * links are revoked. Returns the referrals narrowed and the links revoked.
 */
export async function stopSharing(tx: Queryable, caseId: string, organizationId: string | null, userId: string): Promise<{ referrals: string[]; links: number }> {
  const narrowed = await tx.query<Cols<'referrals', 'id'>>(
    `UPDATE referrals SET shared_fields = '{}' WHERE case_id = $1 AND ($2::uuid IS NULL OR organization_id = $2::uuid) AND cardinality(shared_fields) > 0 RETURNING id`,
    [caseId, organizationId],
  );
  const links = await tx.query(
    `UPDATE referral_links l SET revoked_at = now(), revoked_by = $3 FROM referrals r
     WHERE l.referral_id = r.id AND r.case_id = $1 AND ($2::uuid IS NULL OR r.organization_id = $2::uuid) AND l.revoked_at IS NULL`,
    [caseId, organizationId, userId],
  );
  return { referrals: narrowed.rows.map((r) => r.id), links: links.rowCount ?? 0 };
}
