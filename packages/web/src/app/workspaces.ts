import type { Role } from '@slrt/core';
import type { ShellKey } from '../i18n/namespaces.ts';

/**
 * Each role works in its own workspace and lands there after sign-in. A workspace page
 * shows the user's scope and links to the features (routes) that name the workspace.
 */
export interface Workspace {
  id: WorkspaceId;
  path: string;
  /** Who may open it. */
  roles: readonly Role[];
  title: ShellKey;
  intro: ShellKey;
}

export type WorkspaceId =
  | 'front-office'
  | 'back-office'
  | 'field'
  | 'partner'
  | 'supervisor'
  | 'kabupaten'
  | 'admin'
  | 'audit'
  | 'privacy'
  | 'village';

export const WORKSPACES: readonly Workspace[] = [
  { id: 'front-office', path: '/kantor-depan', roles: ['puskesos_officer'], title: 'common:workspace.frontOffice.title', intro: 'common:workspace.frontOffice.intro' },
  // The Puskesos officer serves at both desks (ARCHITECTURE.md, Access); the coordinator works here.
  { id: 'back-office', path: '/kantor-belakang', roles: ['puskesos_coordinator', 'puskesos_officer'], title: 'common:workspace.backOffice.title', intro: 'common:workspace.backOffice.intro' },
  { id: 'field', path: '/lapangan', roles: ['facilitator'], title: 'common:workspace.field.title', intro: 'common:workspace.field.intro' },
  { id: 'partner', path: '/mitra', roles: ['partner_officer'], title: 'common:workspace.partner.title', intro: 'common:workspace.partner.intro' },
  { id: 'supervisor', path: '/supervisor', roles: ['supervisor'], title: 'common:workspace.supervisor.title', intro: 'common:workspace.supervisor.intro' },
  { id: 'kabupaten', path: '/kabupaten', roles: ['kabupaten_manager', 'executive', 'province_executive'], title: 'common:workspace.kabupaten.title', intro: 'common:workspace.kabupaten.intro' },
  { id: 'admin', path: '/admin', roles: ['admin'], title: 'common:workspace.admin.title', intro: 'common:workspace.admin.intro' },
  { id: 'audit', path: '/audit', roles: ['auditor'], title: 'common:workspace.audit.title', intro: 'common:workspace.audit.intro' },
  { id: 'privacy', path: '/privasi', roles: ['dpo'], title: 'common:workspace.privacy.title', intro: 'common:workspace.privacy.intro' },
  { id: 'village', path: '/desa', roles: ['village_head'], title: 'common:workspace.village.title', intro: 'common:workspace.village.intro' },
];

/** Where each role lands after sign-in. Checked to be complete by the compiler. */
export const HOME_WORKSPACE = {
  admin: 'admin',
  kabupaten_manager: 'kabupaten',
  supervisor: 'supervisor',
  facilitator: 'field',
  puskesos_coordinator: 'back-office',
  puskesos_officer: 'front-office',
  partner_officer: 'partner',
  executive: 'kabupaten',
  auditor: 'audit',
  dpo: 'privacy',
  village_head: 'village',
  province_executive: 'kabupaten',
} as const satisfies Record<Role, WorkspaceId>;

export function workspaceById(id: WorkspaceId): Workspace {
  const found = WORKSPACES.find((w) => w.id === id);
  if (!found) throw new Error(`no workspace ${id}`);
  return found;
}
