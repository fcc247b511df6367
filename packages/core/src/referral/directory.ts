import { z } from 'zod';
import { SPECIFIC_PERSON_FIELDS } from '../registry/person.ts';
import { SECTORS, type Sector } from '../case/case-codes.ts';

/**
 * The partner directory: organizations, the services they offer and where. Field names
 * follow Open Referral HSDS 3.0 where HSDS has one (status values, eligibility, application
 * process, schedules), in camelCase as the rest of our API; the `/hsds` views publish them
 * under the specification's own snake_case names.
 */

/** Kinds of partner organization (issue 5): OPD, business CSR, NGO, community, religious, professional, university. */
export const ORGANIZATION_TYPES = ['government', 'business', 'ngo', 'community', 'religious', 'professional', 'university'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** A service's sector: the same list as a case need's (case/case-codes.ts), so a need meets its services. */
export const SERVICE_SECTORS = SECTORS;
export type ServiceSector = Sector;

/** HSDS 3.0 service.status values, verbatim. */
export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/**
 * The resident's personal fields a service may ask to receive with a referral. A referral
 * shares exactly the fields its service declares (or fewer), never more: the partner's view
 * is built from this allowlist.
 */
export const COMMON_SHAREABLE_FIELDS = ['fullName', 'nik', 'kk', 'sex', 'birthDate', 'birthPlace', 'phone', 'address', 'village'] as const;
export const SHAREABLE_FIELDS = [...COMMON_SHAREABLE_FIELDS, ...SPECIFIC_PERSON_FIELDS] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** Sectors whose services may receive specific personal data (UU 27/2022 art. 4: health, disability). */
export const SPECIFIC_DATA_SECTORS: readonly ServiceSector[] = ['health', 'disability'];

/** True when a service of `sector` may declare `field` among the data it receives. */
export function mayShareField(sector: ServiceSector, field: ShareableField): boolean {
  if ((SPECIFIC_PERSON_FIELDS as readonly string[]).includes(field)) return SPECIFIC_DATA_SECTORS.includes(sector);
  return true;
}

const DottedArea = z.string().regex(/^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/);
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Email = z.email().max(200).nullable().optional();
const Url = z.url({ protocol: /^https?$/ }).max(500).nullable().optional();
const Phone = z.string().trim().regex(/^\+?[0-9 ()-]{5,20}$/).nullable().optional();
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const NoRepeats = <T extends z.ZodType>(item: T) => z.array(item).refine((a) => new Set(a).size === a.length, { message: 'field.invalid' });

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Opening hours: on these weekdays from `opensAt` to `closesAt` (local time of the kabupaten). */
export const Schedule = z.strictObject({
  days: NoRepeats(z.enum(WEEKDAYS)).min(1),
  opensAt: Time,
  closesAt: Time,
  note: OptionalText(200),
}).refine((s) => s.opensAt < s.closesAt, { message: 'directory.schedule_order', path: ['closesAt'] });
export type Schedule = z.infer<typeof Schedule>;

/** What a partner may keep current about its own organization. */
export const OrganizationProfileInput = z.strictObject({
  alternateName: OptionalText(200),
  description: z.string().trim().max(4000).optional(),
  email: Email,
  website: Url,
  phone: Phone,
  contactName: OptionalText(200),
  contactTitle: OptionalText(200),
  address: OptionalText(500),
});
export type OrganizationProfileInput = z.infer<typeof OrganizationProfileInput>;

/** What the kabupaten manages about an organization (everything). */
export const OrganizationInput = OrganizationProfileInput.extend({
  name: Text(200),
  type: z.enum(ORGANIZATION_TYPES),
  areasServed: NoRepeats(DottedArea).max(400).optional(),
  active: z.boolean().optional(),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;
export const OrganizationPatch = OrganizationInput.partial();
export type OrganizationPatch = z.infer<typeof OrganizationPatch>;

/** Optional fields default on creation (server side), and stay unchanged when absent from a patch. */
const ServiceFields = z.strictObject({
  name: Text(200),
  alternateName: OptionalText(200),
  description: z.string().trim().max(4000).optional(),
  sector: z.enum(SERVICE_SECTORS),
  status: z.enum(SERVICE_STATUSES).optional(),
  eligibility: OptionalText(2000),
  applicationProcess: OptionalText(2000),
  feesDescription: OptionalText(1000),
  documentsRequired: NoRepeats(Text(200)).max(30).optional(),
  schedules: z.array(Schedule).max(14).optional(),
  hoursNote: OptionalText(500),
  capacityPerMonth: z.number().int().min(0).max(1_000_000).nullable().optional(),
  capacityNote: OptionalText(500),
  /** Days the partner is expected to take to respond and serve: the referral's due date. */
  responseDays: z.number().int().min(1).max(90),
  sharedFields: NoRepeats(z.enum(SHAREABLE_FIELDS)).min(1),
  areasServed: NoRepeats(DottedArea).max(400).optional(),
  minimumAge: z.number().int().min(0).max(130).nullable().optional(),
  maximumAge: z.number().int().min(0).max(130).nullable().optional(),
  email: Email,
  url: Url,
  phone: Phone,
  locationIds: NoRepeats(z.uuid()).max(50).optional(),
});

function serviceRules(s: Partial<z.infer<typeof ServiceFields>>, ctx: z.RefinementCtx) {
  if (s.sector && s.sharedFields) {
    s.sharedFields.forEach((f, i) => {
      if (!mayShareField(s.sector!, f)) ctx.addIssue({ code: 'custom', path: ['sharedFields', i], message: 'directory.specific_field_not_allowed' });
    });
  }
  if (s.minimumAge != null && s.maximumAge != null && s.minimumAge > s.maximumAge) {
    ctx.addIssue({ code: 'custom', path: ['maximumAge'], message: 'directory.age_order' });
  }
}

/** A new service of an organization. */
export const ServiceInput = ServiceFields.extend({ organizationId: z.uuid() }).superRefine(serviceRules);
export type ServiceInput = z.infer<typeof ServiceInput>;
/** A change to a service; the rules are checked again on the merged result. */
export const ServicePatch = ServiceFields.partial().superRefine(serviceRules);
export type ServicePatch = z.infer<typeof ServicePatch>;

const LocationFields = z.strictObject({
  name: Text(200),
  description: OptionalText(1000),
  address: Text(500),
  villageCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/),
  postalCode: z.string().regex(/^\d{5}$/),
  latitude: z.number().min(-11).max(6).nullable().optional(),
  longitude: z.number().min(94).max(142).nullable().optional(),
  phone: Phone,
  transportation: OptionalText(500),
});
export const LocationInput = LocationFields.extend({ organizationId: z.uuid() });
export type LocationInput = z.infer<typeof LocationInput>;
export const LocationPatch = LocationFields.partial();
export type LocationPatch = z.infer<typeof LocationPatch>;

// ---- views: the response schemas are allowlists ----

export const OrganizationView = z.object({
  id: z.uuid(),
  name: z.string(),
  alternateName: z.string().nullable(),
  type: z.enum(ORGANIZATION_TYPES),
  description: z.string(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  contactName: z.string().nullable(),
  contactTitle: z.string().nullable(),
  address: z.string().nullable(),
  areasServed: z.array(z.string()),
  active: z.boolean(),
  serviceCount: z.number().int(),
  updatedAt: z.string(),
});
export type OrganizationView = z.infer<typeof OrganizationView>;

export const LocationView = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  address: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  kecamatanName: z.string().nullable(),
  postalCode: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  phone: z.string().nullable(),
  transportation: z.string().nullable(),
});
export type LocationView = z.infer<typeof LocationView>;

/** An organization with its locations (`GET /organizations/:id` and its writes). */
export const OrganizationDetail = OrganizationView.extend({ locations: z.array(LocationView) });
export type OrganizationDetail = z.infer<typeof OrganizationDetail>;

export const ServiceView = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  organizationType: z.enum(ORGANIZATION_TYPES),
  name: z.string(),
  alternateName: z.string().nullable(),
  description: z.string(),
  sector: z.enum(SERVICE_SECTORS),
  status: z.enum(SERVICE_STATUSES),
  eligibility: z.string().nullable(),
  applicationProcess: z.string().nullable(),
  feesDescription: z.string().nullable(),
  documentsRequired: z.array(z.string()),
  schedules: z.array(z.object({ days: z.array(z.enum(WEEKDAYS)), opensAt: z.string(), closesAt: z.string(), note: z.string().nullable().optional() })),
  hoursNote: z.string().nullable(),
  capacityPerMonth: z.number().int().nullable(),
  capacityNote: z.string().nullable(),
  responseDays: z.number().int(),
  sharedFields: z.array(z.enum(SHAREABLE_FIELDS)),
  areasServed: z.array(z.string()),
  minimumAge: z.number().int().nullable(),
  maximumAge: z.number().int().nullable(),
  email: z.string().nullable(),
  url: z.string().nullable(),
  phone: z.string().nullable(),
  locations: z.array(LocationView),
  updatedAt: z.string(),
});
export type ServiceView = z.infer<typeof ServiceView>;

/** An area filter of the directory: a kabupaten, kecamatan or village code (`32.04`, `32.04.05`, `32.04.05.2001`). */
const DirectoryArea = z.string().regex(/^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/);
const DirectoryLimit = z.coerce.number().int().min(1).max(200).default(50);

/** `GET /organizations`. */
export const OrganizationListQuery = z.object({
  type: z.enum(ORGANIZATION_TYPES).optional(),
  q: z.string().max(100).optional(),
  area: DirectoryArea.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(300).optional(),
  limit: DirectoryLimit,
});
export type OrganizationListQuery = z.input<typeof OrganizationListQuery>;

/** `GET /services`. */
export const ServiceListQuery = z.object({
  sector: z.enum(SERVICE_SECTORS).optional(),
  area: DirectoryArea.optional(),
  organizationId: z.uuid().optional(),
  status: z.enum(SERVICE_STATUSES).optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(300).optional(),
  limit: DirectoryLimit,
});
export type ServiceListQuery = z.input<typeof ServiceListQuery>;
