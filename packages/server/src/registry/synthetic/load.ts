import { kabCodeOf } from '@slrt/core';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { SyntheticHousehold } from './generator.ts';

/**
 * Bulk-loads synthetic households with COPY (db.copyCsv), a chunk per transaction. The
 * records are created as the seed: registry status `registered` (or `not_registered` for
 * households without a national desil, as residents met at the Puskesos would be), no
 * per-record history (seeding is not a change), and `import_ref` = the synthetic reference.
 */

export interface LoadProgress {
  households: number;
  persons: number;
}

const HOUSEHOLD_COLUMNS = ['id', 'kab_code', 'village_code', 'address', 'rt', 'rw', 'import_ref', 'indicators', 'desil', 'desil_source', 'desil_date'];
const FAMILY_COLUMNS = ['id', 'kab_code', 'village_code', 'household_id', 'kk'];
const KK_HISTORY_COLUMNS = ['id', 'kab_code', 'village_code', 'family_id', 'kk', 'reason', 'source_type', 'source_id'];
const PERSON_COLUMNS = [
  'id', 'kab_code', 'village_code', 'household_id', 'family_id', 'nik', 'kk', 'full_name', 'birth_place', 'birth_date', 'sex',
  'relationship', 'marital_status', 'presence', 'pregnant', 'documents_held', 'school_participation', 'education_level', 'work_status',
  'work_sector', 'disability', 'chronic_illnesses', 'health_insurance', 'pip_kip', 'dukcapil_match', 'registry_status', 'desil',
  'desil_source', 'desil_date',
];

/** A value as a COPY CSV field: empty unquoted = NULL; text, arrays and JSON quoted. */
function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = Array.isArray(v) ? `{${v.join(',')}}` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `"${s.replace(/"/g, '""')}"`;
}
const line = (values: unknown[]) => `${values.map(field).join(',')}\n`;

export async function loadSynthetic(
  db: Db,
  households: Iterable<SyntheticHousehold>,
  opts: { chunkPersons?: number; sourceId: string; onProgress?: (p: LoadProgress) => void; onPerson?: (id: string, p: SyntheticHousehold['families'][number]['members'][number]) => void },
): Promise<LoadProgress> {
  const chunkPersons = opts.chunkPersons ?? 20_000;
  const progress: LoadProgress = { households: 0, persons: 0 };
  let hh = '', fam = '', kkh = '', per = '';
  let pending = 0, pendingHouseholds = 0;

  const flush = async () => {
    if (pending === 0 && pendingHouseholds === 0) return;
    await db.transaction(async (tx) => {
      await db.copyCsv(tx, 'households', HOUSEHOLD_COLUMNS, hh);
      await db.copyCsv(tx, 'families', FAMILY_COLUMNS, fam);
      await db.copyCsv(tx, 'family_kk_history', KK_HISTORY_COLUMNS, kkh);
      await db.copyCsv(tx, 'persons', PERSON_COLUMNS, per);
    });
    progress.persons += pending;
    progress.households += pendingHouseholds;
    hh = fam = kkh = per = '';
    pending = pendingHouseholds = 0;
    opts.onProgress?.({ ...progress });
  };

  for (const h of households) {
    const kab = kabCodeOf(h.villageCode);
    const householdId = newId();
    hh += line([householdId, kab, h.villageCode, h.address, h.rt, h.rw, h.ref, h.indicators, h.desil, h.desilSource, h.desilDate]);
    pendingHouseholds++;
    const status = h.desil === null ? 'not_registered' : 'registered';
    for (const f of h.families) {
      const familyId = newId();
      fam += line([familyId, kab, h.villageCode, householdId, f.kk]);
      kkh += line([newId(), kab, h.villageCode, familyId, f.kk, 'seed', 'seed', opts.sourceId]);
      for (const p of f.members) {
        const personId = newId();
        opts.onPerson?.(personId, p);
        per += line([
          personId, kab, h.villageCode, householdId, familyId, p.nik || null, f.kk, p.fullName, p.birthPlace, p.birthDate, p.sex,
          p.relationship, p.maritalStatus, p.presence, p.pregnant, p.documentsHeld, p.schoolParticipation, p.educationLevel, p.workStatus,
          p.workSector, p.disability, p.chronicIllnesses, p.healthInsurance, p.pipKip, p.dukcapilMatch, status, h.desil, h.desilSource, h.desilDate,
        ]);
        pending++;
      }
    }
    if (pending >= chunkPersons) await flush();
  }
  await flush();
  return progress;
}
