import type { Deps } from '../../http/context.ts';
import { newId } from '../../db/ids.ts';
import { enqueueJob } from '../../jobs/public.ts';
import { scoreAgainstRegistry } from './check.ts';
import { fingerprintOf } from './pair-view.ts';
import * as q from './queries.ts';
import { DUPLICATE_RUN_JOB } from './run.ts';

/** Up to this many new persons an import checks each one; a bigger file queues a full run. */
const IMPORT_CHECK_LIMIT = 2_000;

/**
 * After an import: the persons it created, each checked against the registry; the likely
 * duplicates are listed as pairs (source `import`) for review. The import has already finished:
 * a likely duplicate never stops it. A large first load gets a full run instead.
 */
export async function checkImportedPersons(deps: Deps, importId: string, kabCode: string, requestedBy: string | null): Promise<number> {
  const created = await q.selectPersonsCreatedByImport(deps.db, kabCode, importId, IMPORT_CHECK_LIMIT + 1);
  if (created.length === 0) return 0;
  if (created.length > IMPORT_CHECK_LIMIT) {
    await deps.db.transaction(async (tx) => {
      if (await q.selectRunningRun(tx, kabCode)) return;
      const id = newId();
      await q.insertRun(tx, { id, kabCode, trigger: 'request', requestedBy });
      await enqueueJob(tx, { kind: DUPLICATE_RUN_JOB, key: id, kabCode, payload: { runId: id }, maxAttempts: 1 });
    });
    return 0;
  }
  const pairs = new Map<string, q.PairInput>();
  for (const p of created) {
    const { candidates } = await scoreAgainstRegistry(deps.db, kabCode, { nik: p.nik, fullName: p.full_name, birthDate: p.birth_date, sex: p.sex, villageCode: p.village_code, kk: p.kk }, p.id);
    for (const c of candidates) {
      const [a, b] = p.id < c.row.id ? [p, c.row] : [c.row, p];
      pairs.set(`${a.id}|${b.id}`, { personA: a.id, personB: b.id, score: c.probability, matchWeight: c.matchWeight, levels: c.levels, fingerprint: fingerprintOf(a, b), clusterKey: null });
    }
  }
  if (!pairs.size) return 0;
  return deps.db.transaction((tx) => q.upsertPairs(tx, { runId: null, source: 'import', sourceId: importId }, [...pairs.values()]));
}
