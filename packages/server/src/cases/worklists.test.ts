import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CILEUNYI_WETAN, CINUNUK, DAYEUHKOLOT } from '../registry/testing.ts';
import { aCase, aRecommendedCase } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

describe('worklists', () => {
  it('lists new, waiting for my decision, overdue and by sector, with counts', async () => {
    const fresh = await aCase(t.deps, { needs: [{ sector: 'housing', urgency: 'normal', request: 'Rumah bocor' }] });
    const waiting = await aRecommendedCase(t.deps);
    const late = await aCase(t.deps, { needs: [{ sector: 'disaster', urgency: 'emergency', request: 'Rumah tertimpa longsor' }] });
    await t.deps.db.query(`UPDATE cases SET due_at = now() - interval '1 hour' WHERE id = $1`, [late.id]);
    const officer = await t.as('puskesos.cinunuk');
    const coordinator = await t.as('koordinator.cinunuk');

    const news = await officer.get('/api/v1/cases?list=new');
    expect(ids(news)).toEqual(expect.arrayContaining([fresh.id, late.id]));
    expect(ids(news)).not.toContain(waiting.id);
    expect(news.body.items.find((i: { id: string }) => i.id === late.id)).toMatchObject({ overdue: true, sectors: ['disaster'], urgency: 'emergency', personName: 'Siti Aminah', nikMasked: expect.stringMatching(/^\d{4}\*{8}\d{4}$/) });
    expect(ids(await coordinator.get('/api/v1/cases?list=decide'))).toEqual([waiting.id]);
    expect(ids(await officer.get('/api/v1/cases?list=decide'))).toEqual([]);
    expect(ids(await officer.get('/api/v1/cases?list=overdue'))).toEqual([late.id]);
    expect(ids(await officer.get('/api/v1/cases?sector=housing'))).toEqual([fresh.id]);
    expect(ids(await officer.get('/api/v1/cases?list=escalated'))).toEqual([]);

    const counts = await coordinator.get('/api/v1/cases/counts');
    expect(counts.status).toBe(200);
    expect(counts.body).toMatchObject({ new: 2, decide: 1, overdue: 1, escalated: 0, open: 3, mine: 0 });
    expect(counts.body.bySector).toEqual({ housing: 1, disaster: 1, health: 1, education: 1 });

    // a first action ends "overdue"
    await officer.post(`/api/v1/cases/${late.id}/check-registry`, {});
    expect(ids(await officer.get('/api/v1/cases?list=overdue'))).toEqual([]);
    const bad = await officer.get('/api/v1/cases?list=everything');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('list');
  });

  it('orders by fast track then deadline, pages with a cursor, and audits the names it shows', async () => {
    const village = CILEUNYI_WETAN;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await aCase(t.deps, { village, as: 'supervisor.cileunyi', fastTrack: i === 3, needs: [{ sector: 'other', urgency: 'normal', request: `Permintaan ${i}` }] }));
    const supervisor = await t.as('supervisor.cileunyi');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await supervisor.get(`/api/v1/cases?area=${village}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([made[3]!.id, ...made.filter((_m, i) => i !== 3).map((m) => m.id)]);
    expect((await supervisor.get('/api/v1/cases?cursor=not-a-cursor')).status).toBe(400);
    const { rows } = await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.list' AND $1 = ANY(record_ids)`, [made[0]!.id]);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('shows supervisors their kecamatan\'s villages side by side', async () => {
    await aCase(t.deps, { village: DAYEUHKOLOT, as: 'kabupaten' });
    const supervisor = await t.as('supervisor.cileunyi');
    const board = await supervisor.get('/api/v1/cases/board');
    expect(board.status).toBe(200);
    expect(board.body.area).toEqual({ code: '32.04.05', name: 'Cileunyi', level: 'kecamatan' });
    const names = board.body.rows.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Cinunuk', 'Cileunyi Wetan', 'Cileunyi Kulon']));
    expect(board.body.rows.length).toBeGreaterThanOrEqual(6);
    const cinunuk = board.body.rows.find((r: { code: string }) => r.code === CINUNUK);
    expect(cinunuk).toMatchObject({ open: 3, new: 1, awaitingDecision: 1, overdue: 0 });
    expect(board.body.rows.find((r: { code: string }) => r.code === CILEUNYI_WETAN)).toMatchObject({ open: 5, new: 5 });
    // outside the supervisor's kecamatan: 404, as a record would
    expect((await supervisor.get('/api/v1/cases/board?area=32.04.12')).status).toBe(404);
    const kab = await (await t.as('kabupaten')).get('/api/v1/cases/board');
    expect(kab.body.area.level).toBe('kabupaten');
    expect(kab.body.rows).toHaveLength(31);
    expect(kab.body.rows.find((r: { code: string }) => r.code === '32.04.05')).toMatchObject({ open: 8 });
    expect(kab.body.rows.find((r: { code: string }) => r.code === '32.04.12')).toMatchObject({ open: 1 });
    const village = await (await t.as('koordinator.cinunuk')).get('/api/v1/cases/board');
    expect(village.body.rows).toEqual([expect.objectContaining({ code: CINUNUK, open: 3 })]);
  });

  it('assigns a selection in bulk', async () => {
    const a = await aCase(t.deps);
    const b = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const { rows } = await t.deps.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'fasilitator.cinunuk'`);
    const res = await officer.post('/api/v1/cases/bulk/assign', { ids: [a.id, b.id], assigneeId: rows[0]!.id });
    expect(res.body.results).toEqual([{ id: a.id, ok: true }, { id: b.id, ok: true }]);
    expect(ids(await (await t.as('fasilitator.cinunuk')).get('/api/v1/cases?list=mine'))).toEqual(expect.arrayContaining([a.id, b.id]));
    const dup = await officer.post('/api/v1/cases/bulk/assign', { ids: [a.id, a.id], assigneeId: null });
    expect(dup.status).toBe(400);
  });

  it('exports a selection as CSV with NIKs masked, audited, for roles with cases.export only', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Dede "Ujang", Sukma' });
    const a = await aCase(t.deps, { person });
    const coordinator = await t.as('koordinator.cinunuk');
    const res = await coordinator.post('/api/v1/cases/export', { ids: [a.id] });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = (res.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('code,status,level,village_code,village,person,nik,kind,fast_track,urgency,sectors,registered_at,due_at,overdue,assigned_to,decision');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(a.code);
    expect(lines[1]).toContain('"Dede ""Ujang"", Sukma"');
    expect(lines[1]).toContain(`${person.nik!.slice(0, 4)}********${person.nik!.slice(-4)}`);
    expect(lines[1]).not.toContain(person.nik!);
    const { rows } = await t.deps.db.query<{ details: { count: number } }>(`SELECT details FROM audit_events WHERE action = 'case.export' AND $1 = ANY(record_ids)`, [a.id]);
    expect(rows[0]!.details.count).toBe(1);
    expect((await (await t.as('puskesos.cinunuk')).post('/api/v1/cases/export', { ids: [a.id] })).status).toBe(403);
    const all = await (await t.as('kabupaten')).post('/api/v1/cases/export', { list: 'open' });
    expect((all.body as string).trim().split('\r\n').length).toBeGreaterThan(5);
  });

  it('lists a household\'s cases, newest first, for the household profile', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const first = await aCase(t.deps, { person });
    const second = await aCase(t.deps, { person });
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/cases?householdId=${person.householdId}`);
    expect(ids(res)).toEqual([second.id, first.id]);
    expect(res.body.items[0]).toMatchObject({ status: 'registered', sectors: ['education', 'health'] });
    expect(ids(await (await t.as('puskesos.soreang')).get(`/api/v1/cases?householdId=${person.householdId}`))).toEqual([]);
  });
});

it('audits every personal-data read and write itself: no generic fallback event from the app', async () => {
  const { rows } = await t.deps.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE details->>'fallback' = 'true'`);
  expect(rows).toEqual([]);
});
