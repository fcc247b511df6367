import type { Permission, Role } from '@slrt/core';
import { permissionsOf } from '../api/user.ts';
import type { User } from '../api/user.ts';
import { HOME_WORKSPACE, workspaceById } from './workspaces.ts';

/**
 * Who may open a route. Exactly one rule per route (a test checks it); a route with none
 * opens for nobody (default deny, as on the server).
 */
export interface RouteAccess {
  /** Open without signing in (the sign-in page). */
  public?: true;
  /** Open to everyone, signed in or not, without sending a signed-in user away (public tracking, letter verification). */
  open?: true;
  /** Any signed-in user (their own account pages). */
  anyUser?: true;
  /** Holders of this permission: the one the API route behind the page demands. */
  permission?: Permission;
  /** Holders of one of these roles (workspaces). */
  roles?: readonly Role[];
}

export function canOpen(user: Pick<User, 'roles' | 'permissions'> | null, access: RouteAccess): boolean {
  if (access.public || access.open) return true;
  if (!user) return false;
  if (access.anyUser) return true;
  if (access.permission) return permissionsOf(user).has(access.permission);
  if (access.roles) return user.roles.some((r) => access.roles?.includes(r.role));
  return false;
}

/** Where the user lands: the workspace of their first role. */
export function homePath(user: Pick<User, 'roles'>): string {
  const first = user.roles[0];
  return first ? workspaceById(HOME_WORKSPACE[first.role]).path : '/akun/kata-sandi';
}
