import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EligibilityRule, HouseholdScreening, listOf, NATIONAL_PROGRAM_CODES, Program, ProgramDetail, RulePreview, RuleVersion } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK, SOREANG } from '../registry/testing.ts';
import { todayFor } from './catalog.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

/** A household as a registry import leaves it: desil, members with birth dates and relationships, nothing else. */
async function importedFamily(desil: number, village = CINUNUK) {
  const h = await aHousehold(t.deps.db, { village, desil });
  await aPerson(t.deps.db, { household: h, fullName: 'Asep Saepudin', sex: 'M', relationship: 'head', birthDate: '1985-03-02' });
  await aPerson(t.deps.db, { household: h, fullName: 'Euis Kurniasih', sex: 'F', relationship: 'spouse', birthDate: '1988-11-20' });
  const year = Number(todayFor('3204').slice(0, 4));
  await aPerson(t.deps.db, { household: h, fullName: 'Dewi', sex: 'F', relationship: 'child', birthDate: `${year - 9}-01-15` });
  return h;
}

describe('GET /api/v1/programs', () => {
  it('lists the seeded national and village programs with rules in force, amounts marked where unverified', async () => {
    const res = await (await t.as('puskesos.cinunuk')).get('/api/v1/programs', listOf(Program));
    expect(res.status).toBe(200);
    const codes = res.body.items.map((p) => p.code);
    for (const code of NATIONAL_PROGRAM_CODES) expect(codes).toContain(code);
    const pkh = res.body.items.find((p) => p.code === 'PKH');
    expect(pkh?.name).toContain('Program Keluarga Harapan');
    expect(pkh?.benefit.amountVerified).toBe(false);
    expect(pkh?.ruleInForce?.rule.criteria[0]).toEqual({ kind: 'maxDesil', max: 4 });
    const pbi = res.body.items.find((p) => p.code === 'PBI_JK');
    expect(pbi?.benefit).toMatchObject({ amounts: [{ amount: 42000 }], amountVerified: true, period: 'month', unit: 'person' });
    for (const p of res.body.items) expect(EligibilityRule.safeParse(p.ruleInForce?.rule).success).toBe(true);
    expect(res.body.nextCursor).toBeNull();
  });

  it('is readable by the executive (no personal data), refused to the auditor', async () => {
    expect((await (await t.as('eksekutif')).get('/api/v1/programs')).status).toBe(200);
    expect((await (await t.as('auditor')).get('/api/v1/programs')).status).toBe(403);
  });
});

describe('GET /api/v1/households/:id/screening', () => {
  it('desil 2 with a primary-school child: PKH and PBI-JK eligible, with the reasons', async () => {
    const h = await importedFamily(2);
    const officer = await t.as('puskesos.cinunuk');
    officer.locale = 'id';
    const res = await officer.get(`/api/v1/households/${h.id}/screening`, HouseholdScreening);
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.items.map((i) => [i.program, i]));
    expect(by.PKH?.result).toBe('eligible');
    expect(by.PKH?.reasons).toEqual(['Desil 2 ≤ 4', 'Anak usia SD: Dewi, 9 tahun']);
    expect(by.PBI_JK?.result).toBe('eligible');
    expect(by.SEMBAKO?.result).toBe('eligible');
    expect(by.BLT_DD?.result).toBe('unknown');
    expect(by.RTLH?.result).toBe('unknown'); // housing not recorded by the import
    expect(by.PKH?.enrolled).toBe(false);
    officer.locale = 'en';
  });

  it('desil 9 with the same members: not eligible for PKH or PBI-JK', async () => {
    const h = await importedFamily(9);
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/households/${h.id}/screening`, HouseholdScreening);
    const by = Object.fromEntries(res.body.items.map((i) => [i.program, i]));
    expect(by.PKH?.result).toBe('not_eligible');
    expect(by.PKH?.reasons[0]).toBe("Desil 9 > 4 (the program's limit)");
    expect(by.PBI_JK?.result).toBe('not_eligible');
  });

  it('answers 404 outside the caller\'s area and audits the read', async () => {
    const h = await importedFamily(2);
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/households/${h.id}/screening`)).status).toBe(404);
    expect((await (await t.as('supervisor.cileunyi')).get(`/api/v1/households/${h.id}/screening`)).status).toBe(200);
    const other = await importedFamily(2, SOREANG);
    expect((await (await t.as('puskesos.cinunuk')).get(`/api/v1/households/${other.id}/screening`)).status).toBe(404);
    expect((await (await t.as('eksekutif')).get(`/api/v1/households/${h.id}/screening`)).status).toBe(403);
    const { rows } = await t.deps.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'household.screening' AND $1 = ANY(record_ids)", [h.id],
    );
    expect(rows[0]?.n).toBe(1);
  });
});

describe('rule versions and preview', () => {
  const strict = { criteria: [{ kind: 'maxDesil', max: 1 }] };

  it('previews how many households a new version selects before it takes effect, then keeps every version', async () => {
    await importedFamily(1, SOREANG);
    const manager = await t.as('kabupaten');
    const preview = await manager.post('/api/v1/programs/SEMBAKO/rule-preview', { rule: strict, area: '32.04.37.2001' }, RulePreview);
    expect(preview.status).toBe(200);
    expect(preview.body.households).toBeGreaterThan(0);
    expect(preview.body.eligible).toBeGreaterThanOrEqual(1);
    expect(preview.body.current?.eligible).toBeGreaterThanOrEqual(preview.body.eligible);
    expect(preview.body.eligible + preview.body.notEligible + preview.body.unknown).toBe(preview.body.households);

    const today = todayFor('3204');
    const next = `${Number(today.slice(0, 4)) + 1}-01-01`;
    const added = await manager.post('/api/v1/programs/SEMBAKO/rule-versions', { rule: strict, effectiveFrom: next, note: 'Uji coba' }, RuleVersion);
    expect(added.status).toBe(201);
    expect(added.body.version).toBe(2);
    const detail = await manager.get('/api/v1/programs/SEMBAKO', ProgramDetail);
    expect(detail.body.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(detail.body.ruleInForce?.version).toBe(1); // not yet in force
  });

  it('refuses a version starting in the past, a malformed rule, other roles, and an unknown program', async () => {
    const manager = await t.as('kabupaten');
    const past = await manager.post('/api/v1/programs/PKH/rule-versions', { rule: strict, effectiveFrom: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(past.error?.fields?.effectiveFrom).toBeTruthy();
    const bad = await manager.post('/api/v1/programs/PKH/rule-versions', { rule: { criteria: [{ kind: 'maxDesil', max: 11 }] }, effectiveFrom: '2099-01-01' });
    expect(bad.status).toBe(400);
    expect((await (await t.as('puskesos.cinunuk')).post('/api/v1/programs/PKH/rule-versions', { rule: strict, effectiveFrom: '2099-01-01' })).status).toBe(403);
    expect((await manager.post('/api/v1/programs/NOPE/rule-versions', { rule: strict, effectiveFrom: '2099-01-01' })).status).toBe(404);
  });

  it('adds a local program with its first rule; a national code is taken', async () => {
    const manager = await t.as('kabupaten');
    const benefit = { kind: 'premium', description: 'Jaminan kesehatan daerah', currency: 'IDR', period: 'month', unit: 'person', amounts: [], amountVerified: true };
    const created = await manager.post('/api/v1/programs', { code: 'JAMKESDA', name: 'Jaminan Kesehatan Daerah', ownerKind: 'kabupaten', ownerName: 'Dinas Kesehatan', benefit }, Program);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'JAMKESDA', scope: 'local', ruleInForce: null });
    expect((await manager.post('/api/v1/programs', { code: 'PKH', name: 'Lain', ownerKind: 'kabupaten', ownerName: 'Dinas Lain', benefit })).status).toBe(409);
    const today = todayFor('3204');
    expect((await manager.post('/api/v1/programs/JAMKESDA/rule-versions', { rule: { criteria: [{ kind: 'maxDesil', max: 6 }] }, effectiveFrom: today })).status).toBe(201);
    const list = await manager.get('/api/v1/programs', listOf(Program));
    expect(list.body.items.find((p) => p.code === 'JAMKESDA')?.ruleInForce?.version).toBe(1);
    expect((await manager.patch('/api/v1/programs/PKH', { active: false })).status).toBe(400);
  });
});
