/** The roles of SLRT (see shared/domain/process.md). One user may hold several. */
export const ROLES = [
  'admin',
  'kabupaten_manager',
  'supervisor',
  'facilitator',
  'puskesos_coordinator',
  'puskesos_officer',
  'partner_officer',
  'executive',
  'auditor',
  'dpo',
  'village_head',
  'province_executive',
] as const;
export type Role = (typeof ROLES)[number];

/** What a role's scope is made of: an area code prefix, or a partner organization. */
export type ScopeKind = 'area' | 'organization';

export const ROLE_SCOPE_KIND = {
  admin: 'area',
  kabupaten_manager: 'area',
  supervisor: 'area',
  facilitator: 'area',
  puskesos_coordinator: 'area',
  puskesos_officer: 'area',
  partner_officer: 'organization',
  executive: 'area',
  auditor: 'area',
  dpo: 'area',
  village_head: 'area',
  province_executive: 'area',
} as const satisfies Record<Role, ScopeKind>;

/** The area level a role is normally scoped to (used to check and to default new users' scope). */
export const ROLE_AREA_LEVEL = {
  admin: 'kabupaten',
  kabupaten_manager: 'kabupaten',
  supervisor: 'kecamatan',
  facilitator: 'village',
  puskesos_coordinator: 'village',
  puskesos_officer: 'village',
  partner_officer: null,
  executive: 'kabupaten',
  auditor: 'kabupaten',
  dpo: 'kabupaten',
  village_head: 'village',
  // Dinas Sosial Provinsi: every kabupaten/kota of the province, aggregates only
  province_executive: 'province',
} as const satisfies Record<Role, 'province' | 'kabupaten' | 'kecamatan' | 'village' | null>;

/** A role held by a user, with its scope. */
export type RoleGrant =
  | { role: Exclude<Role, 'partner_officer'>; areaCode: string; organizationId?: undefined }
  | { role: 'partner_officer'; organizationId: string; areaCode?: undefined };
