import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CASE_STATUSES, DESIL_BANDS, PROPOSAL_STATUSES, REFERRAL_STATUSES, type Counted, type StatsOverview } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CILEUNYI_WETAN, CINUNUK, DAYEUHKOLOT, SOREANG } from '../registry/testing.ts';
import { buildStatsFixture } from './testing.ts';

/**
 * The dashboard's figures against data built with the domains' own builders (testing.ts), in a
 * database where this file made every case, referral and proposal (tests seed no demo cases).
 */

let t: TestApp;
const KEC_CILEUNYI = '32.04.05';
const CODE_COLUMNS: Record<string, string> = { 'Section code': 'section_code', 'Figure code': 'metric_code', 'Detail code': 'key_code' };
/** The CSV report's rows by header (the English one), its three code columns named by what they hold. */
const csvRows = (text: string) => parse(text, { bom: true, columns: (h: string[]) => h.map((c) => CODE_COLUMNS[c] ?? c) }) as Array<Record<string, string>>;
const KEC_SOREANG = '32.04.37';
const KEC_DAYEUHKOLOT = '32.04.12';
let builtNames: string[] = [];

/** A period holding every case of this file (some are dated 2025-01-01 below). */
const ALL = 'from=2024-01-01&to=2030-12-31';

async function shownOverview(username: string, area?: string, period = ALL): Promise<StatsOverview> {
  const res = await (await t.as(username)).get<StatsOverview>(`/api/v1/stats/overview?${period}${area ? `&area=${area}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The figures of a caller with personal-data access: every count a number. */
async function overview(username: string, area?: string, period = ALL): Promise<Counted<StatsOverview>> {
  const body = await shownOverview(username, area, period);
  expect(body.suppressed).toBe(false);
  expect(JSON.stringify(body)).not.toMatch(/"(<5|x)"/);
  return body as Counted<StatsOverview>;
}

beforeAll(async () => {
  t = await createTestApp();
  builtNames = await buildStatsFixture(t.deps);
}, 240_000);
afterAll(() => t?.close());

describe('GET /api/v1/stats/overview', () => {
  it('counts the cases of the kabupaten by status, sector, overdue, fast track, with medians', async () => {
    const s = await overview('kabupaten');
    expect(s.area).toEqual({ code: '32.04', name: expect.any(String), level: 'kabupaten' });
    expect(s.childLevel).toBe('kecamatan');
    expect(s.cases).toMatchObject({
      total: 12, open: 10, overdue: 1, fastTrack: 1, fastTrackOpen: 1, escalatedOpen: 1,
      medianDaysToFirstAction: 3.5, medianDaysToClose: 5.5,
    });
    expect(s.cases.byStatus).toEqual({ ...Object.fromEntries(CASE_STATUSES.map((x) => [x, 0])), registered: 5, in_progress: 5, resolved: 1, closed: 1 });
    const sector = (code: string) => s.cases.bySector.find((x) => x.sector === code);
    expect(sector('health')).toEqual({ sector: 'health', total: 11, open: 9 });
    expect(sector('education')).toEqual({ sector: 'education', total: 11, open: 9 });
    expect(sector('housing')).toEqual({ sector: 'housing', total: 1, open: 1 });
    expect(sector('disaster')).toEqual({ sector: 'disaster', total: 0, open: 0 });
  });

  it('counts referrals by status, acceptance, medians, overdue, and per partner organization', async () => {
    const s = await overview('kabupaten');
    expect(s.referrals).toMatchObject({ total: 5, open: 3, overdue: 1, acceptanceRate: 0.667, medianDaysToAccept: 2, medianDaysToComplete: 6 });
    expect(s.referrals.byStatus).toEqual({ ...Object.fromEntries(REFERRAL_STATUSES.map((x) => [x, 0])), sent: 2, accepted: 1, declined: 1, completed: 1 });
    expect(s.referrals.partners).toEqual([
      { name: 'Dinas Kesehatan Kabupaten Bandung', sent: 4, accepted: 2, completed: 1, declined: 1, open: 2, overdue: 1, acceptanceRate: 0.667 },
      { name: 'BPJS Kesehatan Kantor Cabang Soreang', sent: 1, accepted: 0, completed: 0, declined: 0, open: 1, overdue: 0, acceptanceRate: null },
    ]);
  });

  it('counts proposals by status and those waiting for the national side', async () => {
    const s = await overview('kabupaten');
    expect(s.proposals.byStatus).toEqual({ ...Object.fromEntries(PROPOSAL_STATUSES.map((x) => [x, 0])), sent: 1, awaiting_verification: 1, verified: 1 });
    expect(s.proposals).toMatchObject({ total: 3, inProgress: 2, waitingNational: 1 });
  });

  it('breaks the kabupaten down by kecamatan, and a kecamatan by village', async () => {
    const s = await overview('kabupaten');
    expect(s.children.length).toBe(31);
    const cileunyi = s.children.find((c) => c.code === KEC_CILEUNYI)!;
    expect(cileunyi).toMatchObject({
      name: 'Cileunyi', casesTotal: 11, casesOpen: 9, casesOverdue: 1, fastTrackOpen: 1,
      referralsTotal: 5, referralsOpen: 3, referralsOverdue: 1, proposalsInProgress: 2, puskesosOfficers: 2,
    });
    expect(s.children.find((c) => c.code === KEC_SOREANG)).toMatchObject({ casesTotal: 1, casesOpen: 1, referralsTotal: 0, puskesosOfficers: 1 });
    expect(s.children.reduce((n, c) => n + c.casesTotal, 0)).toBe(s.cases.total);
    expect(s.children.reduce((n, c) => n + c.residents, 0)).toBe(s.residents.total);

    const kec = await overview('kabupaten', KEC_CILEUNYI);
    expect(kec.area).toMatchObject({ code: KEC_CILEUNYI, level: 'kecamatan' });
    expect(kec.parents.map((p) => p.code)).toEqual(['32.04']);
    expect(kec.childLevel).toBe('village');
    expect(kec.children.find((c) => c.code === CINUNUK)).toMatchObject({ casesTotal: 10, casesOpen: 8, puskesosOfficers: 2 });
    expect(kec.children.find((c) => c.code === CILEUNYI_WETAN)).toMatchObject({ casesTotal: 1, casesOpen: 1, puskesosOfficers: 0 });
    expect(kec.cases.total).toBe(11);

    const village = await overview('kabupaten', '3204052004');
    expect(village.area).toMatchObject({ code: CINUNUK, level: 'village' });
    expect(village.parents.map((p) => p.code)).toEqual(['32.04', KEC_CILEUNYI]);
    expect(village.childLevel).toBeNull();
    expect(village.children.map((c) => c.code)).toEqual([CINUNUK]);
  });

  it('shows the Puskesos load per village, the heaviest first (a village with cases and no officer account at the top)', async () => {
    const s = await overview('kabupaten');
    expect(s.puskesosLoad.length).toBeGreaterThan(200);
    expect(s.puskesosLoad.slice(0, 3)).toEqual([
      { code: CILEUNYI_WETAN, name: expect.any(String), kecamatanName: 'Cileunyi', officers: 0, openCases: 1, overdue: 0, casesPerOfficer: null, overdueShare: 0 },
      // open village cases: registered 2 (one overdue) and the five referred ones; the escalated one is the kecamatan's
      { code: CINUNUK, name: 'Cinunuk', kecamatanName: 'Cileunyi', officers: 2, openCases: 7, overdue: 1, casesPerOfficer: 3.5, overdueShare: 0.143 },
      { code: SOREANG, name: 'Soreang', kecamatanName: 'Soreang', officers: 1, openCases: 1, overdue: 0, casesPerOfficer: 1, overdueShare: 0 },
    ]);
    const kec = await overview('supervisor.cileunyi');
    expect(kec.area.code).toBe(KEC_CILEUNYI);
    expect(kec.puskesosLoad.every((l) => l.code.startsWith(`${KEC_CILEUNYI}.`))).toBe(true);
    expect(kec.puskesosLoad[0]!.code).toBe(CILEUNYI_WETAN);
  });

  it('counts residents by registry status and desil band, in the area and its kecamatan', async () => {
    const before = await overview('kabupaten');
    const beforeVillage = await overview('supervisor.cileunyi', CILEUNYI_WETAN);
    const db = t.deps.db;
    const poor = await aHousehold(db, { village: CILEUNYI_WETAN, desil: 1 });
    const people = [
      await aPerson(db, { household: poor, fullName: 'Entin Supartini', desil: 1 }),
      await aPerson(db, { household: poor, fullName: 'Asep Hidayat', sex: 'M', desil: 1 }),
      await aPerson(db, { village: CILEUNYI_WETAN, fullName: 'Iis Rohaeti', desil: 3 }),
      await aPerson(db, { village: CILEUNYI_WETAN, fullName: 'Nining Suryani', registryStatus: 'not_registered' }),
      await aPerson(db, { village: CILEUNYI_WETAN, fullName: 'Odih Suhendar', sex: 'M', registryStatus: 'inactive', inactiveReason: 'deceased', desil: 8 }),
      await aPerson(db, { village: CILEUNYI_WETAN, fullName: 'Yayah Rukayah', registryStatus: 'proposed', desil: 5 }),
      await aPerson(db, { village: DAYEUHKOLOT, fullName: 'Ade Rohman', sex: 'M', desil: 9 }),
    ];
    builtNames.push(...people.map((p) => p.fullName));
    const after = await overview('kabupaten');
    const village = await overview('supervisor.cileunyi', CILEUNYI_WETAN);

    const delta = (x: Counted<StatsOverview>, y: Counted<StatsOverview>) => ({
      total: x.residents.total - y.residents.total,
      active: x.residents.active - y.residents.active,
      byStatus: Object.fromEntries(Object.entries(x.residents.byStatus).map(([k, v]) => [k, v - y.residents.byStatus[k as 'registered']])),
      byDesil: Object.fromEntries(Object.entries(x.residents.byDesil).map(([k, v]) => [k, v - y.residents.byDesil[k as 'none']])),
    });
    const none = Object.fromEntries(DESIL_BANDS.map((b) => [b, 0]));
    expect(delta(village, beforeVillage)).toEqual({
      total: 6, active: 5,
      byStatus: { registered: 3, proposed: 1, not_registered: 1, inactive: 1 },
      byDesil: { ...none, 1: 2, 3: 1, 5: 1, none: 1 },
    });
    expect(delta(after, before)).toEqual({
      total: 7, active: 6,
      byStatus: { registered: 4, proposed: 1, not_registered: 1, inactive: 1 },
      byDesil: { ...none, 1: 2, 3: 1, 5: 1, '6-10': 1, none: 1 },
    });
    const child = (s: Counted<StatsOverview>, code: string) => s.children.find((c) => c.code === code)!.residents;
    expect(child(after, KEC_CILEUNYI) - child(before, KEC_CILEUNYI)).toBe(6);
    expect(child(after, KEC_DAYEUHKOLOT) - child(before, KEC_DAYEUHKOLOT)).toBe(1);
    expect(village.residents.byDesil).toBeDefined();
    expect(Object.values(after.residents.byDesil).reduce((n, v) => n + v, 0)).toBe(after.residents.active);
  });

  it('defaults to the caller\'s area: a Puskesos officer sees their village only', async () => {
    const cinunuk = await overview('puskesos.cinunuk');
    expect(cinunuk.area.code).toBe(CINUNUK);
    expect(cinunuk.parents).toEqual([]);
    expect(cinunuk.cases.total).toBe(10);
    expect(cinunuk.puskesosLoad.map((l) => l.code)).toEqual([CINUNUK]);
    const soreang = await overview('puskesos.soreang');
    expect(soreang.area.code).toBe(SOREANG);
    expect(soreang.cases.total).toBe(1);
    expect(soreang.referrals.total).toBe(0);
    expect(soreang.referrals.partners).toEqual([]);
  });

  it('gives the executive the same figures with counts 1-4 as <5 and their complements hidden', async () => {
    const exec = await shownOverview('eksekutif');
    const manager = await overview('kabupaten');
    expect(exec.suppressed).toBe(true);
    // leaf by leaf: equal, or a small count shown as <5, or hidden as a complement, or a withheld rate
    const leaves = (v: unknown, path = ''): Array<[string, unknown]> =>
      Array.isArray(v) || (v && typeof v === 'object')
        ? Object.entries(v).flatMap(([k, x]) => leaves(x, `${path}.${k}`))
        : [[path, v]];
    const shown = new Map(leaves(exec));
    let small = 0;
    let complements = 0;
    for (const [path, value] of leaves(manager)) {
      if (path === '.generatedAt' || path === '.suppressed') continue;
      const e = shown.get(path);
      if (typeof value === 'number' && value >= 1 && value <= 4 && !/officers|Officers|Days|Rate|Share|casesPerOfficer/.test(path)) {
        expect(e, path).toBe('<5');
        small++;
      } else if (e === 'x') {
        expect(value, path).toBeGreaterThanOrEqual(0);
        complements++;
      } else if (e === null && value !== null) {
        expect(path, path).toMatch(/Days|Rate|Share|casesPerOfficer/);
      } else {
        expect(e, path).toEqual(value);
      }
    }
    expect(small).toBeGreaterThan(5);
    expect(complements).toBeGreaterThan(0);
    // a status breakdown with a hidden status never has exactly one hidden (total minus the rest)
    for (const byStatus of [exec.cases.byStatus, exec.referrals.byStatus, exec.proposals.byStatus, exec.residents.byStatus]) {
      const hidden = Object.values(byStatus).filter((v) => typeof v !== 'number').length;
      expect(hidden === 0 || hidden >= 2, JSON.stringify(byStatus)).toBe(true);
    }
    // same for each child-area column summing to the area's total (the total counts as a hidden cell)
    const totals = {
      residents: exec.residents.total, casesTotal: exec.cases.total, casesOpen: exec.cases.open,
      referralsTotal: exec.referrals.total, referralsOpen: exec.referrals.open,
    } as const;
    for (const [col, total] of Object.entries(totals) as Array<[keyof typeof totals, unknown]>) {
      const hidden = exec.children.filter((c) => typeof c[col] !== 'number').length + (typeof total === 'number' ? 0 : 1);
      expect(hidden === 0 || hidden >= 2, `${col} ${JSON.stringify(exec.children.map((c) => c[col]))}`).toBe(true);
    }

    // every key is one of the aggregate fields; no value is a NIK, an id or a resident's name
    const ALLOWED = new Set([
      'area', 'parents', 'childLevel', 'generatedAt', 'readFrom', 'replica', 'lagSeconds', 'period', 'from', 'to', 'residents', 'cases', 'referrals', 'proposals', 'children', 'puskesosLoad',
      'code', 'name', 'level', 'total', 'active', 'byStatus', 'byDesil', 'open', 'bySector', 'sector', 'overdue', 'fastTrack',
      'fastTrackOpen', 'escalatedOpen', 'medianDaysToFirstAction', 'medianDaysToClose', 'acceptanceRate', 'medianDaysToAccept',
      'medianDaysToComplete', 'partners', 'sent', 'accepted', 'completed', 'declined', 'inProgress', 'waitingNational',
      'residents', 'casesTotal', 'casesOpen', 'casesOverdue', 'referralsTotal', 'referralsOpen', 'referralsOverdue',
      'proposalsInProgress', 'puskesosOfficers', 'kecamatanName', 'officers', 'openCases', 'casesPerOfficer', 'overdueShare',
      ...CASE_STATUSES, ...REFERRAL_STATUSES, ...PROPOSAL_STATUSES, ...DESIL_BANDS, 'registered', 'proposed', 'not_registered', 'inactive',
    ]);
    const keys = new Set<string>();
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
      } else if (typeof v === 'string') strings.push(v);
    };
    walk(exec);
    keys.delete('suppressed');
    expect([...keys].filter((k) => !ALLOWED.has(k))).toEqual([]);
    const json = JSON.stringify(exec);
    expect(json).not.toMatch(/\d{16}/);
    expect(json).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    for (const name of [...builtNames, 'Ujang Suparman', 'Siti Aminah', 'Petugas Puskesos Cinunuk']) expect(json).not.toContain(name);
    expect(strings.length).toBeGreaterThan(0);
  });

  it('writes no audit event for the figures (aggregates, non-personal permission)', async () => {
    await t.as('eksekutif');
    const count = async () => Number((await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE actor_name = 'eksekutif'`)).rows[0]!.n);
    const before = await count();
    await shownOverview('eksekutif');
    await shownOverview('eksekutif', KEC_CILEUNYI);
    expect(await count()).toBe(before);
  });

  it('answers 404 for an area outside the caller\'s scope or unknown, 400 naming the field for a malformed one', async () => {
    const officer = await t.as('puskesos.cinunuk');
    expect((await officer.get(`/api/v1/stats/overview?area=${KEC_CILEUNYI}`)).status).toBe(404);
    expect((await officer.get(`/api/v1/stats/overview?area=${CILEUNYI_WETAN}`)).status).toBe(404);
    const supervisor = await t.as('supervisor.cileunyi');
    expect((await supervisor.get('/api/v1/stats/overview?area=32.04')).status).toBe(404);
    expect((await supervisor.get(`/api/v1/stats/overview?area=${SOREANG}`)).status).toBe(404);
    expect((await supervisor.get(`/api/v1/stats/overview.csv?area=${KEC_SOREANG}`)).status).toBe(404);
    const manager = await t.as('kabupaten');
    const unknown = await manager.get('/api/v1/stats/overview?area=32.04.05.2999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await manager.get('/api/v1/stats/overview?area=32.73')).status).toBe(404);
    for (const bad of ['abc', '32.4', '3204.05', "32.04'--"]) {
      const res = await manager.get(`/api/v1/stats/overview?area=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('validation');
      expect(Object.keys(res.body.error.fields)).toEqual(['area']);
    }
    const long = await manager.get(`/api/v1/stats/overview?area=${'1'.repeat(30)}`);
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.error.fields)).toEqual(['area']);
  });

  it('refuses roles without stats.read (403) and anonymous callers (401)', async () => {
    for (const username of ['fasilitator.cinunuk', 'auditor', 'mitra.dinkes']) {
      const client = await t.as(username);
      expect((await client.get('/api/v1/stats/overview')).status, username).toBe(403);
      expect((await client.get('/api/v1/stats/overview.csv')).status, username).toBe(403);
    }
    expect((await t.anonymous().get('/api/v1/stats/overview')).status).toBe(401);
  });
});

describe('GET /api/v1/stats/overview.csv', () => {
  it('sends the executive the suppressed figures: small counts as <5', async () => {
    const res = await (await t.as('eksekutif')).get(`/api/v1/stats/overview.csv?area=32.04&${ALL}`);
    expect(res.status).toBe(200);
    const rows = csvRows(String(res.body));
    expect(rows.find((r) => r.section_code === 'partner' && r.metric_code === 'declined' && r.Detail === 'Dinas Kesehatan Kabupaten Bandung')?.Value).toBe('<5');
    expect(rows.some((r) => r.section_code === 'cases' && r.metric_code === 'by_status' && r.Value === 'x')).toBe(true);
  });

  it('sends the same figures as a CSV table, and records the export in the audit trail', async () => {
    const exec = await t.as('kabupaten');
    const res = await exec.get(`/api/v1/stats/overview.csv?area=32.04&${ALL}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(res.headers['content-disposition'])).toBe('attachment; filename="dasbor-3204-2024-01-01-2030-12-31.csv"');
    const text = String(res.body).replace(/^\ufeff/, '');
    // headers, sections, figures and coded details in the reader's language (issue 12 item 7), the codes kept last
    expect(text.split('\r\n')[0]).toBe('Section,Figure,Detail,Area code,Area,Value,Section code,Figure code,Detail code');
    const rows = csvRows(text);
    const s = await overview('kabupaten');
    const value = (section: string, metric: string, key = '', area = '32.04') =>
      rows.find((r) => r.section_code === section && r.metric_code === metric && (r.key_code || r.Detail) === key && r['Area code'] === area)?.Value;
    expect(value('cases', 'total')).toBe(String(s.cases.total));
    expect(value('cases', 'by_status', 'in_progress')).toBe('5');
    expect(value('cases', 'median_days_to_close')).toBe('5.5');
    expect(value('residents', 'total')).toBe(String(s.residents.total));
    expect(value('referrals', 'acceptance_rate')).toBe('0.667');
    expect(value('partner', 'declined', 'Dinas Kesehatan Kabupaten Bandung')).toBe('1');
    expect(value('proposals', 'waiting_national')).toBe('1');
    expect(value('child_kecamatan', 'cases_total', '', KEC_CILEUNYI)).toBe('11');
    expect(value('puskesos_load', 'open_cases', 'Cileunyi', CINUNUK)).toBe('7');
    expect(value('puskesos_load', 'cases_per_officer', 'Cileunyi', CILEUNYI_WETAN)).toBe('');
    expect(text).not.toMatch(/\d{16}/);

    const { rows: audit } = await t.deps.db.query<{ action: string; details: { area: string } }>(
      `SELECT action, details FROM audit_events WHERE actor_name = 'kabupaten' AND action = 'stats.export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0]).toMatchObject({ action: 'stats.export', details: { area: '32.04', format: 'csv', from: '2024-01-01', to: '2030-12-31' } });
    expect(value('meta', 'period_from')).toBe('2024-01-01');
    expect(rows.find((r) => r.key_code === 'in_progress' && r.section_code === 'cases')).toMatchObject({ Section: 'Cases', Figure: 'By status', Detail: 'Service decided, in progress' });
    expect(rows.find((r) => r.metric_code === 'by_sector' && r.key_code === 'health')?.Detail).toBe('Health');
    expect(rows.find((r) => r.section_code === 'residents' && r.key_code === 'not_registered')?.Detail).toBe('Not registered');
    expect(rows.find((r) => r.section_code === 'referrals' && r.key_code === 'in_service')?.Detail).toBe('In service');
    expect(rows.find((r) => r.section_code === 'proposals' && r.key_code === 'awaiting_verification')?.Detail).toBe('Awaiting verification');
    expect(rows.find((r) => r.metric_code === 'by_desil' && r.key_code === 'none')?.Detail).toBe('No decile');
    // no snake_case code in the readable columns
    for (const r of rows) expect([r.Section, r.Figure, r.Detail].filter((v) => /^[a-z]+(_[a-z]+)+$/.test(v!)), JSON.stringify(r)).toEqual([]);

    // in Bahasa Indonesia on lang=id (a download link cannot send the app's language as a header)
    const id = String((await exec.get(`/api/v1/stats/overview.csv?area=32.04&${ALL}&lang=id`)).body).replace(/^\ufeff/, '');
    expect(id.split('\r\n')[0]).toBe('Bagian,Angka,Rincian,Kode wilayah,Wilayah,Nilai,Kode bagian,Kode angka,Kode rincian');
    expect(id).toContain('Kasus,Menurut status,"Layanan ditetapkan, sedang ditangani",32.04,Kabupaten Bandung,5,cases,by_status,in_progress\r\n');
    expect((await exec.get(`/api/v1/stats/overview.csv?area=32.04&lang=fr`)).status).toBe(400);
  });

  it('exports a Puskesos officer\'s own village by default', async () => {
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/stats/overview.csv?${ALL}`);
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain(`Cases,Total,,${CINUNUK},Cinunuk,10,cases,total,\r\n`);
    expect(String(res.body)).not.toContain('32.04.37');
  });
});

describe('the period of the figures (issue 12, item 16)', () => {
  it('counts cases, referrals and proposals of this month by default and of any period asked for; residents as they stand', async () => {
    const all = await overview('kabupaten', '32.04');
    const thisMonth = await overview('kabupaten', '32.04', '');
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
    expect(thisMonth.period).toEqual({ from: `${today.slice(0, 7)}-01`, to: expect.stringMatching(new RegExp(`^${today.slice(0, 7)}-(28|29|30|31)$`)) });
    // the cases dated 2025-01-01 above fall outside this month
    expect(thisMonth.cases.total).toBeLessThan(all.cases.total);
    expect(thisMonth.residents.total).toBe(all.residents.total);
    const jan = await overview('kabupaten', '32.04', 'from=2025-01-01&to=2025-01-01');
    expect(jan.period).toEqual({ from: '2025-01-01', to: '2025-01-01' });
    expect(jan.cases.total).toBe(all.cases.total - thisMonth.cases.total);
    expect(jan.referrals.total).toBe(0);
    const dec = await overview('kabupaten', '32.04', 'from=2024-12-01&to=2024-12-31');
    expect(dec.cases.total).toBe(0);
    const csv = await (await t.as('kabupaten')).get('/api/v1/stats/overview.csv?area=32.04&from=2025-01-01&to=2025-01-01');
    expect(String(csv.body)).toContain(`Cases,Total,,32.04,Kabupaten Bandung,${jan.cases.total},cases,total,\r\n`);
  });

  it('answers 400 naming `to` when the period ends before it starts, and names a malformed date', async () => {
    const manager = await t.as('kabupaten');
    for (const path of ['/api/v1/stats/overview', '/api/v1/stats/overview.csv']) {
      const res = await manager.get(`${path}?from=2025-02-01&to=2025-01-31`);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty('to');
    }
    const bad = await manager.get('/api/v1/stats/overview?from=2025-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('from');
  });
});
