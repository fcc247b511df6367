import type { AuditInput } from '../../audit/audit-event.ts';
import type { Tx } from '../../db/database.ts';
import type { Cols, With } from '../../db/rows.ts';
import { newId } from '../../db/ids.ts';
import { diff, type HistoryEntry, type RecordType, type RegistrySource } from '../history.ts';
import { writeCreationEntry, writeHistory } from '../history-queries.ts';
import { setMembersKk, moveHouseholdMembers } from '../queries.ts';
import { selectImportedPersons, type ImportedPersonState } from './import-queries.ts';
import type { ImportedRow, RowError } from './row.ts';

/**
 * Applies one batch of checked import rows inside one transaction, set-based (a handful of
 * statements per batch, whatever its size): upsert households by their import reference,
 * families by KK number, persons by NIK within the kabupaten. Only what really changed is
 * written, so a file imported twice leaves the registry as it was. Updates keep a history row
 * per record with the old and new values; the records a batch creates share one creation
 * entry per record type (the import and the batch's file rows), which they name in created_in.
 */

export interface BatchInput {
  importId: string;
  kabCode: string;
  fileName: string;
  rows: ImportedRow[];
  errors: Array<RowError & { rowNo: number }>;
  /** Data rows of the file consumed once this batch commits (the resume point). */
  rowsConsumed: number;
  actor: { actorId: string | null; actorName: string | null };
  audit: (tx: Tx, input: AuditInput) => Promise<void>;
}

export interface BatchResult {
  ok: number;
  rejected: number;
  created: number;
  updated: number;
}

/** Person fields an import writes (everything but the registry status, which it manages itself). */
const IMPORT_PERSON_FIELDS = [
  'fullName', 'birthPlace', 'birthDate', 'sex', 'relationship', 'maritalStatus', 'presence', 'pregnant', 'documentsHeld',
  'schoolParticipation', 'educationLevel', 'workStatus', 'workSector', 'disability', 'chronicIllnesses', 'healthInsurance',
  'pipKip', 'dukcapilMatch',
] as const;

const PERSON_RECORDSET = `id uuid, kab_code char(4), village_code text, household_id uuid, family_id uuid, nik char(16), kk char(16),
  full_name text, birth_place text, birth_date date, sex char(1), relationship text, marital_status text, presence text,
  pregnant boolean, documents_held text[], school_participation text, education_level text, work_status text, work_sector text,
  disability jsonb, chronic_illnesses text[], health_insurance text[], pip_kip boolean, dukcapil_match text,
  registry_status text, desil smallint, desil_source text, desil_date date, nik_warnings text[]`;
const PERSON_COLS = PERSON_RECORDSET.split(',').map((c) => c.trim().split(/\s+/)[0]!);

const HOUSEHOLD_RECORDSET = `id uuid, kab_code char(4), village_code text, address text, rt text, rw text, import_ref text,
  indicators jsonb, desil smallint, desil_source text, desil_date date`;
const HOUSEHOLD_COLS = HOUSEHOLD_RECORDSET.split(',').map((c) => c.trim().split(/\s+/)[0]!);

interface HouseholdState {
  id: string;
  villageCode: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  importRef: string;
  indicators: Record<string, unknown>;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export async function applyBatch(tx: Tx, input: BatchInput): Promise<BatchResult> {
  const { kabCode, importId } = input;
  const source: RegistrySource = { type: 'import', id: importId };
  const reason = `Impor ${input.fileName}`;
  const errors = [...input.errors];
  const history: HistoryEntry[] = [];
  const entry = (recordType: HistoryEntry['recordType'], recordId: string, villageCode: string, action: 'create' | 'update', changes: HistoryEntry['changes']): HistoryEntry => ({
    kabCode, villageCode, recordType, recordId, action, ...input.actor, reason, source, changes,
  });

  // A NIK twice in one file is reported, not silently overwritten: inside the batch, then
  // against the batches already committed (registry_import_seen).
  const firstRow = new Map<string, number>();
  let rows: ImportedRow[] = [];
  for (const row of input.rows) {
    const first = firstRow.get(row.nik);
    if (first !== undefined) errors.push({ rowNo: row.rowNo, column: 'nik', key: 'registry.import.duplicate_nik', params: { row: first } });
    else {
      firstRow.set(row.nik, row.rowNo);
      rows.push(row);
    }
  }
  if (rows.length) {
    const inserted = await tx.query<Cols<'registry_import_seen', 'nik'>>(
      `INSERT INTO registry_import_seen (import_id, kab_code, nik, row_no)
       SELECT $1, i.kab_code, u.nik, u.row_no FROM unnest($2::text[], $3::int[]) AS u(nik, row_no), registry_imports i WHERE i.id = $1
       ON CONFLICT DO NOTHING RETURNING nik`,
      [importId, rows.map((r) => r.nik), rows.map((r) => r.rowNo)],
    );
    if (inserted.rows.length < rows.length) {
      const fresh = new Set(inserted.rows.map((r) => r.nik));
      const seen = await tx.query<Cols<'registry_import_seen', 'nik' | 'row_no'>>(
        'SELECT nik, row_no FROM registry_import_seen WHERE import_id = $1 AND nik = ANY($2::text[])',
        [importId, rows.filter((r) => !fresh.has(r.nik)).map((r) => r.nik)],
      );
      const seenRow = new Map(seen.rows.map((r) => [r.nik, r.row_no]));
      rows = rows.filter((r) => {
        if (fresh.has(r.nik)) return true;
        errors.push({ rowNo: r.rowNo, column: 'nik', key: 'registry.import.duplicate_nik', params: { row: seenRow.get(r.nik) ?? 0 } });
        return false;
      });
    }
  }

  // Existing persons (locked), to update them and to adopt their officer-made household.
  const existingPersons = new Map<string, ImportedPersonState>();
  if (rows.length) {
    for (const p of await selectImportedPersons(tx, kabCode, rows.map((r) => r.nik))) existingPersons.set(p.nik, p);
  }

  // The creation entry of each record type, written only if the batch creates one.
  const createdIn: Record<RecordType, { id: string; count: number }> = {
    person: { id: newId(), count: 0 }, household: { id: newId(), count: 0 }, family: { id: newId(), count: 0 },
  };
  const households = await upsertHouseholds(tx, kabCode, rows, existingPersons, history, entry, createdIn.household);
  const families = await upsertFamilies(tx, kabCode, rows, households, history, entry, source, reason, createdIn.family);

  // Persons.
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const changedIds: string[] = [];
  for (const row of rows) {
    const existing = existingPersons.get(row.nik);
    const family = row.kk ? families.get(row.kk)! : null;
    const household = family ? households.byId.get(family.householdId)! : households.byRef.get(row.householdRef)!;
    const base: Record<string, unknown> = {};
    for (const f of IMPORT_PERSON_FIELDS) base[f] = existing ? existing[f] : null;
    const familyId = family ? family.id : existing && existing.householdId === household.id ? existing.familyId : null;
    const status = !existing || existing.registryStatus === 'not_registered' || existing.registryStatus === 'proposed' ? 'registered' : existing.registryStatus;
    const desired: Record<string, unknown> = {
      ...base, ...row.person,
      householdId: household.id, familyId, villageCode: household.villageCode, kk: family ? family.kk : null,
      registryStatus: status,
      desil: row.desil ? row.desil.desil : existing?.desil ?? null,
      desilSource: row.desil ? row.desil.source : existing?.desilSource ?? null,
      desilDate: row.desil ? row.desil.date : existing?.desilDate ?? null,
      nikWarnings: [...new Set([...(existing?.nikWarnings ?? []), ...row.nikWarnings])].sort(),
    };
    if (!existing) {
      const id = newId();
      inserts.push(personRecordset(id, kabCode, row.nik, desired));
      createdIn.person.count++;
      changedIds.push(id);
      continue;
    }
    const before: Record<string, unknown> = { ...existing };
    const changes = diff(before, desired);
    if (Object.keys(changes).length === 0) continue;
    updates.push(personRecordset(existing.id, kabCode, row.nik, desired));
    history.push(entry('person', existing.id, household.villageCode, 'update', changes));
    changedIds.push(existing.id);
  }
  if (inserts.length) {
    await tx.query(
      `INSERT INTO persons (${PERSON_COLS.join(', ')}, created_in) SELECT ${PERSON_COLS.join(', ')}, $2 FROM jsonb_to_recordset($1::jsonb) AS u(${PERSON_RECORDSET})`,
      [JSON.stringify(inserts), createdIn.person.id],
    );
  }
  if (updates.length) {
    const sets = PERSON_COLS.filter((c) => c !== 'id' && c !== 'kab_code' && c !== 'nik').map((c) => `${c} = u.${c}`);
    await tx.query(
      `UPDATE persons p SET ${sets.join(', ')}, version = p.version + 1, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS u(${PERSON_RECORDSET}) WHERE p.id = u.id`,
      [JSON.stringify(updates)],
    );
  }
  await writeHistory(tx, history);
  const rowNos = [...input.rows, ...input.errors].map((r) => r.rowNo);
  const rowFrom = Math.min(...rowNos), rowTo = Math.max(...rowNos);
  for (const [recordType, c] of Object.entries(createdIn) as Array<[RecordType, { id: string; count: number }]>) {
    if (c.count === 0) continue;
    await writeCreationEntry(tx, { id: c.id, kabCode, recordType, ...input.actor, reason, importId, rowFrom, rowTo, created: c.count });
  }

  if (errors.length) {
    await tx.query(
      `INSERT INTO registry_import_errors (import_id, kab_code, row_no, column_name, reason_key, reason_params)
       SELECT $1, $2, u.row_no, u.column_name, u.reason_key, coalesce(u.reason_params, '{}')
       FROM jsonb_to_recordset($3::jsonb) AS u(row_no int, column_name text, reason_key text, reason_params jsonb)`,
      [importId, kabCode, JSON.stringify(errors.map((e) => ({ row_no: e.rowNo, column_name: e.column, reason_key: e.key, reason_params: e.params ?? {} })))],
    );
  }
  const rejectedRows = new Set(errors.map((e) => e.rowNo)).size;
  await tx.query(
    `UPDATE registry_imports SET rows_done = $2, rows_ok = rows_ok + $3, rows_rejected = rows_rejected + $4,
       batches_committed = batches_committed + 1, updated_at = now() WHERE id = $1`,
    [importId, input.rowsConsumed, rows.length, rejectedRows],
  );
  if (changedIds.length) {
    // The import and its rows, not every person id: the registry history names the records.
    await input.audit(tx, {
      action: 'registry.import_batch', recordType: 'registry_import', recordIds: [importId],
      details: { importId, rowFrom, rowTo, created: inserts.length, updated: updates.length, rejected: rejectedRows, rowsDone: input.rowsConsumed },
    });
  }
  return { ok: rows.length, rejected: rejectedRows, created: inserts.length, updated: updates.length };
}

function personRecordset(id: string, kabCode: string, nik: string, d: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { id, kab_code: kabCode, nik };
  for (const [k, v] of Object.entries(d)) out[snake(k)] = v ?? null;
  return out;
}

type EntryFn = (recordType: HistoryEntry['recordType'], recordId: string, villageCode: string, action: 'create' | 'update', changes: HistoryEntry['changes']) => HistoryEntry;

async function upsertHouseholds(
  tx: Tx, kabCode: string, rows: ImportedRow[], existingPersons: Map<string, ImportedPersonState>, history: HistoryEntry[], entry: EntryFn,
  createdIn: { id: string; count: number },
): Promise<{ byRef: Map<string, HouseholdState>; byId: Map<string, HouseholdState> }> {
  const refs = [...new Set(rows.map((r) => r.householdRef))];
  const byRef = new Map<string, HouseholdState>();
  const byId = new Map<string, HouseholdState>();
  if (refs.length === 0) return { byRef, byId };
  const select = `SELECT id, village_code, address, rt, rw, import_ref, indicators, desil, desil_source, desil_date FROM households`;
  type Row = Cols<'households', 'id' | 'village_code' | 'address' | 'rt' | 'rw' | 'import_ref' | 'indicators' | 'desil' | 'desil_source' | 'desil_date'>;
  const toState = (r: Row, ref: string): HouseholdState => ({
    id: r.id, villageCode: r.village_code, address: r.address, rt: r.rt, rw: r.rw, importRef: ref, indicators: r.indicators ?? {},
    desil: r.desil, desilSource: r.desil_source, desilDate: r.desil_date,
  });
  const found = await tx.query<Row>(`${select} WHERE kab_code = $1 AND import_ref = ANY($2::text[]) FOR UPDATE`, [kabCode, refs]);
  const before = new Map<string, HouseholdState>();
  for (const r of found.rows) before.set(r.import_ref!, toState(r, r.import_ref!));

  // A resident first met at the Puskesos and now in the national data: their household (made
  // by an officer, without import reference) becomes this reference's household.
  const adopt = new Map<string, string>();
  for (const row of rows) {
    const p = existingPersons.get(row.nik);
    if (p && !before.has(row.householdRef) && !adopt.has(row.householdRef)) adopt.set(row.householdRef, p.householdId);
  }
  if (adopt.size) {
    const adopted = await tx.query<Row>(`${select} WHERE kab_code = $2 AND id = ANY($1::uuid[]) AND import_ref IS NULL FOR UPDATE`, [[...adopt.values()], kabCode]);
    for (const [ref, id] of adopt) {
      const r = adopted.rows.find((x) => x.id === id);
      if (r && ![...before.values()].some((s) => s.id === id)) before.set(ref, { ...toState(r, ref), importRef: '' });
    }
  }

  const inserts: HouseholdState[] = [];
  const updates: HouseholdState[] = [];
  for (const ref of refs) {
    const old = before.get(ref);
    const state: HouseholdState = old
      ? { ...old, importRef: ref, indicators: { ...old.indicators } }
      : { id: newId(), villageCode: '', address: null, rt: null, rw: null, importRef: ref, indicators: {}, desil: null, desilSource: null, desilDate: null };
    for (const row of rows) {
      if (row.householdRef !== ref) continue;
      state.villageCode = row.villageCode;
      if (row.household.address !== undefined) state.address = row.household.address;
      if (row.household.rt !== undefined) state.rt = row.household.rt;
      if (row.household.rw !== undefined) state.rw = row.household.rw;
      Object.assign(state.indicators, row.indicators);
      if (row.desil) Object.assign(state, { desil: row.desil.desil, desilSource: row.desil.source, desilDate: row.desil.date });
    }
    byRef.set(ref, state);
    byId.set(state.id, state);
    const fields = (s: HouseholdState) => ({ villageCode: s.villageCode, address: s.address, rt: s.rt, rw: s.rw, indicators: s.indicators, desil: s.desil, desilSource: s.desilSource, desilDate: s.desilDate });
    if (!old) {
      inserts.push(state);
      createdIn.count++;
    } else {
      const changes = diff(fields(old), fields(state));
      if (old.importRef === '' || Object.keys(changes).length) {
        updates.push(state);
        if (Object.keys(changes).length) history.push(entry('household', state.id, state.villageCode, 'update', changes));
      }
      if (changes.villageCode) await moveHouseholdMembers(tx, kabCode, state.id, state.villageCode);
    }
  }
  const recordset = (s: HouseholdState) => ({
    id: s.id, kab_code: kabCode, village_code: s.villageCode, address: s.address, rt: s.rt, rw: s.rw, import_ref: s.importRef,
    indicators: s.indicators, desil: s.desil, desil_source: s.desilSource, desil_date: s.desilDate,
  });
  if (inserts.length) {
    await tx.query(
      `INSERT INTO households (${HOUSEHOLD_COLS.join(', ')}, created_in) SELECT ${HOUSEHOLD_COLS.join(', ')}, $2 FROM jsonb_to_recordset($1::jsonb) AS u(${HOUSEHOLD_RECORDSET})`,
      [JSON.stringify(inserts.map(recordset)), createdIn.id],
    );
  }
  if (updates.length) {
    const sets = HOUSEHOLD_COLS.filter((c) => c !== 'id' && c !== 'kab_code').map((c) => `${c} = u.${c}`);
    await tx.query(
      `UPDATE households h SET ${sets.join(', ')}, version = h.version + 1, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS u(${HOUSEHOLD_RECORDSET}) WHERE h.kab_code = $2 AND h.id = u.id`,
      [JSON.stringify(updates.map(recordset)), kabCode],
    );
  }
  return { byRef, byId };
}

interface FamilyState { id: string; kk: string; householdId: string; villageCode: string }

async function upsertFamilies(
  tx: Tx, kabCode: string, rows: ImportedRow[], households: { byRef: Map<string, HouseholdState> }, history: HistoryEntry[],
  entry: EntryFn, source: RegistrySource, reason: string, createdIn: { id: string; count: number },
): Promise<Map<string, FamilyState>> {
  const result = new Map<string, FamilyState>();
  const kks = [...new Set(rows.flatMap((r) => (r.kk ? [r.kk] : [])))];
  if (kks.length === 0) return result;
  const found = await tx.query<With<Cols<'families', 'id' | 'household_id' | 'village_code'>, { kk: string }>>(
    'SELECT id, kk, household_id, village_code FROM families WHERE kab_code = $1 AND kk = ANY($2::text[]) FOR UPDATE',
    [kabCode, kks],
  );
  const existing = new Map(found.rows.map((r) => [r.kk, r]));
  // A family lives in the household of its last row in the batch.
  const target = new Map<string, HouseholdState>();
  for (const row of rows) if (row.kk) target.set(row.kk, households.byRef.get(row.householdRef)!);
  const inserts: FamilyState[] = [];
  for (const kk of kks) {
    const household = target.get(kk)!;
    const old = existing.get(kk);
    if (!old) {
      const f = { id: newId(), kk, householdId: household.id, villageCode: household.villageCode };
      inserts.push(f);
      result.set(kk, f);
      createdIn.count++;
      continue;
    }
    const f = { id: old.id, kk, householdId: household.id, villageCode: household.villageCode };
    result.set(kk, f);
    const changes = diff({ householdId: old.household_id, villageCode: old.village_code }, { householdId: f.householdId, villageCode: f.villageCode });
    if (Object.keys(changes).length) {
      await tx.query('UPDATE families SET household_id = $2, village_code = $3, version = version + 1, updated_at = now() WHERE kab_code = $4 AND id = $1', [f.id, f.householdId, f.villageCode, kabCode]);
      history.push(entry('family', f.id, f.villageCode, 'update', changes));
      await setMembersKk(tx, f.id, kk, f.householdId, f.villageCode);
    }
  }
  if (inserts.length) {
    const json = JSON.stringify(inserts.map((f) => ({ id: f.id, kab_code: kabCode, village_code: f.villageCode, household_id: f.householdId, kk: f.kk, hid: newId() })));
    await tx.query(
      `INSERT INTO families (id, kab_code, village_code, household_id, kk, created_in)
       SELECT id, kab_code, village_code, household_id, kk, $2 FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, kab_code char(4), village_code text, household_id uuid, kk char(16))`,
      [json, createdIn.id],
    );
    await tx.query(
      `INSERT INTO family_kk_history (id, kab_code, village_code, family_id, kk, reason, source_type, source_id)
       SELECT hid, kab_code, village_code, id, kk, $2, $3, $4 FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, hid uuid, kab_code char(4), village_code text, kk char(16))`,
      [json, reason, source.type, source.id ?? null],
    );
  }
  return result;
}
