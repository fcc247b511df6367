import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { sectorTermId } from './hsds.ts';

/**
 * The HSDS 3.0 views checked against the specification's structure: the Page object of
 * the API specification (components/schemas/Page) and the required fields and enumerations
 * of schema/{service,organization,location,address,phone,schedule,service_at_location,...}.json.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SERVICE_STATUS = ['active', 'inactive', 'defunct', 'temporarily closed'];
const LOCATION_TYPES = ['physical', 'postal', 'virtual'];

/** Required fields per HSDS 3.0 schema file. */
const REQUIRED: Record<string, string[]> = {
  service: ['id', 'name', 'status'],
  organization: ['id', 'name', 'description'],
  location: ['id', 'location_type'],
  address: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
  phone: ['id', 'number'],
  schedule: ['id'],
  service_at_location: ['id'],
  service_area: ['id'],
  required_document: ['id'],
  language: ['id'],
  attribute: ['id', 'taxonomy_term_id'],
  taxonomy_term: ['id', 'name', 'description'],
};

function expectRecord(kind: keyof typeof REQUIRED, value: Record<string, unknown>, where: string) {
  for (const f of REQUIRED[kind]!) expect(value[f], `${where}: ${kind}.${f}`).toBeDefined();
  expect(String(value.id), `${where}: ${kind}.id`).toMatch(UUID);
  // HSDS types optional fields as plain strings/numbers: absent, never null
  for (const [k, v] of Object.entries(value)) expect(v, `${where}: ${kind}.${k}`).not.toBeNull();
}

function expectPage(body: Record<string, unknown>) {
  for (const k of ['total_items', 'total_pages', 'page_number', 'size']) expect(Number.isInteger(body[k]), k).toBe(true);
  for (const k of ['first_page', 'last_page', 'empty']) expect(typeof body[k], k).toBe('boolean');
  expect(Array.isArray(body.contents)).toBe(true);
  expect(body.size).toBe((body.contents as unknown[]).length);
  expect(body.empty).toBe((body.contents as unknown[]).length === 0);
}

describe('HSDS 3.0 views (public, no sign-in)', () => {
  it('describes the API at /hsds', async () => {
    const res = await t.anonymous().get('/api/v1/hsds');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('3.0');
    expect(res.body.openapi_url).toMatch(/^https?:\/\/[^/]+\/api\/openapi\.json$/);
  });

  it('pages services in the specification\'s Page shape', async () => {
    const c = t.anonymous();
    const first = await c.get('/api/v1/hsds/services?per_page=5');
    expect(first.status).toBe(200);
    expectPage(first.body);
    expect(first.body).toMatchObject({ page_number: 1, first_page: true, last_page: false, size: 5, empty: false });
    expect(first.body.total_pages).toBe(Math.ceil(first.body.total_items / 5));
    for (const s of first.body.contents) {
      expectRecord('service', s, 'list');
      expect(SERVICE_STATUS).toContain(s.status);
      expect(s.organization_id).toMatch(UUID);
      expectRecord('organization', s.organization, 'list');
      expect(s.organization.id).toBe(s.organization_id);
    }
    const last = await c.get(`/api/v1/hsds/services?per_page=5&page=${first.body.total_pages}`);
    expect(last.body).toMatchObject({ last_page: true, first_page: first.body.total_pages === 1 });
    const beyond = await c.get(`/api/v1/hsds/services?per_page=5&page=${first.body.total_pages + 1}`);
    expect(beyond.body).toMatchObject({ empty: true, size: 0, contents: [] });

    // every service once over all pages
    const ids: string[] = [];
    for (let p = 1; p <= first.body.total_pages; p++) ids.push(...(await c.get(`/api/v1/hsds/services?per_page=5&page=${p}`)).body.contents.map((s: { id: string }) => s.id));
    expect(new Set(ids).size).toBe(first.body.total_items);
  });

  it('filters services by organization, taxonomy term (sector), search and modified_after', async () => {
    const c = t.anonymous();
    const orgs = await c.get('/api/v1/hsds/organizations?search=kesehatan&per_page=50');
    const dinkes = orgs.body.contents.find((o: { name: string }) => o.name === 'Dinas Kesehatan Kabupaten Bandung');
    const byOrg = await c.get(`/api/v1/hsds/services?organization_id=${dinkes.id}`);
    expect(byOrg.body.total_items).toBeGreaterThan(0);
    expect(byOrg.body.contents.every((s: { organization_id: string }) => s.organization_id === dinkes.id)).toBe(true);
    const health = await c.get(`/api/v1/hsds/services?taxonomy_term_id=${sectorTermId('health')}&per_page=200`);
    const all = await c.get('/api/v1/hsds/services?per_page=200');
    expect(health.body.total_items).toBeGreaterThan(0);
    expect(health.body.total_items).toBeLessThan(all.body.total_items);
    expect((await c.get('/api/v1/hsds/services?taxonomy_term_id=01900000-0000-7000-8000-000000000000')).status).toBe(400);
    const future = await c.get('/api/v1/hsds/services?modified_after=2999-01-01T00:00:00Z');
    expect(future.body).toMatchObject({ total_items: 0, empty: true });
    const search = await c.get('/api/v1/hsds/services?search=rutilahu');
    expect(search.body.contents.map((s: { name: string }) => s.name).sort()).toEqual(['Bantuan perbaikan rumah tidak layak huni (Rutilahu)', 'Bedah rumah program CSR']);
  });

  it('returns a fully nested service whose nested records carry the required fields and link back', async () => {
    const c = t.anonymous();
    const list = await c.get('/api/v1/hsds/services?search=berobat');
    const id = list.body.contents[0].id;
    const res = await c.get(`/api/v1/hsds/services/${id}`);
    expect(res.status).toBe(200);
    const s = res.body;
    expectRecord('service', s, 'full');
    expectRecord('organization', s.organization, 'full');
    expect(s.service_at_locations.length).toBeGreaterThan(0);
    for (const sal of s.service_at_locations) {
      expectRecord('service_at_location', sal, 'full');
      expect(sal.service_id).toBe(s.id);
      expect(sal.location_id).toBe(sal.location.id);
      expectRecord('location', sal.location, 'full');
      expect(LOCATION_TYPES).toContain(sal.location.location_type);
      expect(sal.location.organization_id).toBe(s.organization_id);
      for (const a of sal.location.addresses) {
        expectRecord('address', a, 'full');
        expect(a).toMatchObject({ country: 'ID', address_type: 'physical', location_id: sal.location.id, state_province: 'Jawa Barat', city: 'Kabupaten Bandung' });
        expect(a.postal_code).toMatch(/^\d{5}$/);
      }
    }
    expect(s.schedules.length).toBeGreaterThan(0);
    for (const sc of s.schedules) {
      expectRecord('schedule', sc, 'full');
      expect(sc).toMatchObject({ service_id: s.id, freq: 'WEEKLY' });
      expect(sc.byday).toMatch(/^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/);
      expect(sc.opens_at).toMatch(/^\d{2}:\d{2}\+07:00$/);
    }
    for (const d of s.required_documents) {
      expectRecord('required_document', d, 'full');
      expect(d.service_id).toBe(s.id);
      expect(typeof d.document).toBe('string');
    }
    for (const l of s.languages) expectRecord('language', l, 'full');
    for (const a of s.attributes) {
      expectRecord('attribute', a, 'full');
      expectRecord('taxonomy_term', a.taxonomy_term, 'full');
      expect(a.taxonomy_term_id).toBe(a.taxonomy_term.id);
    }
    for (const k of ['phones', 'service_areas', 'funding', 'cost_options', 'contacts', 'metadata']) expect(Array.isArray(s[k]), k).toBe(true);
    // stable sub-record ids: the same document twice
    expect((await c.get(`/api/v1/hsds/services/${id}`)).body).toEqual(s);
    expect((await c.get('/api/v1/hsds/services/01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('publishes service areas of a service limited to some kecamatan', async () => {
    const c = t.anonymous();
    const list = await c.get('/api/v1/hsds/services?search=menjahit');
    const one = list.body.contents.find((x: { name: string }) => x.name === 'Pelatihan menjahit dan penyaluran kerja');
    const s = (await c.get(`/api/v1/hsds/services/${one.id}`)).body;
    expect(s.service_areas.map((a: { name: string }) => a.name).sort()).toEqual(['Ciparay', 'Ibun', 'Majalaya']);
    for (const a of s.service_areas) expectRecord('service_area', a, 'areas');
  });

  it('pages organizations and nests locations and services in the full organization; inactive ones are not published', async () => {
    const c = t.anonymous();
    const page = await c.get('/api/v1/hsds/organizations?per_page=100');
    expectPage(page.body);
    for (const o of page.body.contents) expectRecord('organization', o, 'org list');
    const dinkes = page.body.contents.find((o: { name: string }) => o.name === 'Dinas Kesehatan Kabupaten Bandung');
    const full = await c.get(`/api/v1/hsds/organizations/${dinkes.id}`);
    expect(full.status).toBe(200);
    expectRecord('organization', full.body, 'org full');
    expect(full.body.locations.length).toBeGreaterThan(0);
    for (const l of full.body.locations) expectRecord('location', l, 'org full');
    expect(full.body.services.length).toBeGreaterThan(0);
    for (const s of full.body.services) expectRecord('service', s, 'org full');

    const k = await t.as('kabupaten');
    const hidden = (await k.post('/api/v1/organizations', { name: 'Organisasi Nonaktif', type: 'community', active: false })).body;
    expect((await c.get(`/api/v1/hsds/organizations/${hidden.id}`)).status).toBe(404);
    const again = await c.get('/api/v1/hsds/organizations?per_page=200');
    expect(again.body.contents.map((o: { id: string }) => o.id)).not.toContain(hidden.id);
    expect(again.body.total_items).toBe(page.body.total_items);
  });

  it('never publishes a named contact person', async () => {
    const k = await t.as('kabupaten');
    const org = (await k.post('/api/v1/organizations', { name: 'Kelompok Tani Uji', type: 'community', contactName: 'Ibu Siti Rahmawati' })).body;
    const full = await t.anonymous().get(`/api/v1/hsds/organizations/${org.id}`);
    expect(JSON.stringify(full.body)).not.toContain('Siti');
  });
});
