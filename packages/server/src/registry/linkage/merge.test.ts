import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { aCase } from '../../cases/testing.ts';
import { aPerson, CINUNUK, SOREANG, contextAs } from '../testing.ts';
import { aDuplicatePair } from './testing.ts';
import { selectPersonReferenceColumns } from './merge-queries.ts';
import { PERSON_REFERENCES, referenceKey } from './person-references.ts';
import { DuplicatePairView, listOf, MergeView, PersonSearchPage, PersonView, RegistryHistoryPage } from '@slrt/core';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const personRef = async (table: string, column: string, id: string) =>
  (await t.deps.db.query<{ ref: string }>(`SELECT ${column}::text AS ref FROM ${table} WHERE id = $1`, [id])).rows[0]?.ref;

describe('every table that points at a person is handled by a merge', () => {
  it('lists each person reference of the catalog in PERSON_REFERENCES', async () => {
    const inCatalog = (await selectPersonReferenceColumns(t.deps.db)).map(referenceKey).sort();
    const handled = new Set(PERSON_REFERENCES.map(referenceKey));
    const missing = inCatalog.filter((k) => !handled.has(k));
    expect(missing, 'a new table references persons: say in linkage/person-references.ts whether a merge moves it').toEqual([]);
    // and nothing listed that the catalog does not have (a renamed column)
    const catalog = new Set(inCatalog);
    expect(PERSON_REFERENCES.filter((r) => !r.where && !catalog.has(referenceKey(r))).map(referenceKey)).toEqual([]);
  });
});

describe('merge and undo', () => {
  it('moves cases and documents to the survivor, keeps a tombstone whose NIK finds the survivor, and undoes it all', async () => {
    const { pairId, a, b } = await aDuplicatePair(t.deps);
    // a has the NIK, a case and a document; b was registered again without a NIK
    const theCase = await aCase(t.deps, { person: a });
    const docId = '0190f1f0-0000-7000-8000-0000000000d1';
    await t.deps.db.query(
      `INSERT INTO documents (id, kab_code, village_code, owner_type, owner_id, kind, file_name, mime_type, size_bytes, sha256, storage_key)
       VALUES ($1, '3204', $2, 'person', $3, 'ktp', 'ktp.png', 'image/png', 10, repeat('0', 64), $4)`,
      [docId, CINUNUK, a.id, `test/${docId}`],
    );
    const kab = await t.as('kabupaten');
    // b survives (the record the Puskesos works with) and takes a's NIK and spelling
    const merged = await kab.post<MergeView>(`/api/v1/registry/duplicate-pairs/${pairId}/merge`, { keepPersonId: b.id, fields: { nik: a.id, fullName: a.id } });
    expect(merged.status).toBe(200);
    expect(merged.body.survivorId).toBe(b.id);
    expect(merged.body.mergedId).toBe(a.id);
    expect(Object.keys(merged.body.survivorChanges).sort()).toEqual(['fullName', 'nik']);
    expect(merged.body.moved.map((m) => m.table).sort()).toEqual(expect.arrayContaining(['cases', 'documents']));

    const survivor = (await kab.get(`/api/v1/persons/${b.id}`, PersonView)).body;
    expect(survivor.nik).toBe(a.nik);
    expect(survivor.fullName).toBe(a.fullName);
    const tombstone = (await kab.get(`/api/v1/persons/${a.id}`, PersonView)).body;
    expect(tombstone.registryStatus).toBe('inactive');
    expect(tombstone.inactiveReason).toBe('duplicate');
    expect(await personRef('persons', 'merged_into', a.id)).toBe(b.id);
    // the survivor's NIK (taken from the tombstone) finds the survivor
    const byNik = await kab.get(`/api/v1/persons?nik=${a.nik}`, PersonSearchPage);
    expect(byNik.body.items.map((p: { id: string }) => p.id)).toEqual([b.id]);
    // the survivor's history tells of the merge
    const history = (await kab.get(`/api/v1/persons/${b.id}/history`, RegistryHistoryPage)).body.items;
    expect(history.some((h: { reason: string | null }) => h.reason === 'linkage.merge')).toBe(true);
    expect(await personRef('documents', 'owner_id', docId)).toBe(b.id);
    expect(await personRef('cases', 'person_id', theCase.id)).toBe(b.id);
    expect((await kab.get(`/api/v1/registry/duplicate-pairs/${pairId}`, DuplicatePairView)).body).toMatchObject({ status: 'merged', mergeId: merged.body.id });
    // a merged pair cannot be merged or dismissed again
    expect((await kab.post(`/api/v1/registry/duplicate-pairs/${pairId}/merge`, { keepPersonId: b.id, fields: {} }, MergeView)).status).toBe(409);

    const undone = await kab.post<MergeView>(`/api/v1/registry/merges/${merged.body.id}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.status).toBe('undone');
    expect(await personRef('cases', 'person_id', theCase.id)).toBe(a.id);
    expect(await personRef('documents', 'owner_id', docId)).toBe(a.id);
    const restoredA = (await kab.get(`/api/v1/persons/${a.id}`, PersonView)).body;
    expect(restoredA).toMatchObject({ nik: a.nik, fullName: a.fullName, registryStatus: 'registered' });
    const restoredB = (await kab.get(`/api/v1/persons/${b.id}`, PersonView)).body;
    expect(restoredB).toMatchObject({ nik: null, fullName: b.fullName });
    expect(await personRef('persons', 'merged_into', a.id)).toBeNull();
    expect((await kab.get(`/api/v1/registry/duplicate-pairs/${pairId}`, DuplicatePairView)).body.status).toBe('open');
    expect((await kab.post(`/api/v1/registry/merges/${merged.body.id}/undo`, {}, MergeView)).status).toBe(409);
  });

  it('moves the records of the merged person to the survivor and back on undo', async () => {
    const { pairId, a, b } = await aDuplicatePair(t.deps);
    const caseOfB = await aCase(t.deps, { person: b });
    const kab = await t.as('kabupaten');
    const merged = await kab.post<MergeView>(`/api/v1/registry/duplicate-pairs/${pairId}/merge`, { keepPersonId: a.id, fields: {} });
    expect(merged.status).toBe(200);
    expect(await personRef('cases', 'person_id', caseOfB.id)).toBe(a.id);
    expect(merged.body.moved.find((m) => m.table === 'cases')?.ids).toEqual([caseOfB.id]);
    await kab.post(`/api/v1/registry/merges/${merged.body.id}/undo`, {}, MergeView);
    expect(await personRef('cases', 'person_id', caseOfB.id)).toBe(b.id);
  });

  it('refuses a pair across kabupaten (listed for the national update), a person not in the pair, and other scopes', async () => {
    const { pairId, a } = await aDuplicatePair(t.deps);
    const kab = await t.as('kabupaten');
    const outsider = await aPerson(t.deps.db, { village: SOREANG });
    const bad = await kab.post(`/api/v1/registry/duplicate-pairs/${pairId}/merge`, { keepPersonId: outsider.id, fields: {} }, MergeView);
    expect(bad.status).toBe(400);
    expect(bad.error?.fields?.keepPersonId).toBeDefined();
    const badField = await kab.post(`/api/v1/registry/duplicate-pairs/${pairId}/merge`, { keepPersonId: a.id, fields: { fullName: outsider.id } }, MergeView);
    expect(badField.status).toBe(400);
    expect(badField.error?.fields?.['fields.fullName']).toBeDefined();
    expect((await (await t.as('puskesos.cinunuk')).post(`/api/v1/registry/duplicate-pairs/${pairId}/merge`, { keepPersonId: a.id, fields: {} }, MergeView)).status).toBe(403);
    // across kabupaten: the pair is national, never merged here
    await t.deps.db.query(`UPDATE duplicate_pairs SET kab_code_b = '3273', status = 'national' WHERE id = $1`, [pairId]);
    const across = await kab.post(`/api/v1/registry/duplicate-pairs/${pairId}/merge`, { keepPersonId: a.id, fields: {} }, MergeView);
    expect(across.status).toBe(409);
    expect(across.error?.code).toBe('conflict');
    const national = await kab.get('/api/v1/registry/duplicate-pairs?status=national', listOf(DuplicatePairView));
    expect(national.body.items.map((p: { id: string }) => p.id)).toContain(pairId);
    expect(await contextAs(t.deps, 'kabupaten')).toBeDefined();
  });
});
