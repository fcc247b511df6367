import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CILEUNYI_WETAN, CINUNUK } from './testing.ts';
import { PersonSearchPage, RegistryChangeResult } from '@slrt/core';

// The name search through the vocabulary of name words (0013_registry_name_search.sql): the
// cases its query shape could get wrong. The typo tolerance itself is in persons.test.ts.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Item = { id: string; fullName: string; villageName: string; kecamatanName: string; score: number };
const search = async (username: string, q: string, area?: string) => {
  const res = await (await t.as(username)).get(`/api/v1/persons?q=${encodeURIComponent(q)}${area ? `&area=${area}` : ''}`, PersonSearchPage);
  expect(res.status, q).toBe(200);
  return res.body.items as Item[];
};

describe('name search through the vocabulary of name words', () => {
  it('finds a name with one typo in each word, words typed in another order, and a single word', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const target = await aPerson(t.deps.db, { household: h, fullName: 'Komarudin Suryadinata', sex: 'M' });
    await aPerson(t.deps.db, { household: h, fullName: 'Komarudin Hidayat', sex: 'M' });
    await aPerson(t.deps.db, { household: h, fullName: 'Ujang Suryadinata', sex: 'M' });
    for (const [username, area] of [['puskesos.cinunuk', CINUNUK], ['puskesos.cinunuk', undefined], ['kabupaten', undefined]] as const) {
      for (const typed of ['komarudim suryadinta', 'Suryadinata Komarudin', 'suryadinta komarudin']) {
        const items = await search(username, typed, area);
        expect(items[0]?.id, `${username} ${typed}`).toBe(target.id);
        expect(items[0]).toMatchObject({ fullName: 'Komarudin Suryadinata', villageName: 'Cinunuk', kecamatanName: 'Cileunyi' });
      }
      const single = await search(username, 'suryadinata', area);
      expect(single.map((i) => i.fullName).sort(), username).toEqual(['Komarudin Suryadinata', 'Ujang Suryadinata']);
    }
  });

  it('requires every typed word, but leaves out a word that no name holds', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const target = await aPerson(t.deps.db, { household: h, fullName: 'Engkus Kuswara', sex: 'M' });
    await aPerson(t.deps.db, { household: h, fullName: 'Engkus Mulyana', sex: 'M' });
    expect((await search('puskesos.cinunuk', 'engkus kuswara', CINUNUK)).map((i) => i.id)).toEqual([target.id]);
    // "qxzqxz" matches no word of any name: the search still answers on the other words
    expect((await search('puskesos.cinunuk', 'engkus qxzqxz kuswara', CINUNUK))[0]?.id).toBe(target.id);
    expect(await search('puskesos.cinunuk', 'qxzqxz wvwvwv', CINUNUK)).toEqual([]);
  });

  it('finds a name whose words are new right after it is inserted, loaded in bulk or renamed', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const inserted = await aPerson(t.deps.db, { household: h, fullName: 'Zulkarnaen Wiraatmadja', sex: 'M' });
    expect((await search('puskesos.cinunuk', 'zulkarnain wiraatmaja'))[0]?.id).toBe(inserted.id);

    // the import's bulk paths (COPY, INSERT ... SELECT) keep the vocabulary too
    const copied = newId();
    await t.deps.db.transaction((tx) => t.deps.db.copyCsv(tx, 'persons',
      ['id', 'kab_code', 'village_code', 'household_id', 'full_name', 'sex', 'registry_status'],
      `${copied},3204,${CINUNUK},${h.id},Bambang Trihatmodjo,M,registered\n`));
    expect((await search('puskesos.cinunuk', 'bambang trihatmojo'))[0]?.id).toBe(copied);
    const selected = newId();
    await t.deps.db.query(
      `INSERT INTO persons (id, kab_code, village_code, household_id, full_name, sex, registry_status)
       SELECT $1, kab_code, village_code, id, 'Wiwik Sulistyaningsih', 'F', 'registered' FROM households WHERE id = $2`, [selected, h.id]);
    expect((await search('kabupaten', 'wiwik sulistyaningsi'))[0]?.id).toBe(selected);

    const renamed = await (await t.as('puskesos.cinunuk')).patch(`/api/v1/persons/${inserted.id}`, {
      changes: { fullName: 'Zulkarnaen Prawiranegara' }, expectedVersion: 1, reason: 'Koreksi nama sesuai KTP',
    }, RegistryChangeResult);
    expect(renamed.status).toBe(200);
    expect((await search('puskesos.cinunuk', 'zulkarnaen prawiranegra'))[0]?.id).toBe(inserted.id);
    // nobody holds the old surname any more
    expect((await search('puskesos.cinunuk', 'zulkarnaen wiraatmadja')).map((i) => i.id)).not.toContain(inserted.id);
  });

  it('finds words joined or split, old spellings, titles and a short word typed with its letters swapped (issue 19)', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const joined = await aPerson(t.deps.db, { household: h, fullName: 'Siti Nurhasanah', sex: 'F' });
    const split = await aPerson(t.deps.db, { household: h, fullName: 'Nur Aisyah Permatasari', sex: 'F' });
    const modern = await aPerson(t.deps.db, { household: h, fullName: 'Cucu Sumarni', sex: 'F' });
    const short = await aPerson(t.deps.db, { household: h, fullName: 'Encep Kurnia', sex: 'M' });
    const doubled = await aPerson(t.deps.db, { household: h, fullName: 'Neneng Juariah', sex: 'F' });
    await aPerson(t.deps.db, { household: h, fullName: 'Neng Juariah', sex: 'F' });
    await aPerson(t.deps.db, { household: h, fullName: 'Siti Hasanah', sex: 'F' });
    for (const [username, area] of [['puskesos.cinunuk', CINUNUK], ['kabupaten', undefined]] as const) {
      const first = async (typed: string) => (await search(username, typed, area))[0]?.id;
      expect(await first('siti nur hasanah'), username).toBe(joined.id);
      expect(await first('SITINURHASANAH'), username).toBe(joined.id);
      expect(await first('nuraisyah permatasari'), username).toBe(split.id);
      expect(await first('Hj. Tjutju Soemarni'), username).toBe(modern.id);
      expect(await first('ecnep kurnia'), username).toBe(short.id);
      expect(await first('nneeng juariah'), username).toBe(doubled.id);
    }
  });

  it('shows two names equally close to what was typed on the first page', async () => {
    const h = await aHousehold(t.deps.db, { village: CILEUNYI_WETAN });
    const sri = await Promise.all(Array.from({ length: 25 }, () => aPerson(t.deps.db, { household: h, fullName: 'Sri Kodariyah', sex: 'F' })));
    const sari = await aPerson(t.deps.db, { household: h, fullName: 'Sari Kodariyah', sex: 'F' });
    // "SRAI" is one typo from SRI (a letter added) and from SARI (two letters swapped)
    const ids = (await search('kabupaten', 'srai kodariyah')).map((i) => i.id);
    expect(ids).toContain(sari.id);
    expect(ids.filter((id) => sri.some((p) => p.id === id)).length).toBeGreaterThan(0);
  });

  it('answers the village and kecamatan names with an exact NIK', async () => {
    const p = await aPerson(t.deps.db, { village: CILEUNYI_WETAN, fullName: 'Odah Saodah' });
    const res = await (await t.as('supervisor.cileunyi')).get(`/api/v1/persons?nik=${p.nik}`, PersonSearchPage);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ id: p.id, villageCode: CILEUNYI_WETAN, villageName: 'Cileunyi Wetan', kecamatanCode: '32.04.05', kecamatanName: 'Cileunyi' })]);
  });
});
