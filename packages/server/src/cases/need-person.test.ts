import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK } from '../registry/testing.ts';
import { pdfText } from '../letters/pdf-text.ts';
import { serviceId } from '../referrals/testing.ts';
import { aCase } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

/** A husband and his wife in one household; the case is the husband's, the dialysis need the wife's. */
async function familyCase() {
  const household = await aHousehold(t.deps.db, { village: CINUNUK });
  const husband = await aPerson(t.deps.db, { household, fullName: 'Dadang Suryana', sex: 'M', relationship: 'head' });
  const wife = await aPerson(t.deps.db, { household, fullName: 'Euis Komariah', sex: 'F', relationship: 'spouse' });
  const c = await aCase(t.deps, {
    person: husband,
    needs: [
      { sector: 'health', urgency: 'high', request: 'Cuci darah rutin dua kali seminggu untuk istri', personId: wife.id },
      { sector: 'education', urgency: 'normal', request: 'Seragam sekolah anak' },
    ],
  });
  return { husband, wife, c };
}

describe('a need names the household member it is for (issue 12, item 4)', () => {
  it('records the need for the wife on the husband\'s case; referral, letter, FHIR and partner name her', async () => {
    const { husband, wife, c } = await familyCase();
    const officer = await t.as('puskesos.cinunuk');
    const coordinator = await t.as('koordinator.cinunuk');
    const partner = await t.as('mitra.dinkes');
    const view = (await officer.get(`/api/v1/cases/${c.id}`)).body;
    expect(view.person.id).toBe(husband.id);
    expect(view.needs.map((n: { person: { id: string; fullName: string } }) => n.person)).toEqual([
      { id: wife.id, fullName: 'Euis Komariah' }, { id: husband.id, fullName: 'Dadang Suryana' },
    ]);

    await officer.post(`/api/v1/cases/${c.id}/check-registry`, {});
    await officer.post(`/api/v1/cases/${c.id}/recommend`, { recommendation: 'Rujuk ke Dinas Kesehatan.' });
    await coordinator.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer' });
    const need = view.needs[0];
    const sent = await officer.post('/api/v1/referrals', { caseId: c.id, needId: need.id, serviceId: await serviceId(t.deps), sharedFields: ['fullName', 'sex', 'birthDate'] });
    expect(sent.status).toBe(201);
    const staffView = (await officer.get(`/api/v1/referrals/${sent.body.id}`)).body;
    expect(staffView).toMatchObject({ personId: wife.id, subject: { fullName: 'Euis Komariah', sex: 'F' } });
    const partnerView = (await partner.get(`/api/v1/referrals/${sent.body.id}`)).body;
    expect(partnerView.subject.fullName).toBe('Euis Komariah');
    const fhir = (await partner.get(`/api/v1/referrals/${sent.body.id}/fhir`)).body;
    const patient = fhir.entry.map((e: { resource: { resourceType: string } }) => e.resource).find((r: { resourceType: string }) => r.resourceType === 'Patient');
    expect(patient).toMatchObject({ name: [{ text: 'Euis Komariah' }], gender: 'female' });
    expect((await officer.post(`/api/v1/referrals/${sent.body.id}/letter`, {})).status).toBe(201);
    const pdf = await officer.get(`/api/v1/referrals/${sent.body.id}/letter.pdf`);
    const text = await pdfText(pdf.raw.rawPayload);
    expect(text).toContain('Euis Komariah');
    expect(text).not.toContain('Dadang Suryana');
  });

  it('refuses a person from another household (400 naming the need\'s personId), and unknown people alike', async () => {
    const { husband } = await familyCase();
    const stranger = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Orang Lain' });
    const officer = await t.as('puskesos.cinunuk');
    for (const personId of [stranger.id, '01900000-0000-7000-8000-000000000000']) {
      const res = await officer.post('/api/v1/cases', {
        personId: husband.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Butuh bantuan.',
        needs: [{ sector: 'education', urgency: 'normal', request: 'Buku' }, { sector: 'health', urgency: 'high', request: 'Berobat', personId }],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty(['needs.1.personId']);
    }
  });
});

describe('what the partner sees of the need (issue 12, item 5)', () => {
  it('shows the partner the need\'s sector, urgency and request even when the officer types a reason', async () => {
    const { c } = await familyCase();
    const officer = await t.as('puskesos.cinunuk');
    await officer.post(`/api/v1/cases/${c.id}/check-registry`, {});
    await officer.post(`/api/v1/cases/${c.id}/recommend`, { recommendation: 'Rujuk.' });
    await (await t.as('koordinator.cinunuk')).post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer' });
    const sent = await officer.post('/api/v1/referrals', { caseId: c.id, needId: c.needs[0]!.id, serviceId: await serviceId(t.deps), reason: 'Mohon dibantu jadwal di RSUD.' });
    const seen = (await (await t.as('mitra.dinkes')).get(`/api/v1/referrals/${sent.body.id}`)).body;
    expect(seen).toMatchObject({ sector: 'health', needUrgency: 'high', reason: 'Mohon dibantu jadwal di RSUD.', needSummary: 'Cuci darah rutin dua kali seminggu untuk istri', caseId: null, personId: null });
  });
});

describe('a declined referral hands the need back (issue 12, item 6)', () => {
  it('reopens the need in the referring office\'s worklist and tracking says it is being arranged again; a new referral takes it on', async () => {
    const { husband, c } = await familyCase();
    const officer = await t.as('puskesos.cinunuk');
    const partner = await t.as('mitra.dinkes');
    await officer.post(`/api/v1/cases/${c.id}/check-registry`, {});
    await officer.post(`/api/v1/cases/${c.id}/recommend`, { recommendation: 'Rujuk.' });
    await (await t.as('koordinator.cinunuk')).post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer' });
    const needId = c.needs[0]!.id;
    const sent = await officer.post('/api/v1/referrals', { caseId: c.id, needId, serviceId: await serviceId(t.deps) });
    expect(ids(await officer.get('/api/v1/cases?list=returned'))).not.toContain(c.id);

    expect((await partner.post(`/api/v1/referrals/${sent.body.id}/decline`, { reason: 'Kuota bulan ini penuh' })).status).toBe(200);
    const kase = (await officer.get(`/api/v1/cases/${c.id}`)).body;
    const need = kase.needs.find((n: { id: string }) => n.id === needId);
    expect(need).toMatchObject({ status: 'open', returnedAt: expect.any(String), statusNote: 'Kuota bulan ini penuh' });
    expect(ids(await officer.get('/api/v1/cases?list=returned'))).toContain(c.id);
    expect((await officer.get('/api/v1/cases/counts')).body.returned).toBeGreaterThanOrEqual(1);
    const nik4 = husband.nik!.slice(-4);
    const tracked = (await t.anonymous().get(`/api/v1/public/track/${c.trackingCode}?nik4=${nik4}`)).body;
    expect(tracked.needs[0]).toEqual({ sector: 'health', status: 'open', arrangingAgain: true });

    const again = await officer.post('/api/v1/referrals', { caseId: c.id, needId, serviceId: await serviceId(t.deps, 'Bantuan biaya pengobatan') });
    expect(again.status).toBe(201);
    expect(ids(await officer.get('/api/v1/cases?list=returned'))).not.toContain(c.id);
    const after = (await t.anonymous().get(`/api/v1/public/track/${c.trackingCode}?nik4=${nik4}`)).body;
    expect(after.needs[0]).toEqual({ sector: 'health', status: 'in_progress', arrangingAgain: false });
  });
});
