import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSING_INDICATORS, newHouseholdVisitProblems } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { CINUNUK, multipartBody } from '../registry/testing.ts';
import { HOUSE_AS_SEEN, TINY_PNG } from './testing.ts';

/**
 * A new household's field visit (issue 12, item 11): the housing indicators item by item (those
 * entered at intake confirmed or corrected, the others filled in), at least one photo of the house,
 * and the place (GPS or a typed landmark). Before, a visit with nothing checked, no photo and no
 * place, only a neighbour met, was accepted.
 */
let t: TestApp;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function aNewHouseholdProposal(): Promise<string> {
  const officer = await t.as('puskesos.cinunuk');
  const created = await officer.post('/api/v1/proposals', {
    type: 'new', channel: 'walk_in', reason: 'Keluarga baru pindah, belum terdata.',
    changes: { villageCode: CINUNUK, address: 'Kp. Cibiru Hilir', rt: '4', rw: '7', floor: 'earth', wall: 'bamboo', members: [{ fullName: 'Dadang Sopandi', sex: 'M', relationship: 'head' }] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

describe('the field visit of a new household', () => {
  it('refuses a valid verdict with nothing checked, no photo and no place: 400 naming items, photos and landmark, in both languages', async () => {
    const id = await aNewHouseholdProposal();
    const fas = await t.as('fasilitator.cinunuk');
    const bare = { verdict: 'valid', visitDate: today(), metName: 'Pak Ujang (tetangga)', metRole: 'neighbour' };
    const proposed = ['villageCode', 'address', 'rt', 'rw', 'floor', 'wall', 'members'];
    const res = await fas.post(`/api/v1/proposals/${id}/verify`, { ...bare, items: proposed.map((field) => ({ field, confirmed: true })) });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['items', 'landmark', 'photos']);
    expect(res.body.error.fields.items).toMatch(/tenure/);
    expect(res.body.error.fields.items).not.toMatch(/\bfloor\b/);
    expect(res.body.error.fields.photos).toMatch(/photo of the house/);
    fas.locale = 'id';
    const id2 = await fas.post(`/api/v1/proposals/${id}/verify`, { ...bare, items: [] });
    expect(id2.status).toBe(400);
    expect(id2.body.error.fields.photos).toMatch(/foto rumah/);
    expect(id2.body.error.fields.landmark).toMatch(/patokan/);
    fas.locale = 'en';
    expect((await fas.get(`/api/v1/proposals/${id}`)).body.status).toBe('awaiting_verification');
  });

  it('records the visit when every indicator is checked (entered ones confirmed or corrected, the rest filled in), a photo is attached and a landmark typed', async () => {
    const id = await aNewHouseholdProposal();
    const fas = await t.as('fasilitator.cinunuk');
    const { body, headers } = multipartBody({}, { name: 'rumah.png', content: TINY_PNG, type: 'image/png' });
    const up = await fas.request('POST', `/api/v1/proposals/${id}/documents?kind=photo`, body, headers);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const items = [
      ...['villageCode', 'address', 'rt', 'rw', 'members'].map((field) => ({ field, confirmed: true })),
      { field: 'floor', confirmed: true },
      { field: 'wall', confirmed: false, correctedValue: 'woven_bamboo' },
      ...HOUSING_INDICATORS.filter((f) => f !== 'floor' && f !== 'wall').map((field) => ({ field, confirmed: false, correctedValue: HOUSE_AS_SEEN[field] })),
    ];
    const visit = { verdict: 'valid', visitDate: today(), metName: 'Dadang Sopandi', metRole: 'head', items };
    const noPlace = await fas.post(`/api/v1/proposals/${id}/verify`, visit);
    expect(noPlace.status).toBe(400);
    expect(Object.keys(noPlace.body.error.fields)).toEqual(['landmark']);
    const ok = await fas.post(`/api/v1/proposals/${id}/verify`, { ...visit, landmark: 'Gang sebelah SD Cibiru 3, rumah cat hijau' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const view = (await fas.get(`/api/v1/proposals/${id}`)).body;
    expect(view.verifications[0].landmark).toBe('Gang sebelah SD Cibiru 3, rumah cat hijau');
    expect(view.confirmedChanges).toMatchObject({ floor: 'earth', wall: 'woven_bamboo', tenure: 'own', toilet: 'shared' });
  });

  it('takes the phone\'s position instead of a landmark, and asks only the place of an invalid verdict', async () => {
    const id = await aNewHouseholdProposal();
    const fas = await t.as('fasilitator.cinunuk');
    const invalid = { verdict: 'invalid', visitDate: today(), metName: 'Pak RT', metRole: 'rt_rw_head', items: [], reason: 'Alamat tidak ditemukan.' };
    const noPlace = await fas.post(`/api/v1/proposals/${id}/verify`, invalid);
    expect(Object.keys(noPlace.body.error.fields)).toEqual(['landmark']);
    const ok = await fas.post(`/api/v1/proposals/${id}/verify`, { ...invalid, gps: { lat: -6.93, lon: 107.72, accuracyM: 12 } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('is one pure rule in core', () => {
    const items = HOUSING_INDICATORS.map((field) => ({ field, confirmed: true }));
    expect(newHouseholdVisitProblems({ verdict: 'valid', items }, { photos: 1, gps: undefined, landmark: 'Dekat masjid' })).toEqual({});
    expect(newHouseholdVisitProblems({ verdict: 'valid', items: items.slice(1) }, { photos: 0, gps: { lat: 0, lon: 0 }, landmark: undefined })).toEqual({
      items: { key: 'proposal.housing_unchecked', params: { fields: 'tenure' } },
      photos: { key: 'proposal.house_photo_required' },
    });
  });
});
