import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssistanceRecorded, FundingLine, MonthlyReport, OutreachView, PuskesosProfile } from '@slrt/core';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aCase } from '../cases/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { aProposal } from '../proposals/testing.ts';
import { aHousehold, CINUNUK, SOREANG } from '../registry/testing.ts';
import { pdfText } from '../letters/pdf-text.ts';
import { anOfficer } from '../puskesos/testing.ts';

/**
 * The monthly report against data counted by hand: in Cinunuk three cases (two open, one
 * referred to Dinas Kesehatan), each with a health and an education need; one usulan; one
 * outreach reaching 45; a confirmed Dana Desa line of Rp 10,000,000. In the assistance ledger
 * (two years ago, the demo's deliveries are this month and last), one household given Sembako (APBN, Rp 150,000) and Baznas food (Rp 100,000),
 * another Dana Desa cash (Rp 300,000), and one of the year before that does not count. In
 * Soreang one case and one CSR delivery (Rp 50,000). Nothing in the other villages of
 * Kecamatan Cileunyi; Cileunyi Wetan has a front-office officer, the only officer anywhere.
 */
let t: TestApp;
const now = new Date();
const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' }).format(now).split('-');
const PERIOD = `${year}-${month}`;
const QUARTER = `${year}-Q${Math.ceil(Number(month) / 3)}`;
const LEDGER_MONTH = `${Number(year) - 2}-${month}`;
const DINAS = 'DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT DESA';

beforeAll(async () => {
  t = await createTestApp({ dinasName: DINAS, dinasAddress: 'Jl. Raya Soreang Km 17, Soreang' });
  await aCase(t.deps);
  await aCase(t.deps, { fastTrack: true });
  await aReferral(t.deps);
  await aCase(t.deps, { as: 'puskesos.soreang', village: SOREANG });
  await aProposal(t.deps);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(now);
  await (await t.as('puskesos.cinunuk')).post(`/api/v1/puskesos/${CINUNUK}/outreach`, { heldOn: today, place: 'Balai Desa', audience: 'Kader Posyandu', reached: 45, byName: 'Dedi (TKSK)', byKind: 'tksk' }, OutreachView);
  const line = await (await t.as('koordinator.cinunuk')).post(`/api/v1/puskesos/${CINUNUK}/funding`, { year: Number(year), source: 'dana_desa', kind: 'budget', category: 'operational', amount: 10_000_000 }, FundingLine);
  await (await t.as('supervisor.cileunyi')).post(`/api/v1/puskesos-funding/${line.body.id}/confirm`, {}, FundingLine);
  await (await t.as('kabupaten')).put(`/api/v1/puskesos/${CINUNUK}`, { status: 'active', host: 'village_office', population: 40000 }, PuskesosProfile);
  await anOfficer(t.deps, { village: '32.04.05.2002', position: 'front_office' });
  const [h1, h2, h3] = [await aHousehold(t.deps.db, { village: CINUNUK }), await aHousehold(t.deps.db, { village: CINUNUK }), await aHousehold(t.deps.db, { village: SOREANG })];
  const deliver = async (user: string, householdId: string, over: Record<string, unknown>) => {
    const res = await (await t.as(user)).post('/api/v1/assistance', { householdId, category: 'food', form: 'goods', deliveredOn: `${LEDGER_MONTH}-10`, ...over }, AssistanceRecorded);
    expect(res.status).toBe(201);
  };
  await deliver('puskesos.cinunuk', h1.id, { program: 'SEMBAKO', fundingSource: 'apbn', valueIdr: 150_000 });
  await deliver('puskesos.cinunuk', h1.id, { fundingSource: 'baznas_zakat', valueIdr: 100_000 });
  await deliver('puskesos.cinunuk', h2.id, { category: 'cash', form: 'cash', fundingSource: 'dana_desa', valueIdr: 300_000 });
  await deliver('puskesos.cinunuk', h2.id, { category: 'cash', form: 'cash', fundingSource: 'dana_desa', valueIdr: 999_000, deliveredOn: `${Number(year) - 3}-${month}-10` });
  await deliver('puskesos.soreang', h3.id, { fundingSource: 'csr', valueIdr: 50_000 });
});
afterAll(() => t.close());

const report = (area: string, period = PERIOD, format = 'json') => `/api/v1/reports/monthly?area=${area}&period=${period}&format=${format}`;

describe('monthly report', () => {
  it('counts a village\'s month as counted by hand', async () => {
    const res = await (await t.as('koordinator.cinunuk')).get(report(CINUNUK), MonthlyReport);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.area).toEqual({ code: CINUNUK, name: 'Cinunuk', level: 'village' });
    expect(r.suppressed).toBe(false);
    expect(r.cases).toMatchObject({ registered: 3, resolved: 0, closed: 0, openAtEnd: 3, byDecision: { refer: 1, undecided: 2, handle_directly: 0, reject: 0 } });
    const sectors = Object.fromEntries(r.cases.bySector.map((s) => [s.sector, s.registered]));
    expect(sectors).toMatchObject({ health: 3, education: 3, housing: 0 });
    expect(r.referrals).toMatchObject({ sent: 1, byResult: { open: 1, fulfilled: 0, declined: 0 }, byPartner: [{ name: 'Dinas Kesehatan Kabupaten Bandung', sent: 1, completed: 0, declined: 0 }] });
    expect(r.proposals).toMatchObject({ entered: 1, byType: { change: 1, new: 0, deactivate: 0 } });
    expect(r.outreach).toMatchObject({ sessions: 1, reached: 45 });
    expect(r.outreach.byKind.find((k: { kind: string }) => k.kind === 'tksk')).toEqual({ kind: 'tksk', sessions: 1, reached: 45 });
    expect(r.funding.find((f: { source: string }) => f.source === 'dana_desa')).toEqual({ source: 'dana_desa', budget: 10_000_000, spending: 0 });
    expect(r.capacity).toMatchObject({ puskesos: 1, active: 1, withoutBuilding: 0, officers: 0, vacancies: 3 });
    expect(r.capacity.vacanciesByPosition).toEqual([{ position: 'koordinator', vacancies: 1 }, { position: 'front_office', vacancies: 1 }, { position: 'back_office', vacancies: 1 }]);
    expect(r.villages).toEqual([{ code: CINUNUK, name: 'Cinunuk', kecamatanName: 'Cileunyi', cases: 3, referrals: 1, proposals: 1, outreach: 1, reported: true }]);
    expect(r.silentVillages).toEqual([]);
    expect(r.cases.medianDaysToFirstAction).not.toBeNull();
  });

  it('adds up the kecamatan and the kabupaten, and lists the villages that reported nothing', async () => {
    const kec = (await (await t.as('supervisor.cileunyi')).get(report('32.04.05'), MonthlyReport)).body;
    expect(kec.cases.registered).toBe(3);
    expect(kec.villages).toHaveLength(6);
    expect(kec.silentVillages).toHaveLength(5);
    expect(kec.silentVillages.map((v: { code: string }) => v.code)).not.toContain(CINUNUK);
    expect(kec.capacity.puskesos).toBe(6);
    // vacancies by position: nobody in the six villages has an officer yet but Cileunyi Wetan's front office
    expect(kec.capacity.vacanciesByPosition).toEqual([{ position: 'koordinator', vacancies: 6 }, { position: 'front_office', vacancies: 5 }, { position: 'back_office', vacancies: 6 }]);
    const kab = (await (await t.as('kabupaten')).get(report('32.04'), MonthlyReport)).body;
    expect(kab.cases.registered).toBe(4);
    expect(kab.villages).toHaveLength(280);
    expect(kab.silentVillages).toHaveLength(278);
    expect(kab.silentVillages.map((v: { code: string }) => v.code)).not.toContain(SOREANG);
    // the quarter and the year hold the month; last year holds nothing
    expect((await (await t.as('kabupaten')).get(report('32.04', QUARTER), MonthlyReport)).body.cases.registered).toBe(4);
    expect((await (await t.as('kabupaten')).get(report('32.04', year), MonthlyReport)).body.cases.registered).toBe(4);
    expect((await (await t.as('kabupaten')).get(report('32.04', String(Number(year) - 1)), MonthlyReport)).body.cases.registered).toBe(0);
  });

  it('suppresses small counts for the village head and the executive', async () => {
    const v = (await (await t.as('kades.cinunuk')).get(report(CINUNUK), MonthlyReport)).body;
    expect(v.suppressed).toBe(true);
    expect(v.cases.registered).toBe('<5');
    expect(v.referrals.sent).toBe('<5');
    expect(v.villages[0]!.cases).toBe('<5');
    expect(v.cases.medianDaysToFirstAction).toBeNull();
    // not about residents: stays
    expect(v.outreach.reached).toBe(45);
    expect(v.capacity.puskesos).toBe(1);
    const e = (await (await t.as('eksekutif')).get(report('32.04'), MonthlyReport)).body;
    expect(e.suppressed).toBe(true);
    expect(e.cases.registered).toBe('<5');
    expect(JSON.stringify(e)).not.toMatch(/\d{16}/);
  });

  it('counts the assistance ledger\'s deliveries of the period by funding source', async () => {
    const source = (r: { assistance: { bySource: Array<{ source: string }> } }, s: string) => r.assistance.bySource.find((x) => x.source === s);
    const v = (await (await t.as('koordinator.cinunuk')).get(report(CINUNUK, LEDGER_MONTH), MonthlyReport)).body;
    expect(v.assistance).toMatchObject({ deliveries: 3, households: 2, valueIdr: 550_000 });
    expect(source(v, 'apbn')).toEqual({ source: 'apbn', deliveries: 1, households: 1, valueIdr: 150_000 });
    expect(source(v, 'baznas_zakat')).toEqual({ source: 'baznas_zakat', deliveries: 1, households: 1, valueIdr: 100_000 });
    expect(source(v, 'dana_desa')).toEqual({ source: 'dana_desa', deliveries: 1, households: 1, valueIdr: 300_000 });
    expect(source(v, 'csr')).toEqual({ source: 'csr', deliveries: 0, households: 0, valueIdr: 0 });
    const kab = (await (await t.as('kabupaten')).get(report('32.04', LEDGER_MONTH), MonthlyReport)).body;
    expect(kab.assistance).toMatchObject({ deliveries: 4, households: 3, valueIdr: 600_000 });
    expect(source(kab, 'csr')).toEqual({ source: 'csr', deliveries: 1, households: 1, valueIdr: 50_000 });
    // the earlier delivery counts in its own year only
    expect((await (await t.as('kabupaten')).get(report(CINUNUK, String(Number(year) - 3)), MonthlyReport)).body.assistance).toMatchObject({ deliveries: 1, valueIdr: 999_000 });
    // the village head sees the values, and the counts about residents suppressed
    const head = (await (await t.as('kades.cinunuk')).get(report(CINUNUK, LEDGER_MONTH), MonthlyReport)).body;
    expect(head.assistance).toMatchObject({ deliveries: '<5', households: '<5', valueIdr: 550_000 });
    // the workbook has the section
    const reader = await t.as('kabupaten');
    reader.locale = 'id';
    const xlsx = await reader.get(report(CINUNUK, LEDGER_MONTH, 'xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('bantuan')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['Dana Desa', 1, 1, 300_000]);
  });

  it('answers the scope: 404 outside it, 403 without the permission, 400 naming a bad period or area', async () => {
    expect((await (await t.as('kades.cinunuk')).get(report('32.04.05'), MonthlyReport)).status).toBe(404);
    expect((await (await t.as('koordinator.cinunuk')).get(report('32.04.05.2002'), MonthlyReport)).status).toBe(404);
    expect((await (await t.as('supervisor.cileunyi')).get(report('32.04.37'), MonthlyReport)).status).toBe(404);
    expect((await (await t.as('supervisor.cileunyi')).get(report('32.04'), MonthlyReport)).status).toBe(404);
    for (const user of ['mitra.dinkes', 'fasilitator.cinunuk', 'auditor']) expect((await (await t.as(user)).get(report(CINUNUK), MonthlyReport)).status, user).toBe(403);
    const badPeriod = await (await t.as('kabupaten')).get(report('32.04', '2026-13'), MonthlyReport);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.error?.fields).toHaveProperty('period');
    const badArea = await (await t.as('kabupaten')).get(report('32-04-xx'), MonthlyReport);
    expect(badArea.status).toBe(400);
    expect(badArea.error?.fields).toHaveProperty('area');
  });

  it('prints as a PDF with the installation\'s Dinas letterhead, and as an XLSX workbook', async () => {
    const sup = await t.as('supervisor.cileunyi');
    const kab = await t.as('kabupaten');
    sup.locale = 'id';
    kab.locale = 'id';
    const pdf = await sup.get(report('32.04.05', PERIOD, 'pdf'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="laporan-slrt-320405-${PERIOD}.pdf"`);
    const text = await pdfText(pdf.raw.rawPayload);
    for (const s of ['PEMERINTAH KABUPATEN BANDUNG', DINAS, 'Jl. Raya Soreang Km 17, Soreang', 'LAPORAN SLRT', 'Kecamatan Cileunyi', 'Kasus terdaftar', 'Desa/kelurahan tanpa kegiatan (5)', 'Cileunyi Wetan']) {
      expect(text, s).toContain(s);
    }
    const xlsx = await kab.get(report(CINUNUK, PERIOD, 'xlsx'));
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const cases = wb.getWorksheet('kasus')!;
    const rows = cases.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['Kasus terdaftar', 3]);
    expect(rows).toContainEqual(['Dirujuk ke mitra layanan', 1]);
  });
});
