import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS } from '@slrt/core';
import type { Permission, Role } from '@slrt/core';
import { canOpen, homePath } from './access.ts';
import { HOME_WORKSPACE, WORKSPACES, workspaceById } from './workspaces.ts';

function aUser(...roles: Role[]) {
  return {
    roles: roles.map((role) => ({ role })),
    permissions: [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] as readonly Permission[]))],
  };
}

describe('workspaces', () => {
  it.each([...ROLES])('%s lands in a workspace it may open', (role) => {
    const home = workspaceById(HOME_WORKSPACE[role]);
    expect(home.roles).toContain(role);
    expect(homePath(aUser(role))).toBe(home.path);
    expect(canOpen(aUser(role), { roles: home.roles })).toBe(true);
  });

  it('has unique paths', () => {
    const paths = WORKSPACES.map((w) => w.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('lands a user with several roles in the first role’s workspace', () => {
    expect(homePath(aUser('supervisor', 'admin'))).toBe('/supervisor');
  });
});

describe('canOpen', () => {
  it('follows ROLE_PERMISSIONS exactly for permission routes', () => {
    for (const role of ROLES) {
      for (const permission of ['users.manage', 'cases.create', 'audit.read', 'referrals.respond'] as const) {
        const expected = (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
        expect({ role, permission, allowed: canOpen(aUser(role), { permission }) }).toEqual({ role, permission, allowed: expected });
      }
    }
  });

  it('denies by default and without a user', () => {
    expect(canOpen(aUser('admin'), {})).toBe(false);
    expect(canOpen(null, { anyUser: true })).toBe(false);
    expect(canOpen(null, { public: true })).toBe(true);
  });
});
