import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DINKES_NAME } from '../demo/seed.ts';
import { DEMO_DIRECTORY } from './demo-directory.ts';
import { seedDemoDirectory } from './demo-seed.ts';

let t: TestApp;
let dinkesId: string;
beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.deps.db.query<{ id: string }>('SELECT id FROM organizations WHERE name = $1', [DINKES_NAME]);
  dinkesId = rows[0]!.id;
});
afterAll(() => t.close());

const aService = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId, name: `Layanan uji ${Math.random().toString(36).slice(2, 8)}`, sector: 'economy_employment', responseDays: 10,
  sharedFields: ['fullName', 'phone'], description: 'Layanan untuk pengujian.', ...over,
});

describe('demo directory', () => {
  it('seeds every organization with its services, keeping the id of the partner user\'s Dinas Kesehatan', async () => {
    const { rows } = await t.deps.db.query<{ organization_id: string }>(
      `SELECT r.organization_id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'mitra.dinkes'`);
    expect(rows[0]!.organization_id).toBe(dinkesId);
    const orgs = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
    expect(orgs.rows[0]!.n).toBeGreaterThanOrEqual(DEMO_DIRECTORY.length);
    for (const o of DEMO_DIRECTORY) expect(o.services.length, o.name).toBeGreaterThan(0);
  });

  it('is idempotent: seeding again changes no ids and adds no rows', async () => {
    const count = async () => (await t.deps.db.query<{ o: number; s: number; l: number }>(
      `SELECT (SELECT count(*) FROM organizations)::int AS o, (SELECT count(*) FROM directory_services)::int AS s,
              (SELECT count(*) FROM directory_locations)::int AS l`)).rows[0];
    const before = await count();
    await seedDemoDirectory(t.deps);
    expect(await count()).toEqual(before);
    const again = await t.deps.db.query<{ id: string }>('SELECT id FROM organizations WHERE name = $1', [DINKES_NAME]);
    expect(again.rows[0]!.id).toBe(dinkesId);
  });
});

describe('reading the directory', () => {
  it('lists organizations by name, filters by type, and pages with a cursor without repeats', async () => {
    const c = await t.as('puskesos.cinunuk');
    const gov = await c.get('/api/v1/organizations?type=government&limit=200');
    expect(gov.status).toBe(200);
    expect(gov.body.items.every((o: { type: string }) => o.type === 'government')).toBe(true);
    const dinkes = gov.body.items.find((o: { id: string }) => o.id === dinkesId);
    expect(dinkes).toMatchObject({ name: DINKES_NAME, type: 'government', active: true });
    expect(dinkes.serviceCount).toBeGreaterThan(0);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await c.get(`/api/v1/organizations?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((o) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await c.get('/api/v1/organizations?limit=200');
    expect(seen).toEqual(all.body.items.map((o: { id: string }) => o.id));
    expect((await c.get('/api/v1/organizations?cursor=garbage')).status).toBe(200);
    expect((await c.get('/api/v1/organizations?type=alien')).status).toBe(400);
  });

  it('filters services by sector and by the area they serve', async () => {
    const c = await t.as('puskesos.cinunuk');
    const health = await c.get('/api/v1/services?sector=health&area=32.04.05.2004&limit=200');
    expect(health.status).toBe(200);
    expect(health.body.items.length).toBeGreaterThan(2);
    expect(health.body.items.every((s: { sector: string }) => s.sector === 'health')).toBe(true);
    const jamkesda = health.body.items.find((s: { organizationId: string; name: string }) => s.organizationId === dinkesId && s.name.startsWith('Pendampingan berobat'));
    expect(jamkesda).toMatchObject({ responseDays: 3, status: 'active' });
    expect(jamkesda.sharedFields).toContain('healthInsurance');
    expect(jamkesda.locations.map((l: { name: string }) => l.name)).toContain('Puskesmas Cinunuk');

    // the Majalaya CSR training serves three kecamatan only
    const inCinunuk = await c.get('/api/v1/services?sector=economy_employment&area=32.04.05.2004&limit=200');
    const inMajalaya = await c.get('/api/v1/services?sector=economy_employment&area=32.04.33.2001&limit=200');
    const name = 'Pelatihan menjahit dan penyaluran kerja';
    expect(inCinunuk.body.items.map((s: { name: string }) => s.name)).not.toContain(name);
    expect(inMajalaya.body.items.map((s: { name: string }) => s.name)).toContain(name);

    const one = await c.get(`/api/v1/services/${jamkesda.id}`);
    expect(one.body).toEqual(jamkesda);
    expect((await c.get('/api/v1/services/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await c.get('/api/v1/services?area=bandung')).status).toBe(400);
  });

  it('shows an organization with its locations; partners and executives may read, the auditor may not', async () => {
    for (const user of ['mitra.dinkes', 'eksekutif', 'kabupaten']) {
      const res = await (await t.as(user)).get(`/api/v1/organizations/${dinkesId}`);
      expect(res.status, user).toBe(200);
      expect(res.body.locations.length).toBeGreaterThan(0);
    }
    expect((await (await t.as('auditor')).get('/api/v1/organizations')).status).toBe(403);
  });
});

describe('managing the directory (kabupaten)', () => {
  it('creates an organization, refuses a duplicate name and an area outside the kabupaten, and audits', async () => {
    const k = await t.as('kabupaten');
    const created = await k.post('/api/v1/organizations', {
      name: 'Yayasan Uji Coba', type: 'ngo', description: 'Untuk pengujian.', areasServed: ['32.04.05'], website: 'https://contoh.or.id',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Yayasan Uji Coba', type: 'ngo', areasServed: ['32.04.05'], active: true, locations: [] });
    const dup = await k.post('/api/v1/organizations', { name: 'yayasan uji coba', type: 'ngo' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields).toHaveProperty('name');
    const outside = await k.post('/api/v1/organizations', { name: 'Yayasan Luar', type: 'ngo', areasServed: ['32.73.01'] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields).toHaveProperty('areasServed.0');
    const badType = await k.post('/api/v1/organizations', { name: 'X', type: 'alien' });
    expect(badType.status).toBe(400);
    expect(badType.body.error.fields).toHaveProperty('type');
    const audit = await t.deps.db.query('SELECT 1 FROM audit_events WHERE action = $1 AND $2 = ANY(record_ids)', ['directory.organization.create', created.body.id]);
    expect(audit.rows.length).toBe(1);

    const patched = await k.patch(`/api/v1/organizations/${created.body.id}`, { active: false, contactTitle: 'Ketua' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, contactTitle: 'Ketua' });
    expect((await k.patch('/api/v1/organizations/01900000-0000-7000-8000-000000000000', { active: true })).status).toBe(404);
  });

  it('creates a location and a service delivered there; the shared-data rule holds on create and on change', async () => {
    const k = await t.as('kabupaten');
    const org = (await k.post('/api/v1/organizations', { name: 'Klinik Pratama Uji', type: 'business' })).body;
    const loc = await k.post('/api/v1/locations', {
      organizationId: org.id, name: 'Klinik', address: 'Jl. Uji 1', villageCode: '32.04.05.2004', postalCode: '40624', latitude: -6.93, longitude: 107.72,
    });
    expect(loc.status).toBe(201);
    expect(loc.body).toMatchObject({ villageName: 'Cinunuk', kecamatanName: 'Cileunyi', latitude: -6.93 });
    const badVillage = await k.post('/api/v1/locations', { organizationId: org.id, name: 'X', address: 'Y', villageCode: '32.73.01.1001', postalCode: '40111' });
    expect(badVillage.status).toBe(400);

    const svc = await k.post('/api/v1/services', aService(org.id, {
      sector: 'health', sharedFields: ['fullName', 'chronicIllnesses'], locationIds: [loc.body.id],
      schedules: [{ days: ['MO', 'TU'], opensAt: '08:00', closesAt: '14:00' }],
    }));
    expect(svc.status).toBe(201);
    expect(svc.body.locations.map((l: { id: string }) => l.id)).toEqual([loc.body.id]);
    expect(svc.body.status).toBe('active');

    const housing = await k.post('/api/v1/services', aService(org.id, { sector: 'housing', sharedFields: ['fullName', 'disability'] }));
    expect(housing.status).toBe(400);
    expect(housing.body.error.fields).toHaveProperty('sharedFields.1');
    // a change of sector alone must not leave health data flowing to a housing service
    const toHousing = await k.patch(`/api/v1/services/${svc.body.id}`, { sector: 'housing' });
    expect(toHousing.status).toBe(400);
    expect(toHousing.body.error.fields).toHaveProperty('sector');
    const ok = await k.patch(`/api/v1/services/${svc.body.id}`, { sector: 'housing', sharedFields: ['fullName'], status: 'temporarily closed' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ sector: 'housing', sharedFields: ['fullName'], status: 'temporarily closed' });

    const otherLoc = (await k.get(`/api/v1/organizations/${dinkesId}`)).body.locations[0].id;
    const foreign = await k.post('/api/v1/services', aService(org.id, { locationIds: [otherLoc] }));
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toHaveProperty('locationIds.0');
  });

  it('refuses directory management to village staff and partners on the kabupaten routes', async () => {
    for (const user of ['puskesos.cinunuk', 'mitra.dinkes', 'supervisor.cileunyi']) {
      const res = await (await t.as(user)).post('/api/v1/organizations', { name: 'Tidak boleh', type: 'ngo' });
      expect(res.status, user).toBe(403);
    }
  });
});

describe('a partner keeps its own entries current', () => {
  it('edits its organization profile but not its name, type or status, and never another organization', async () => {
    const m = await t.as('mitra.dinkes');
    const res = await m.patch(`/api/v1/partner/organizations/${dinkesId}`, { contactTitle: 'Seksi Pelayanan Kesehatan Primer', description: 'Diperbarui mitra.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: dinkesId, contactTitle: 'Seksi Pelayanan Kesehatan Primer', description: 'Diperbarui mitra.' });
    const rename = await m.patch(`/api/v1/partner/organizations/${dinkesId}`, { name: 'Dinkes Baru' });
    expect(rename.status).toBe(400);
    const other = (await m.get('/api/v1/organizations?q=baznas')).body.items[0];
    expect((await m.patch(`/api/v1/partner/organizations/${other.id}`, { description: 'x' })).status).toBe(404);
  });

  it('adds and changes its own services and locations; another organization\'s answer 404', async () => {
    const m = await t.as('mitra.dinkes');
    const created = await m.post('/api/v1/partner/services', aService(dinkesId, { sector: 'health', sharedFields: ['fullName', 'pregnant'] }));
    expect(created.status).toBe(201);
    const changed = await m.patch(`/api/v1/partner/services/${created.body.id}`, { capacityPerMonth: 12, responseDays: 4 });
    expect(changed.body).toMatchObject({ capacityPerMonth: 12, responseDays: 4 });

    const baznas = (await m.get('/api/v1/organizations?q=baznas')).body.items[0];
    expect((await m.post('/api/v1/partner/services', aService(baznas.id))).status).toBe(404);
    const baznasService = (await m.get(`/api/v1/services?organizationId=${baznas.id}`)).body.items[0];
    expect((await m.patch(`/api/v1/partner/services/${baznasService.id}`, { capacityPerMonth: 1 })).status).toBe(404);
    const baznasLoc = (await m.get(`/api/v1/organizations/${baznas.id}`)).body.locations[0];
    expect((await m.patch(`/api/v1/partner/locations/${baznasLoc.id}`, { phone: '022 1234567' })).status).toBe(404);

    const loc = await m.post('/api/v1/partner/locations', { organizationId: dinkesId, name: 'Pos Kesehatan Uji', address: 'Jl. Uji', villageCode: '32.04.05.2004', postalCode: '40624' });
    expect(loc.status).toBe(201);
    expect((await m.patch(`/api/v1/partner/locations/${loc.body.id}`, { transportation: 'Angkot Cileunyi' })).body.transportation).toBe('Angkot Cileunyi');
    // the kabupaten routes stay closed to the partner
    expect((await m.patch(`/api/v1/services/${created.body.id}`, { capacityPerMonth: 1 })).status).toBe(403);
  });
});
