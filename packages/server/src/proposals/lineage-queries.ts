import type { ProposalStatus } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Cols, NotNull, With } from '../db/rows.ts';

/**
 * SQL of a proposal's lineage: its steps (append-only), its field visits, the registry changes it
 * made, and the versions of the registry records it depends on.
 */

export interface NewStep {
  kabCode: string;
  villageCode: string;
  proposalId: string;
  action: string;
  fromStatus: ProposalStatus | null;
  toStatus: ProposalStatus;
  actorId: string | null;
  actorName: string | null;
  reason?: string | null;
  verificationId?: string | null;
  details?: Record<string, unknown> | null;
}

export async function insertStep(q: Queryable, id: string, s: NewStep): Promise<void> {
  await q.query(
    `INSERT INTO proposal_steps (id, kab_code, village_code, proposal_id, action, from_status, to_status, actor_id, actor_name, reason, verification_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
    [id, s.kabCode, s.villageCode, s.proposalId, s.action, s.fromStatus, s.toStatus, s.actorId, s.actorName, s.reason ?? null,
      s.verificationId ?? null, s.details ? JSON.stringify(s.details) : null],
  );
}

export type StepRow = With<Cols<'proposal_steps',
  'id' | 'at' | 'action' | 'from_status' | 'to_status' | 'actor_id' | 'actor_name' | 'reason' | 'verification_id' | 'details'>,
  { from_status: ProposalStatus | null; to_status: ProposalStatus; details: Record<string, unknown> | null }>;

export async function selectSteps(q: Queryable, proposalId: string): Promise<StepRow[]> {
  const { rows } = await q.query<StepRow>(
    `SELECT id, at, action, from_status, to_status, actor_id, actor_name, reason, verification_id, details
     FROM proposal_steps WHERE proposal_id = $1 ORDER BY at, id`,
    [proposalId],
  );
  return rows;
}

/** Who took `action` on the proposal last (the four-eyes rule compares verifier and ratifier). */
export async function lastActorOf(q: Queryable, proposalId: string, action: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'proposal_steps', 'actor_id'>>(
    'SELECT actor_id FROM proposal_steps WHERE proposal_id = $1 AND action = $2 ORDER BY at DESC, id DESC LIMIT 1',
    [proposalId, action],
  );
  return rows[0]?.actor_id ?? null;
}

export interface NewVerification {
  id: string;
  kabCode: string;
  villageCode: string;
  proposalId: string;
  verifierId: string;
  verifierName: string;
  visitDate: string;
  metName: string;
  metRole: string;
  verdict: 'valid' | 'invalid';
  reason: string | null;
  items: unknown[];
  currentValues: Record<string, unknown> | null;
  recordVersions: Record<string, number>;
  gps: { lat: number; lon: number; accuracyM?: number | undefined } | null;
  landmark: string | null;
}

export async function insertVerification(q: Queryable, v: NewVerification): Promise<void> {
  await q.query(
    `INSERT INTO proposal_verifications (id, kab_code, village_code, proposal_id, verifier_id, verifier_name, visit_date, met_name, met_role,
       verdict, reason, items, current_values, record_versions, gps_lat, gps_lon, gps_accuracy_m, landmark)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15, $16, $17, $18)`,
    [v.id, v.kabCode, v.villageCode, v.proposalId, v.verifierId, v.verifierName, v.visitDate, v.metName, v.metRole, v.verdict, v.reason,
      JSON.stringify(v.items), v.currentValues ? JSON.stringify(v.currentValues) : null, JSON.stringify(v.recordVersions),
      v.gps?.lat ?? null, v.gps?.lon ?? null, v.gps?.accuracyM ?? null, v.landmark],
  );
}

export type VerificationRow = With<Cols<'proposal_verifications',
  | 'id' | 'verifier_name' | 'visit_date' | 'met_name' | 'met_role' | 'verdict' | 'reason' | 'items' | 'current_values' | 'gps_lat' | 'gps_lon'
  | 'gps_accuracy_m' | 'landmark' | 'created_at'>,
  { items: Array<{ field: string; confirmed: boolean; correctedValue?: unknown }>; current_values: Record<string, unknown> | null }>;

export async function selectVerifications(q: Queryable, proposalId: string): Promise<VerificationRow[]> {
  const { rows } = await q.query<VerificationRow>(
    `SELECT id, verifier_name, visit_date, met_name, met_role, verdict, reason, items, current_values, gps_lat, gps_lon, gps_accuracy_m, landmark, created_at
     FROM proposal_verifications WHERE proposal_id = $1 ORDER BY created_at DESC, id DESC`,
    [proposalId],
  );
  return rows;
}

/**
 * A registry change as the proposal's page shows it. The record id is claimed present: retention
 * clears it only on a redacted entry, which this page does not expect to meet.
 */
type RegistryChange = With<NotNull<Cols<'registry_history', 'id' | 'record_type' | 'record_id' | 'action' | 'at' | 'actor_name' | 'changes'>, 'record_id'>,
  { changes: Record<string, { old: unknown; new: unknown }> }>;

/** The registry changes this proposal (of kabupaten `kabCode`) made (registry_history with source proposal), oldest first. */
export async function selectRegistryChangesOf(q: Queryable, kabCode: string, proposalId: string) {
  const { rows } = await q.query<RegistryChange>(
    `SELECT id, record_type, record_id, action, at, actor_name, changes FROM registry_history
     WHERE kab_code = $2 AND source_type = 'proposal' AND source_id = $1 ORDER BY at, id`,
    [proposalId, kabCode],
  );
  return rows;
}

/** Current versions of registry records of kabupaten `kabCode`, by id (persons, households and families share no ids). */
export async function selectRecordVersions(q: Queryable, kabCode: string, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<Cols<'persons', 'id' | 'version'>>(
    `SELECT id, version FROM persons WHERE kab_code = $2 AND id = ANY($1::uuid[])
     UNION ALL SELECT id, version FROM households WHERE kab_code = $2 AND id = ANY($1::uuid[])
     UNION ALL SELECT id, version FROM families WHERE kab_code = $2 AND id = ANY($1::uuid[])`,
    [ids, kabCode],
  );
  return new Map(rows.map((r) => [r.id, r.version]));
}

