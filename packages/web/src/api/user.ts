import { ROLE_PERMISSIONS } from '@slrt/core';
import type { Permission, UserView } from '@slrt/core';

/** A user as `/auth/me` and `/users` return it: the API's own schema type, from core. */
export type User = UserView;

/** One role a user holds, with its scope. */
export type UserRole = UserView['roles'][number];

/**
 * What the user may do: the permissions the server computed, or, if an older server sent
 * none, the union of `ROLE_PERMISSIONS` of the user's roles (the same map the API checks).
 */
export function permissionsOf(user: Pick<User, 'roles' | 'permissions'>): ReadonlySet<Permission> {
  if (Array.isArray(user.permissions)) return new Set(user.permissions);
  return new Set(user.roles.flatMap((r) => ROLE_PERMISSIONS[r.role] as readonly Permission[]));
}
