import { z } from 'zod';

/**
 * The Open Referral HSDS 3.0 objects as the specification defines them (schema/*.json and
 * schema/compiled/*.json of the 3.0 release, and components/schemas/Page of its OpenAPI
 * document), written out here as strict Zod schemas: every property with its type and format,
 * the required ones required, and nothing else allowed (`additionalProperties: false`, the way
 * HSDS's own examples are checked). For the conformance tests; the API's own response schemas
 * are in `hsds-routes.ts`.
 */
const uuid = z.uuid();
const uri = z.url();
const email = z.email();
const str = z.string();
const num = z.number();

const Metadata = z.strictObject({
  id: uuid, resource_id: uuid.optional(), resource_type: str.optional(), last_action_date: str, last_action_type: str,
  field_name: str, previous_value: str, replacement_value: str, updated_by: str,
});
const metadata = z.array(Metadata).optional();

export const Taxonomy = z.strictObject({
  id: uuid, name: str, description: str, uri: uri.optional(), version: str.optional(), metadata,
});

export const TaxonomyTerm = z.strictObject({
  id: uuid, code: str.optional(), name: str, description: str, parent_id: uuid.optional(), taxonomy: str.optional(),
  taxonomy_detail: Taxonomy.optional(), language: str.optional(), taxonomy_id: uuid.optional(), term_uri: uri.optional(), metadata,
});

const Attribute = z.strictObject({
  id: uuid, link_id: uuid.optional(), taxonomy_term_id: uuid.optional(), link_type: str.optional(), link_entity: str.optional(),
  value: str.optional(), taxonomy_term: TaxonomyTerm.optional(), metadata,
});
const attributes = z.array(Attribute).optional();

const Language = z.strictObject({
  id: uuid, service_id: uuid.optional(), location_id: uuid.optional(), phone_id: uuid.optional(), name: str.optional(),
  code: str.optional(), note: str.optional(), attributes, metadata,
});
const Phone = z.strictObject({
  id: uuid, location_id: uuid.optional(), service_id: uuid.optional(), organization_id: uuid.optional(), contact_id: uuid.optional(),
  service_at_location_id: uuid.optional(), number: str, extension: num.optional(), type: str.optional(), description: str.optional(),
  languages: z.array(Language).optional(), attributes, metadata,
});
const Contact = z.strictObject({
  id: uuid, organization_id: uuid.optional(), service_id: uuid.optional(), service_at_location_id: uuid.optional(),
  location_id: uuid.optional(), name: str.optional(), title: str.optional(), department: str.optional(), email: email.optional(),
  phones: z.array(Phone).optional(), attributes, metadata,
});
const Schedule = z.strictObject({
  id: uuid, service_id: uuid.optional(), location_id: uuid.optional(), service_at_location_id: uuid.optional(),
  valid_from: str.optional(), valid_to: str.optional(), dtstart: str.optional(), timezone: num.optional(), until: str.optional(),
  count: num.optional(), wkst: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']).optional(), freq: z.enum(['WEEKLY', 'MONTHLY']).optional(),
  interval: num.optional(), byday: str.optional(), byweekno: str.optional(), bymonthday: str.optional(), byyearday: str.optional(),
  description: str.optional(), opens_at: str.optional(), closes_at: str.optional(), schedule_link: uri.optional(),
  attending_type: str.optional(), notes: str.optional(), attributes, metadata,
});
const ServiceArea = z.strictObject({
  id: uuid, service_id: uuid.optional(), name: str.optional(), description: str.optional(), extent: str.optional(),
  extent_type: str.optional(), uri: str.optional(), attributes, metadata,
});
const LocationType = z.enum(['physical', 'postal', 'virtual']);
const Address = z.strictObject({
  id: uuid, location_id: uuid.optional(), attention: str.optional(), address_1: str, address_2: str.optional(), city: str,
  region: str.optional(), state_province: str, postal_code: str, country: str, address_type: LocationType, attributes, metadata,
});
const Accessibility = z.strictObject({
  id: uuid, location_id: uuid.optional(), description: str.optional(), details: str.optional(), url: uri.optional(), attributes, metadata,
});
const Location = z.strictObject({
  id: uuid, location_type: LocationType, url: uri.optional(), organization_id: uuid.optional(), name: str.optional(),
  alternate_name: str.optional(), description: str.optional(), transportation: str.optional(), latitude: num.optional(),
  longitude: num.optional(), external_identifier: str.optional(), external_identifier_type: str.optional(),
  languages: z.array(Language).optional(), addresses: z.array(Address).optional(), contacts: z.array(Contact).optional(),
  accessibility: z.array(Accessibility).optional(), phones: z.array(Phone).optional(), schedules: z.array(Schedule).optional(),
  attributes, metadata,
});
const Funding = z.strictObject({ id: uuid, organization_id: uuid.optional(), service_id: uuid.optional(), source: str.optional(), attributes, metadata });
const CostOption = z.strictObject({
  id: uuid, service_id: uuid.optional(), valid_from: str.optional(), valid_to: str.optional(), option: str.optional(),
  currency: str.optional(), amount: num.optional(), amount_description: str.optional(), attributes, metadata,
});
const RequiredDocument = z.strictObject({ id: uuid, service_id: uuid.optional(), document: str.optional(), uri: uri.optional(), attributes, metadata });
const Program = z.strictObject({
  id: uuid, organization_id: uuid.optional(), name: str, alternate_name: str.optional(), description: str, attributes, metadata,
});
const OrganizationIdentifier = z.strictObject({
  id: uuid, organization_id: uuid.optional(), identifier_scheme: str.optional(), identifier_type: str, identifier: str, attributes, metadata,
});

/** schema/compiled/organization_list.json: an organization's own fields. */
export const OrganizationListItem = z.strictObject({
  id: uuid, name: str, alternate_name: str.optional(), description: str, email: email.optional(), website: uri.optional(),
  tax_status: str.optional(), tax_id: str.optional(), year_incorporated: num.optional(), legal_status: str.optional(),
  logo: str.optional(), uri: uri.optional(), parent_organization_id: uuid.optional(),
});
/** An organization nested in a service (schema/compiled/service.json#organization). */
const OrganizationNested = OrganizationListItem.extend({
  funding: z.array(Funding).optional(), contacts: z.array(Contact).optional(), phones: z.array(Phone).optional(),
  locations: z.array(Location).optional(), programs: z.array(Program).optional(),
  organization_identifiers: z.array(OrganizationIdentifier).optional(), attributes, metadata,
});

/** schema/compiled/service_list.json. */
export const ServiceListItem = z.strictObject({
  id: uuid, organization_id: uuid.optional(), program_id: uuid.optional(), name: str, alternate_name: str.optional(),
  description: str.optional(), url: uri.optional(), email: email.optional(),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']), interpretation_services: str.optional(),
  application_process: str.optional(), fees_description: str.optional(), wait_time: str.optional(), fees: str.optional(),
  accreditations: str.optional(), eligibility_description: str.optional(), minimum_age: num.optional(), maximum_age: num.optional(),
  assured_date: str.optional(), assurer_email: email.optional(), licenses: str.optional(), alert: str.optional(),
  last_modified: z.iso.datetime({ offset: true }).optional(), organization: OrganizationNested.optional(), program: Program.optional(),
});

const ServiceAtLocationBase = z.strictObject({
  id: uuid, service_id: uuid.optional(), location_id: uuid.optional(), description: str.optional(),
  contacts: z.array(Contact).optional(), phones: z.array(Phone).optional(), schedules: z.array(Schedule).optional(),
  location: Location.optional(), attributes, metadata,
});

/** schema/compiled/service.json. */
export const Service = ServiceListItem.extend({
  phones: z.array(Phone).optional(), schedules: z.array(Schedule).optional(), service_areas: z.array(ServiceArea).optional(),
  service_at_locations: z.array(ServiceAtLocationBase).optional(), languages: z.array(Language).optional(),
  funding: z.array(Funding).optional(), cost_options: z.array(CostOption).optional(),
  required_documents: z.array(RequiredDocument).optional(), contacts: z.array(Contact).optional(), attributes, metadata,
});

/** schema/compiled/organization.json. */
export const Organization = OrganizationNested.extend({ services: z.array(ServiceListItem).optional() });

/** schema/compiled/service_at_location_list.json and service_at_location.json. */
export const ServiceAtLocationListItem = z.strictObject({
  id: uuid, service_id: uuid.optional(), location_id: uuid.optional(), description: str.optional(),
  location: Location.optional(), service: ServiceListItem.optional(),
});
export const ServiceAtLocation = ServiceAtLocationBase.extend({ service: ServiceListItem.optional() });

/** The API's components/schemas/Page around `contents`. */
export const pageOf = <T extends z.ZodType>(item: T) => z.strictObject({
  total_items: z.number().int(), total_pages: z.number().int(), page_number: z.number().int(), size: z.number().int(),
  first_page: z.boolean(), last_page: z.boolean(), empty: z.boolean(), contents: z.array(item),
});

/** The answer of `GET /` in the API specification. */
export const ApiMeta = z.strictObject({ version: str.optional(), profile: uri.optional(), openapi_url: uri.optional() });

/** The issues of a strict parse, one line each with its path: a test's failure message. */
export function conformanceIssues(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
