import { compareRecords, defaultLinkageModel, explain } from '@slrt/core';
import type { Deps } from '../../http/context.ts';
import { aPerson, CINUNUK, contextAs, type BuiltPerson } from '../testing.ts';
import { fingerprintOf, linkageRecordOfRow } from './pair-view.ts';
import { selectLinkagePersons, upsertPairs, type PairRow } from './queries.ts';
import { mergePair } from './merge.ts';

/**
 * Test builders of record linkage: two registrations of one person (an old spelling and no
 * NIK the second time), and the pair between them as a run or a check would list it.
 */
export async function twoRegistrations(deps: Deps, opts: { village?: string; villageB?: string; fullName?: string; fullNameB?: string; birthDate?: string } = {}): Promise<[BuiltPerson, BuiltPerson]> {
  const birthDate = opts.birthDate ?? '1979-03-14';
  const a = await aPerson(deps.db, { village: opts.village ?? CINUNUK, fullName: opts.fullName ?? 'Sjarifudin Hidayat', sex: 'M', birthDate });
  const b = await aPerson(deps.db, { village: opts.villageB ?? opts.village ?? CINUNUK, fullName: opts.fullNameB ?? 'Syarifudin Hidayat', sex: 'M', birthDate, nik: null });
  return [a, b];
}

export async function aDuplicatePair(deps: Deps, opts: Parameters<typeof twoRegistrations>[1] = {}): Promise<{ pairId: string; a: BuiltPerson; b: BuiltPerson }> {
  const [a, b] = await twoRegistrations(deps, opts);
  const [x, y] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  const rows = await selectLinkagePersons(deps.db, [x, y]);
  const ra = rows.find((r) => r.id === x);
  const rb = rows.find((r) => r.id === y);
  if (!ra || !rb) throw new Error('persons not found');
  const levels = Array.from(compareRecords(linkageRecordOfRow(ra), linkageRecordOfRow(rb)));
  const e = explain(defaultLinkageModel(), levels);
  await deps.db.transaction((tx) => upsertPairs(tx, { runId: null, source: 'intake', sourceId: null }, [
    { personA: x, personB: y, score: e.probability, matchWeight: e.matchWeight, levels, fingerprint: fingerprintOf(ra, rb), clusterKey: null },
  ]));
  const { rows: found } = await deps.db.query<Pick<PairRow, 'id'>>('SELECT id FROM duplicate_pairs WHERE person_a_id = $1 AND person_b_id = $2', [x, y]);
  const pairId = found[0]?.id;
  if (!pairId) throw new Error('pair not stored');
  return { pairId, a, b };
}

/** A linkage run is the kabupaten's job (status and counts, no person): any reviewer of the kabupaten sees it. */
export const LINKAGE_NOT_AREA_SCOPED = ['/api/v1/registry/duplicate-runs/:id'];

/** Scope fixtures for the access matrix: Cinunuk pairs and merges. */
export const LINKAGE_SCOPE_FIXTURES: Record<string, (t: { deps: Deps }) => Promise<Record<string, string>>> = {
  '/api/v1/registry/duplicate-pairs/:id': async (t) => ({ id: (await aDuplicatePair(t.deps)).pairId }),
  '/api/v1/registry/duplicate-pairs/:id/merge': async (t) => ({ id: (await aDuplicatePair(t.deps)).pairId }),
  '/api/v1/registry/duplicate-pairs/:id/dismiss': async (t) => ({ id: (await aDuplicatePair(t.deps)).pairId }),
  '/api/v1/registry/merges/:id/undo': async (t) => {
    const { pairId, a } = await aDuplicatePair(t.deps);
    const merge = await mergePair(t.deps, await contextAs(t.deps, 'kabupaten'), pairId, { keepPersonId: a.id, fields: {} });
    return { id: merge.id };
  },
};
