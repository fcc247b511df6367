import type { Role } from './roles.ts';

/**
 * The one vocabulary of permissions, shared by server and web. A route names exactly one;
 * the web hides what the API forbids because both read this map.
 *
 * `personal` marks permissions whose routes return personal data: such routes are audited
 * on read, and `executive` (aggregates only) never holds one.
 */
export const PERMISSIONS = {
  'users.manage': { personal: false },
  'tokens.manage': { personal: false },
  'audit.read': { personal: true },
  'audit.verify': { personal: false },
  'areas.read': { personal: false },
  'stats.read': { personal: false },
  'notifications.read': { personal: false },
  // registry
  'registry.read': { personal: true },
  'registry.read_specific': { personal: true },
  'registry.write': { personal: true },
  'registry.import': { personal: true },
  'registry.export': { personal: true },
  'registry.duplicates.run': { personal: false },
  'registry.duplicates.review': { personal: true },
  // intake and cases
  'cases.create': { personal: true },
  'cases.read': { personal: true },
  'cases.work': { personal: true },
  'cases.decide': { personal: true },
  'cases.export': { personal: true },
  // referrals and the partner directory
  'directory.read': { personal: false },
  'directory.manage': { personal: false },
  'directory.manage_own': { personal: false },
  'referrals.create': { personal: true },
  'referrals.read': { personal: true },
  'referrals.respond': { personal: true },
  'referrals.board': { personal: false },
  // registry proposals (usulan) and field verification
  'proposals.create': { personal: true },
  'proposals.read': { personal: true },
  'proposals.verify': { personal: true },
  'proposals.review': { personal: true },
  'proposals.approve': { personal: true },
  'proposals.submit': { personal: true },
  // programs: catalog and rules, targeting lists, enrollment, assistance ledger
  'programs.read': { personal: false },
  'programs.manage': { personal: false },
  'programs.targeting': { personal: true },
  'programs.enroll': { personal: true },
  'assistance.read': { personal: true },
  'assistance.record': { personal: true },
  // personal data protection (UU 27/2022): the DPO, the auditor's oversight, case holders
  'privacy.access_log': { personal: true },
  'privacy.oversee': { personal: true },
  'privacy.manage': { personal: true },
  'privacy.break_glass': { personal: true },
  // Puskesos as an institution (profile, facilities, funding, people, training) and reports upward
  'puskesos.read': { personal: false },
  'puskesos.write': { personal: false },
  'puskesos.supervise': { personal: false },
  'puskesos.approve': { personal: false },
  'puskesos.configure': { personal: false },
  'puskesos.staff': { personal: true },
  'outreach.write': { personal: false },
  'reports.read': { personal: false },
} as const satisfies Record<string, { personal: boolean }>;

export type Permission = keyof typeof PERMISSIONS;

const VILLAGE_STAFF = [
  'areas.read', 'directory.read', 'notifications.read', 'stats.read',
  'registry.read', 'registry.write',
  'cases.create', 'cases.read', 'cases.work',
  'referrals.create', 'referrals.read',
  'proposals.create', 'proposals.read',
  'programs.read', 'programs.targeting', 'assistance.read', 'assistance.record',
  'privacy.access_log', 'privacy.break_glass',
  'puskesos.read', 'outreach.write',
] as const satisfies readonly Permission[];

/** What each role may do. Default deny: a permission not listed here is refused. */
export const ROLE_PERMISSIONS = {
  admin: [
    'users.manage', 'tokens.manage', 'audit.verify', 'areas.read', 'stats.read', 'notifications.read',
    'directory.read', 'directory.manage', 'registry.import', 'referrals.board', 'programs.read', 'puskesos.read',
  ],
  kabupaten_manager: [
    ...VILLAGE_STAFF, 'registry.read_specific', 'registry.import', 'registry.export',
    'registry.duplicates.run', 'registry.duplicates.review',
    'cases.decide', 'cases.export', 'directory.manage', 'referrals.board',
    'proposals.review', 'proposals.approve', 'proposals.submit', 'programs.manage', 'programs.enroll',
    'puskesos.write', 'puskesos.supervise', 'puskesos.configure', 'puskesos.staff', 'reports.read',
  ],
  supervisor: [
    // cases.decide: what is escalated to the kecamatan (core case-authority: kecamatan grant, kecamatan level)
    ...VILLAGE_STAFF, 'registry.read_specific', 'registry.export', 'cases.decide', 'cases.export',
    'referrals.board', 'proposals.review',
    'puskesos.supervise', 'puskesos.staff', 'reports.read',
  ],
  facilitator: [
    'areas.read', 'directory.read', 'notifications.read',
    'registry.read', 'registry.read_specific', 'cases.create', 'cases.read', 'cases.work',
    'proposals.create', 'proposals.read', 'proposals.verify', 'programs.read', 'privacy.access_log', 'privacy.break_glass',
    'puskesos.read', 'outreach.write',
  ],
  puskesos_coordinator: [
    ...VILLAGE_STAFF, 'registry.read_specific', 'registry.duplicates.review', 'cases.decide', 'cases.export', 'referrals.board', 'programs.enroll',
    'puskesos.write', 'puskesos.staff', 'reports.read',
  ],
  puskesos_officer: [...VILLAGE_STAFF, 'registry.read_specific'],
  partner_officer: ['directory.read', 'directory.manage_own', 'referrals.read', 'referrals.respond', 'notifications.read', 'programs.read', 'assistance.record'],
  executive: ['areas.read', 'stats.read', 'directory.read', 'referrals.board', 'programs.read', 'puskesos.read', 'reports.read'],
  auditor: ['audit.read', 'audit.verify', 'areas.read', 'privacy.access_log', 'privacy.oversee'],
  /** The data protection officer (UU 27/2022 art. 53): requests, breaches, retention, records; the auditor oversees. */
  dpo: ['areas.read', 'notifications.read', 'privacy.access_log', 'privacy.oversee', 'privacy.manage', 'audit.verify'],
  // Kepala Desa/Lurah: the village's report and its Puskesos, approvals; aggregates only, never residents
  village_head: ['areas.read', 'stats.read', 'puskesos.read', 'puskesos.approve', 'reports.read'],
  // Dinas Sosial Provinsi watching its kabupaten/kota: the executive's aggregates, province-wide; never residents
  province_executive: ['areas.read', 'stats.read', 'directory.read', 'referrals.board', 'programs.read', 'puskesos.read', 'reports.read'],
} as const satisfies Record<Role, readonly Permission[]>;

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

export function isPersonalPermission(permission: Permission): boolean {
  return PERMISSIONS[permission].personal;
}
