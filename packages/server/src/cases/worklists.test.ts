import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CILEUNYI_WETAN, CINUNUK, DAYEUHKOLOT, SOREANG } from '../registry/testing.ts';
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
    // headers and coded values in the reader's language (issue 12, item 7); the test client reads English
    expect(lines[0]).toBe('Code,Status,Level,Village code,Village,Resident,NIK,Kind,Fast track,Urgency,Sectors,Registered,Due,Overdue,Assigned to,Decision');
    expect(lines[1]).toMatch(/,(Yes|No),/);
    expect(lines[1]).not.toMatch(/,(true|false),/);
    coordinator.locale = 'id';
    const id = (((await coordinator.post('/api/v1/cases/export', { ids: [a.id] })).body as string).replace(/^\uFEFF/, '').split('\r\n'));
    expect(id[0]).toBe('Kode,Status,Tingkat,Kode desa,Desa/Kelurahan,Warga,NIK,Jenis,Jalur cepat,Urgensi,Sektor,Dicatat,Batas waktu,Terlambat,Petugas,Keputusan');
    coordinator.locale = 'en';
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

describe('worklists and board from the indexes of open cases', () => {
  type Listed = { id: string; fast_track: boolean; due_at: Date };
  const priority = (a: Listed, b: Listed) => Number(b.fast_track) - Number(a.fast_track) || a.due_at.getTime() - b.due_at.getTime() || (a.id < b.id ? -1 : 1);
  async function openCases(where: string, params: unknown[]) {
    const { rows } = await t.deps.db.query<Listed>(`SELECT id, fast_track, due_at FROM cases WHERE status NOT IN ('resolved', 'closed') AND ${where}`, params);
    return rows.sort(priority).map((r) => r.id);
  }
  async function allPages(client: Awaited<ReturnType<TestApp['as']>>, query: string, limit: number, between?: () => Promise<void>) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await client.get(`/api/v1/cases?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
      if (between && seen.length === limit) await between();
    } while (cursor);
    return seen;
  }

  it('orders fast track first, then the deadline, then the id, and pages without repeats or gaps while cases arrive', async () => {
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await aCase(t.deps, { village: SOREANG, as: 'puskesos.soreang', fastTrack: i === 2 || i === 5 }));
    // deadlines out of creation order, two of them equal (the id decides), a fast-track case due last
    const due = ['+5 days', '+1 day', '+9 days', '+3 days', '+3 days', '+2 days', '+4 days'];
    for (const [i, c] of made.entries()) await t.deps.db.query(`UPDATE cases SET due_at = date_trunc('hour', now()) + $2::interval WHERE id = $1`, [c.id, due[i]]);
    const expected = await openCases('village_code = $1', [SOREANG]);
    expect(expected.slice(0, 2)).toEqual([made[5]!.id, made[2]!.id]);
    const [tieA, tieB] = [made[3]!.id, made[4]!.id].sort();
    expect(expected.indexOf(tieB!)).toBe(expected.indexOf(tieA!) + 1);

    const officer = await t.as('puskesos.soreang');
    expect(await allPages(officer, 'list=open', 3)).toEqual(expected);
    // the kabupaten's index, narrowed to the village
    const manager = await t.as('kabupaten');
    expect(await allPages(manager, `list=open&area=${SOREANG}`, 2)).toEqual(expected);

    // a case that sorts before the cursor arrives after the first page: the later pages neither
    // repeat nor skip; one that sorts after it shows up at the end
    let early = '';
    let late = '';
    const seen = await allPages(officer, 'list=open', 3, async () => {
      early = (await aCase(t.deps, { village: SOREANG, as: 'puskesos.soreang', fastTrack: true })).id;
      late = (await aCase(t.deps, { village: SOREANG, as: 'puskesos.soreang' })).id;
      await t.deps.db.query(`UPDATE cases SET due_at = now() - interval '1 day' WHERE id = $1`, [early]);
      await t.deps.db.query(`UPDATE cases SET due_at = now() + interval '30 days' WHERE id = $1`, [late]);
    });
    expect(seen).toEqual([...expected, late]);
    expect(seen).not.toContain(early);

    // kabupaten-wide: every open case of the kabupaten in the same order
    expect(await allPages(manager, 'list=open', 50)).toEqual(await openCases(`kab_code = '3204'`, []));
  });

  it('counts per village and per kecamatan: open, new, overdue, awaiting decision, escalated, resolved in 30 days', async () => {
    const { rows: villages } = await t.deps.db.query<{ code: string }>(`SELECT code FROM areas WHERE parent_code = '32.04.37' AND code <> $1 ORDER BY code LIMIT 1`, [SOREANG]);
    const other = villages[0]!.code;
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await aCase(t.deps, { village: i < 4 ? other : SOREANG, as: 'kabupaten' }));
    const set = (id: string, sql: string) => t.deps.db.query(`UPDATE cases SET ${sql} WHERE id = $1`, [id]);
    await set(cases[0]!.id, `status = 'resolved', resolved_at = now() - interval '10 days'`);
    await set(cases[1]!.id, `status = 'resolved', resolved_at = now() - interval '40 days'`);
    await set(cases[2]!.id, `status = 'closed', closed_at = now(), close_reason = 'duplicate'`);
    await set(cases[3]!.id, `level = 'kecamatan', due_at = now() - interval '1 hour'`);
    await set(cases[4]!.id, `status = 'recommended', first_action_at = now()`);

    // the expected counts, from every case row
    const { rows } = await t.deps.db.query<{ village_code: string; status: string; level: string; first_action_at: Date | null; due_at: Date; resolved_at: Date | null }>(
      'SELECT village_code, status, level, first_action_at, due_at, resolved_at FROM cases');
    const now = Date.now();
    const countsOf = (inArea: (village: string) => boolean) => {
      const mine = rows.filter((r) => inArea(r.village_code));
      const open = mine.filter((r) => r.status !== 'resolved' && r.status !== 'closed');
      return {
        open: open.length,
        new: mine.filter((r) => r.status === 'registered').length,
        overdue: open.filter((r) => r.first_action_at === null && r.due_at.getTime() < now).length,
        awaitingDecision: mine.filter((r) => r.status === 'recommended').length,
        escalated: open.filter((r) => r.level !== 'village').length,
        resolved30d: mine.filter((r) => r.resolved_at !== null && r.resolved_at.getTime() > now - 30 * 86_400_000).length,
      };
    };
    const manager = await t.as('kabupaten');
    const kecamatan = await manager.get('/api/v1/cases/board?area=32.04.37');
    expect(kecamatan.status).toBe(200);
    const { rows: soreangVillages } = await t.deps.db.query<{ code: string }>(`SELECT code FROM areas WHERE parent_code = '32.04.37' ORDER BY code`);
    expect(kecamatan.body.rows.map((r: { code: string }) => r.code)).toEqual(soreangVillages.map((v) => v.code));
    for (const row of kecamatan.body.rows) expect(row).toMatchObject(countsOf((v) => v === row.code));
    expect(kecamatan.body.rows.find((r: { code: string }) => r.code === other)).toMatchObject({ open: 1, new: 1, overdue: 1, escalated: 1, resolved30d: 1 });

    const kab = await manager.get('/api/v1/cases/board');
    expect(kab.body.rows).toHaveLength(31);
    for (const row of kab.body.rows) expect(row).toMatchObject(countsOf((v) => v.startsWith(`${row.code}.`)));
    const village = await manager.get(`/api/v1/cases/board?area=${other}`);
    expect(village.body.rows).toEqual([expect.objectContaining({ code: other, ...countsOf((v) => v === other) })]);
  });
});
