import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { kabCodeOf, SERVICE_SECTORS } from '@slrt/core';
import { publicLink } from '../config.ts';
import { errorResponses } from '../http/schemas.ts';
import { fieldError, notFound } from '../http/errors.ts';
import * as q from './queries.ts';
import * as lq from './location-queries.ts';
import * as sq from './service-queries.ts';
import * as hq from './hsds-queries.ts';
import {
  HSDS_VERSION, hsdsOrganizationBase, hsdsOrganizationFull, hsdsPage, hsdsSectorTaxonomy, hsdsSectorTerm, hsdsServiceAtLocationBase,
  hsdsServiceAtLocationFull, hsdsServiceBase, hsdsServiceFull, SECTOR_TAXONOMY_ID, sectorTermId,
} from './hsds.ts';

/**
 * Open Referral HSDS 3.0 read-only API over the directory. Permission: `public`. The
 * directory holds no resident data, only organizations' published contacts (the named
 * contact person is left out), and an open directory is what HSDS is for: other portals,
 * 211-style helplines or a province can read it without an account. Rate-limited.
 */
const Page = z.object({
  total_items: z.number().int(),
  total_pages: z.number().int(),
  page_number: z.number().int(),
  size: z.number().int(),
  first_page: z.boolean(),
  last_page: z.boolean(),
  empty: z.boolean(),
});
const Organization = z.object({
  id: z.uuid(), name: z.string(), description: z.string(), alternate_name: z.string().optional(), email: z.string().optional(),
  website: z.string().optional(), legal_status: z.string().optional(),
});
const ServiceStatus = z.enum(['active', 'inactive', 'defunct', 'temporarily closed']);
const ServiceListItem = z.object({
  id: z.uuid(), organization_id: z.uuid(), name: z.string(), status: ServiceStatus, description: z.string().optional(),
  alternate_name: z.string().optional(), url: z.string().optional(), email: z.string().optional(),
  application_process: z.string().optional(), fees_description: z.string().optional(), eligibility_description: z.string().optional(),
  minimum_age: z.number().optional(), maximum_age: z.number().optional(), assured_date: z.string().optional(), alert: z.string().optional(),
  organization: Organization.optional(),
});
const Nested = z.array(z.object({ id: z.uuid() }).loose());
const Location = z.object({ id: z.uuid(), location_type: z.literal('physical'), addresses: Nested }).loose();
const ServiceFull = ServiceListItem.extend({
  phones: Nested, schedules: Nested, service_areas: Nested, languages: Nested, funding: Nested, cost_options: Nested,
  required_documents: Nested, contacts: Nested, attributes: Nested, metadata: Nested,
  service_at_locations: z.array(z.object({ id: z.uuid(), service_id: z.uuid(), location_id: z.uuid(), location: Location }).loose()),
});
const Taxonomy = z.object({ id: z.uuid(), name: z.string(), description: z.string(), version: z.string(), metadata: Nested });
const TaxonomyTerm = z.object({
  id: z.uuid(), code: z.string(), name: z.string(), description: z.string(), taxonomy: z.string(), taxonomy_id: z.uuid(),
  language: z.string(), metadata: Nested,
});
const ServiceAtLocationListItem = z.object({
  id: z.uuid(), service_id: z.uuid(), location_id: z.uuid(), location: Location, service: ServiceListItem.optional(),
});
const ServiceAtLocationFull = ServiceAtLocationListItem.extend({ contacts: Nested, phones: Nested, schedules: Nested, attributes: Nested, metadata: Nested });
const OrganizationFull = Organization.extend({
  funding: Nested, contacts: Nested, phones: Nested, locations: z.array(Location), programs: Nested,
  organization_identifiers: Nested, services: z.array(ServiceListItem), attributes: Nested, metadata: Nested,
});
const Paging = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
  search: z.string().max(100).optional(),
});
const IdParam = z.object({ id: z.uuid() });

export async function hsdsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['hsds'];
  const kab = () => kabCodeOf(deps.config.kabupatenCode);
  const config = { permission: 'public' as const, rateLimit: { max: 300, timeWindow: '1 minute' } };

  app.get('/api/v1/hsds', {
    config,
    schema: {
      tags,
      description: `Open Referral HSDS ${HSDS_VERSION}: the version this API implements, its profile and the OpenAPI document.`,
      response: { 200: z.object({ version: z.string(), profile: z.url(), openapi_url: z.url() }) },
    },
  }, async () => ({
    version: HSDS_VERSION,
    profile: 'https://docs.openreferral.org/en/3.0/',
    openapi_url: publicLink(deps.config, '/api/openapi.json'),
  }));

  app.get('/api/v1/hsds/taxonomies', {
    config,
    schema: { tags, querystring: Paging, response: { 200: Page.extend({ contents: z.array(Taxonomy) }), ...errorResponses } },
  }, async (request) => {
    const { page, per_page: perPage } = request.query;
    return hsdsPage(page === 1 ? [hsdsSectorTaxonomy()] : [], 1, page, perPage);
  });

  app.get('/api/v1/hsds/taxonomies/:id', {
    config,
    schema: { tags, params: IdParam, response: { 200: Taxonomy, ...errorResponses } },
  }, async (request) => {
    if (request.params.id !== SECTOR_TAXONOMY_ID) throw notFound();
    return hsdsSectorTaxonomy();
  });

  app.get('/api/v1/hsds/taxonomy_terms', {
    config,
    schema: {
      tags,
      querystring: Paging.extend({ taxonomy_id: z.uuid().optional() }),
      response: { 200: Page.extend({ contents: z.array(TaxonomyTerm) }), ...errorResponses },
    },
  }, async (request) => {
    const { page, per_page: perPage, taxonomy_id: taxonomyId } = request.query;
    const terms = taxonomyId && taxonomyId !== SECTOR_TAXONOMY_ID ? [] : SERVICE_SECTORS.map(hsdsSectorTerm);
    return hsdsPage(terms.slice((page - 1) * perPage, page * perPage), terms.length, page, perPage);
  });

  app.get('/api/v1/hsds/taxonomy_terms/:id', {
    config,
    schema: { tags, params: IdParam, response: { 200: TaxonomyTerm, ...errorResponses } },
  }, async (request) => {
    const sector = SERVICE_SECTORS.find((s) => sectorTermId(s) === request.params.id);
    if (!sector) throw notFound();
    return hsdsSectorTerm(sector);
  });

  app.get('/api/v1/hsds/service_at_locations', {
    config,
    schema: { tags, querystring: Paging.omit({ search: true }), response: { 200: Page.extend({ contents: z.array(ServiceAtLocationListItem) }), ...errorResponses } },
  }, async (request) => {
    const { page, per_page: perPage } = request.query;
    const { rows, total } = await hq.pageOfServiceLocations(deps.db, kab(), { offset: (page - 1) * perPage, limit: perPage });
    const locations = await lq.locationsOfServices(deps.db, kab(), [...new Set(rows.map((r) => r.service_id))]);
    const contents = rows.flatMap((r) => {
      const location = locations.get(r.service_id)?.find((l) => l.sal_id === r.id);
      return location ? [hsdsServiceAtLocationBase(r, location)] : [];
    });
    return hsdsPage(contents, total, page, perPage);
  });

  app.get('/api/v1/hsds/service_at_locations/:id', {
    config,
    schema: { tags, params: IdParam, response: { 200: ServiceAtLocationFull, ...errorResponses } },
  }, async (request) => {
    const ref = await hq.getServiceLocation(deps.db, kab(), request.params.id);
    const service = ref && await sq.getService(deps.db, kab(), ref.service_id);
    const location = ref && await lq.getLocation(deps.db, kab(), ref.location_id);
    if (!ref || !service || !location) throw notFound();
    const org = await q.getOrganization(deps.db, kab(), service.organization_id);
    return hsdsServiceAtLocationFull(ref, location, hsdsServiceBase(service, org));
  });

  app.get('/api/v1/hsds/services', {
    config,
    schema: {
      tags,
      querystring: Paging.extend({
        organization_id: z.uuid().optional(),
        taxonomy_term_id: z.uuid().optional(),
        modified_after: z.iso.datetime({ offset: true }).optional(),
      }),
      response: { 200: Page.extend({ contents: z.array(ServiceListItem) }), ...errorResponses },
    },
  }, async (request) => {
    const { page, per_page: perPage, search, organization_id: organizationId, taxonomy_term_id: termId, modified_after: after } = request.query;
    let sector: (typeof SERVICE_SECTORS)[number] | undefined;
    if (termId) {
      sector = SERVICE_SECTORS.find((s) => sectorTermId(s) === termId);
      if (!sector) throw fieldError('taxonomy_term_id', 'field.invalid');
    }
    const filter = { search, organizationId, sector, activeOrganizations: true, modifiedAfter: after ? new Date(after) : undefined };
    const total = await sq.countServices(deps.db, kab(), filter);
    const rows = await sq.listServices(deps.db, kab(), { ...filter, limit: perPage, offset: (page - 1) * perPage });
    const orgs = await q.listOrganizations(deps.db, kab(), { ids: [...new Set(rows.map((r) => r.organization_id))], limit: 1000 });
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return hsdsPage(rows.map((r) => hsdsServiceBase(r, byId.get(r.organization_id) ?? null)), total, page, perPage);
  });

  app.get('/api/v1/hsds/services/:id', {
    config,
    schema: { tags, params: IdParam, response: { 200: ServiceFull, ...errorResponses } },
  }, async (request) => {
    const row = await sq.getService(deps.db, kab(), request.params.id);
    if (!row || !row.organization_active) throw notFound();
    const org = (await q.getOrganization(deps.db, kab(), row.organization_id))!;
    const locations = (await lq.locationsOfServices(deps.db, kab(), [row.id])).get(row.id) ?? [];
    const names = await q.areaNames(deps.db, row.areas_served);
    return hsdsServiceFull(row, org, locations, names);
  });

  app.get('/api/v1/hsds/organizations', {
    config,
    schema: { tags, querystring: Paging, response: { 200: Page.extend({ contents: z.array(Organization) }), ...errorResponses } },
  }, async (request) => {
    const { page, per_page: perPage, search } = request.query;
    const { rows, total } = await q.pageOfActiveOrganizations(deps.db, kab(), { search, offset: (page - 1) * perPage, limit: perPage });
    return hsdsPage(rows.map(hsdsOrganizationBase), total, page, perPage);
  });

  app.get('/api/v1/hsds/organizations/:id', {
    config,
    schema: { tags, params: IdParam, response: { 200: OrganizationFull, ...errorResponses } },
  }, async (request) => {
    const org = await q.getOrganization(deps.db, kab(), request.params.id);
    if (!org || !org.active) throw notFound();
    const locations = await lq.locationsOfOrganizations(deps.db, kab(), [org.id]);
    const services = await sq.listServices(deps.db, kab(), { organizationId: org.id, limit: 1000, offset: 0 });
    return hsdsOrganizationFull(org, locations, services);
  });
}
