import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import {
  ApiMeta, conformanceIssues, Organization, OrganizationListItem, pageOf, Service, ServiceAtLocation, ServiceAtLocationListItem,
  ServiceListItem, Taxonomy, TaxonomyTerm,
} from './hsds-conformance.ts';

/**
 * Every HSDS answer against the 3.0 specification's objects in strict mode (no property the
 * specification does not define, every required one present, formats checked).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function conforms(path: string, schema: z.ZodType): Promise<Record<string, unknown>> {
  const res = await t.anonymous().get(path);
  expect(res.status, path).toBe(200);
  expect(conformanceIssues(schema, res.body), path).toEqual([]);
  return res.body as Record<string, unknown>;
}

/** Every item of every page of a list. */
async function allPages(path: string, item: z.ZodType): Promise<Array<{ id: string }>> {
  const items: Array<{ id: string }> = [];
  for (let page = 1; ; page++) {
    const body = await conforms(`${path}${path.includes('?') ? '&' : '?'}per_page=50&page=${page}`, pageOf(item));
    items.push(...(body.contents as Array<{ id: string }>));
    if (body.last_page) return items;
  }
}

describe('HSDS 3.0 conformance (strict)', () => {
  it('the API description', async () => {
    const meta = await conforms('/api/v1/hsds', ApiMeta);
    expect(meta.version).toBe('3.0');
    expect(String(meta.openapi_url)).toMatch(/^https?:\/\/.+\/api\/openapi\.json$/);
  });

  it('services: every page and every service in full', async () => {
    const services = await allPages('/api/v1/hsds/services', ServiceListItem);
    expect(services.length).toBeGreaterThan(10);
    for (const s of services) await conforms(`/api/v1/hsds/services/${s.id}`, Service);
  });

  it('organizations: every page and every organization in full', async () => {
    const orgs = await allPages('/api/v1/hsds/organizations', OrganizationListItem);
    expect(orgs.length).toBeGreaterThan(5);
    for (const o of orgs) await conforms(`/api/v1/hsds/organizations/${o.id}`, Organization);
  });

  it('taxonomies and taxonomy terms that services reference', async () => {
    const taxonomies = await allPages('/api/v1/hsds/taxonomies', Taxonomy);
    expect(taxonomies.length).toBeGreaterThan(0);
    for (const x of taxonomies) await conforms(`/api/v1/hsds/taxonomies/${x.id}`, Taxonomy);
    const terms = await allPages('/api/v1/hsds/taxonomy_terms', TaxonomyTerm);
    const termIds = new Set(terms.map((x) => x.id));
    for (const x of terms) await conforms(`/api/v1/hsds/taxonomy_terms/${x.id}`, TaxonomyTerm);
    // every term a service points to can be looked up
    const services = (await t.anonymous().get('/api/v1/hsds/services?per_page=200')).body.contents as Array<{ id: string }>;
    for (const s of services.slice(0, 10)) {
      const full = (await t.anonymous().get(`/api/v1/hsds/services/${s.id}`)).body as { attributes: Array<{ taxonomy_term_id?: string }> };
      for (const a of full.attributes) if (a.taxonomy_term_id) expect(termIds.has(a.taxonomy_term_id)).toBe(true);
    }
  });

  it('services at locations: every page and each in full', async () => {
    const sals = await allPages('/api/v1/hsds/service_at_locations', ServiceAtLocationListItem);
    expect(sals.length).toBeGreaterThan(0);
    for (const x of sals.slice(0, 20)) await conforms(`/api/v1/hsds/service_at_locations/${x.id}`, ServiceAtLocation);
    const unknown = await t.anonymous().get('/api/v1/hsds/service_at_locations/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });
});
