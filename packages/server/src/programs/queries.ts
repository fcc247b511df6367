import type { ProgramBenefit } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Cols, Row, With } from '../db/rows.ts';

/**
 * SQL of the program catalog and its rule versions. Programs are reference data: national and
 * village programs (kab_code null) are visible to every kabupaten, local ones to their own.
 */

export type ProgramRow = With<Cols<'programs',
  'id' | 'kab_code' | 'code' | 'name' | 'scope' | 'owner_kind' | 'owner_name' | 'service_id' | 'sector' | 'benefit' | 'active'>,
  { benefit: ProgramBenefit }>;

export type RuleVersionRow = Row<'program_rule_versions'>;

const PROGRAM_COLS = 'id, kab_code, code, name, scope, owner_kind, owner_name, service_id, sector, benefit, active';
const VERSION_COLS = 'id, program_id, version, rule, effective_from, effective_to, note, created_by, created_at';

/** The programs a kabupaten sees, national ones first, then by code. */
export async function selectPrograms(q: Queryable, kabCode: string): Promise<ProgramRow[]> {
  const { rows } = await q.query<ProgramRow>(
    `SELECT ${PROGRAM_COLS} FROM programs WHERE kab_code IS NULL OR kab_code = $1
     ORDER BY kab_code NULLS FIRST, CASE scope WHEN 'national' THEN 0 WHEN 'village' THEN 1 ELSE 2 END, code`,
    [kabCode], 'programs.list',
  );
  return rows;
}

export async function selectProgramByCode(q: Queryable, kabCode: string, code: string, opts: { forUpdate?: boolean } = {}): Promise<ProgramRow | null> {
  const { rows } = await q.query<ProgramRow>(
    `SELECT ${PROGRAM_COLS} FROM programs WHERE (kab_code IS NULL OR kab_code = $1) AND code = $2
     ORDER BY kab_code NULLS FIRST LIMIT 1${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [kabCode, code],
  );
  return rows[0] ?? null;
}

/** Every rule version of the given programs, oldest first. */
export async function selectRuleVersions(q: Queryable, programIds: readonly string[]): Promise<RuleVersionRow[]> {
  if (programIds.length === 0) return [];
  const { rows } = await q.query<RuleVersionRow>(
    `SELECT ${VERSION_COLS} FROM program_rule_versions WHERE program_id = ANY($1::uuid[]) ORDER BY program_id, version`,
    [programIds], 'programs.versions',
  );
  return rows;
}

export async function insertProgram(q: Queryable, p: {
  id: string; kabCode: string; code: string; name: string; ownerKind: string; ownerName: string; serviceId: string | null; sector: string; benefit: ProgramBenefit;
}) {
  await q.query(
    `INSERT INTO programs (id, kab_code, code, name, scope, owner_kind, owner_name, service_id, sector, benefit)
     VALUES ($1, $2, $3, $4, 'local', $5, $6, $7, $8, $9)`,
    [p.id, p.kabCode, p.code, p.name, p.ownerKind, p.ownerName, p.serviceId, p.sector, JSON.stringify(p.benefit)],
  );
}

export async function updateProgramSettings(q: Queryable, id: string, s: { serviceId?: string | null; active?: boolean }) {
  await q.query(
    `UPDATE programs SET service_id = CASE WHEN $2 THEN $3::uuid ELSE service_id END,
       active = coalesce($4, active), updated_at = now() WHERE id = $1`,
    [id, s.serviceId !== undefined, s.serviceId ?? null, s.active ?? null],
  );
}

export async function insertRuleVersion(q: Queryable, v: {
  id: string; programId: string; rule: unknown; effectiveFrom: string; effectiveTo: string | null; note: string | null; createdBy: string;
}): Promise<RuleVersionRow> {
  const { rows } = await q.query<RuleVersionRow>(
    `INSERT INTO program_rule_versions (id, program_id, version, rule, effective_from, effective_to, note, created_by)
     VALUES ($1, $2, (SELECT coalesce(max(version), 0) + 1 FROM program_rule_versions WHERE program_id = $2), $3, $4, $5, $6, $7)
     RETURNING ${VERSION_COLS}`,
    [v.id, v.programId, JSON.stringify(v.rule), v.effectiveFrom, v.effectiveTo, v.note, v.createdBy],
  );
  const row = rows[0];
  if (!row) throw new Error('rule version not inserted');
  return row;
}
