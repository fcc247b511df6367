import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK, SOREANG } from '../registry/testing.ts';
import { aReferral } from '../referrals/testing.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

async function household(village = CINUNUK) {
  const h = await aHousehold(t.deps.db, { village, desil: 2 });
  const head = await aPerson(t.deps.db, { household: h, fullName: 'Asep', sex: 'M', relationship: 'head' });
  return { h, head };
}

const food = (householdId: string, over: Record<string, unknown> = {}) => ({
  householdId, category: 'food', form: 'goods', item: 'Beras', quantity: 10, unit: 'kg', valueIdr: 150000,
  fundingSource: 'apbn', program: 'SEMBAKO', deliveredOn: '2026-07-05', ...over,
});

describe('assistance ledger', () => {
  it('records a delivery, and warns when the same kind arrives from another source in the same month', async () => {
    const { h } = await household();
    const officer = await t.as('puskesos.cinunuk');
    const first = await officer.post('/api/v1/assistance', food(h.id));
    expect(first.status).toBe(201);
    expect(first.body.warnings).toEqual([]);
    expect(first.body.delivery).toMatchObject({ program: 'SEMBAKO', category: 'food', period: '2026-07', valueIdr: 150000, recordedBy: 'puskesos.cinunuk' });

    // the same program again in the month: a second tranche, not a duplicate
    expect((await officer.post('/api/v1/assistance', food(h.id, { deliveredOn: '2026-07-20' }))).body.warnings).toEqual([]);
    // food from Baznas in the same month: duplicate warning naming the other source
    const baznas = await officer.post('/api/v1/assistance', food(h.id, { program: null, fundingSource: 'baznas_zakat', deliveredOn: '2026-07-25', valueIdr: 100000 }));
    expect(baznas.status).toBe(201);
    expect(baznas.body.warnings).toHaveLength(1);
    expect(baznas.body.warnings[0]).toMatchObject({ code: 'duplicate_assistance', message: expect.stringContaining('same kind of assistance') });
    expect(baznas.body.warnings[0].others.map((o: { program: string | null }) => o.program)).toEqual(['SEMBAKO', 'SEMBAKO']);
    // another month, or another category: no warning
    expect((await officer.post('/api/v1/assistance', food(h.id, { program: null, fundingSource: 'csr', deliveredOn: '2026-08-01' }))).body.warnings).toEqual([]);
    expect((await officer.post('/api/v1/assistance', food(h.id, { program: null, category: 'health', fundingSource: 'csr', deliveredOn: '2026-07-26' }))).body.warnings).toEqual([]);

    const list = await officer.get(`/api/v1/households/${h.id}/assistance`);
    expect(list.body.items).toHaveLength(5);
  });

  it('a partner records against its referral, sees that there is another source but not its details', async () => {
    const r = await aReferral(t.deps);
    const { rows } = await t.deps.db.query<{ household_id: string }>(
      'SELECT p.household_id FROM referrals r JOIN persons p ON p.id = r.person_id WHERE r.id = $1', [r.id]);
    const householdId = rows[0]!.household_id;
    await (await t.as('puskesos.cinunuk')).post('/api/v1/assistance', food(householdId, { category: 'health', program: null, fundingSource: 'apbd_kabupaten', deliveredOn: '2026-07-02' }));
    const partner = await t.as('mitra.dinkes');
    const recorded = await partner.post('/api/v1/assistance', {
      referralId: r.id, category: 'health', form: 'service', item: 'Pemeriksaan dan obat', valueIdr: 250000, fundingSource: 'apbd_kabupaten', deliveredOn: '2026-07-10',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.delivery).toMatchObject({ householdId, organizationName: 'Dinas Kesehatan Kabupaten Bandung', caseId: r.caseId, referralId: r.id });
    expect(recorded.body.warnings).toHaveLength(1);
    expect(recorded.body.warnings[0].others).toEqual([]);
    // without a referral, or naming a household, a partner records nothing
    expect((await partner.post('/api/v1/assistance', food(householdId))).status).toBe(400);
    expect((await partner.get(`/api/v1/households/${householdId}/assistance`)).status).toBe(403);
  });

  it('a partner checks for duplicates before saving, lists what it delivered per referral and in all; never for a referral it does not hold', async () => {
    const r = await aReferral(t.deps);
    const { rows } = await t.deps.db.query<{ household_id: string }>(
      'SELECT p.household_id FROM referrals r JOIN persons p ON p.id = r.person_id WHERE r.id = $1', [r.id]);
    const householdId = rows[0]!.household_id;
    const partner = await t.as('mitra.dinkes');
    const delivery = { referralId: r.id, category: 'food', form: 'goods', item: 'Paket gizi', quantity: 1, unit: 'paket', valueIdr: 200000, fundingSource: 'csr', deliveredOn: '2026-09-03' };
    // nothing of this kind this month yet: no warning, and the check writes nothing
    const clean = await partner.post('/api/v1/assistance/check', delivery);
    expect(clean.status).toBe(200);
    expect(clean.body).toEqual({ warnings: [] });
    expect((await partner.get(`/api/v1/referrals/${r.id}/assistance`)).body.items).toEqual([]);
    // the village gave food from the APBD this month: the check warns before the partner saves
    await (await t.as('puskesos.cinunuk')).post('/api/v1/assistance', food(householdId, { program: null, fundingSource: 'apbd_kabupaten', deliveredOn: '2026-09-01' }));
    const warned = await partner.post('/api/v1/assistance/check', delivery);
    expect(warned.body.warnings).toHaveLength(1);
    expect(warned.body.warnings[0]).toMatchObject({ code: 'duplicate_assistance', others: [] });
    expect((await partner.post('/api/v1/assistance', delivery)).status).toBe(201);
    const mine = await partner.get(`/api/v1/referrals/${r.id}/assistance`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ referralId: r.id, item: 'Paket gizi', organizationName: 'Dinas Kesehatan Kabupaten Bandung' });
    const all = await partner.get('/api/v1/assistance/partner');
    expect(all.status).toBe(200);
    expect(all.body.items.some((d: { id: string }) => d.id === mine.body.items[0].id)).toBe(true);
    expect(all.body.items.every((d: { organizationName: string }) => d.organizationName === 'Dinas Kesehatan Kabupaten Bandung')).toBe(true);
    // the officer of the area sees it on the referral too; another partner neither checks, records nor reads
    expect((await (await t.as('puskesos.cinunuk')).get(`/api/v1/referrals/${r.id}/assistance`)).body.items).toHaveLength(1);
    // an officer of another partner organization (Baznas)
    const admin = await t.as('admin');
    const baznas = (await admin.get('/api/v1/organizations?q=baznas')).body.items[0];
    await admin.post('/api/v1/users', {
      username: 'mitra.baznas', displayName: 'Petugas Baznas', password: 'a-long-password-1', roles: [{ role: 'partner_officer', organizationId: baznas.id }],
    });
    const other = await t.as('mitra.baznas', 'a-long-password-1');
    expect((await other.post('/api/v1/assistance/check', delivery)).status).toBe(400);
    expect((await other.post('/api/v1/assistance', delivery)).status).toBe(400);
    expect((await other.get(`/api/v1/referrals/${r.id}/assistance`)).status).toBe(404);
    expect((await other.get('/api/v1/assistance/partner')).body.items.some((d: { referralId: string }) => d.referralId === r.id)).toBe(false);
  });

  it('scopes deliveries by area and validates the input', async () => {
    const { h } = await household(SOREANG);
    const officer = await t.as('puskesos.cinunuk');
    expect((await officer.post('/api/v1/assistance', food(h.id))).status).toBe(404);
    expect((await officer.get(`/api/v1/households/${h.id}/assistance`)).status).toBe(404);
    const bad = await officer.post('/api/v1/assistance', food(h.id, { fundingSource: 'lottery' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.fundingSource).toBeTruthy();
    const mine = await household();
    const other = await household();
    const wrongPerson = await officer.post('/api/v1/assistance', food(mine.h.id, { personId: other.head.id }));
    expect(wrongPerson.status).toBe(400);
    expect(wrongPerson.body.error.fields.personId).toBeTruthy();
  });

  it('totals by source, program, area and month, with duplicates counted; aggregates only, small counts suppressed for the executive', async () => {
    const totals = await (await t.as('kabupaten')).get('/api/v1/assistance/totals?from=2026-07&to=2026-07');
    expect(totals.body.suppressed).toBe(false);
    expect(totals.status).toBe(200);
    expect(totals.body.area.code).toBe('32.04');
    const bySource = Object.fromEntries(totals.body.bySource.map((r: { key: string; valueIdr: number }) => [r.key, r.valueIdr]));
    expect(bySource.apbn).toBeGreaterThanOrEqual(300000);
    expect(bySource.baznas_zakat).toBeGreaterThanOrEqual(100000);
    expect(totals.body.byProgram.find((r: { key: string }) => r.key === 'SEMBAKO').count).toBeGreaterThanOrEqual(2);
    expect(totals.body.byArea.find((r: { key: string }) => r.key === '32.04.05').label).toBe('Cileunyi');
    expect(totals.body.byPeriod.map((r: { key: string }) => r.key)).toEqual(['2026-07']);
    expect(totals.body.duplicates).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(totals.body)).not.toContain('Asep');
    // the executive: the same values, counts of 1-4 as "<5", and a count that would reveal one as "x"
    const exec = (await (await t.as('eksekutif')).get('/api/v1/assistance/totals?from=2026-07&to=2026-07')).body;
    expect(exec.suppressed).toBe(true);
    expect(exec.total.valueIdr).toBe(totals.body.total.valueIdr);
    const shown = [exec.total, ...exec.bySource, ...exec.byProgram, ...exec.byArea, ...exec.byPeriod].flatMap((r: { count: unknown; households: unknown }) => [r.count, r.households]);
    expect(shown.some((v) => v === '<5')).toBe(true);
    expect(shown.every((v) => v === '<5' || v === 'x' || v === 0 || (typeof v === 'number' && v >= 5))).toBe(true);
    expect((await (await t.as('puskesos.soreang')).get('/api/v1/assistance/totals?area=32.04.05')).status).toBe(404);
  });
});
