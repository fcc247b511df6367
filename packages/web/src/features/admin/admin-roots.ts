import type { User } from '../../api/user.ts';

/** The administrator's own areas: new users' areas are chosen inside them. */
export function adminRoots(user: User): string[] {
  const codes = user.roles.filter((r) => r.role === 'admin' && r.areaCode).map((r) => r.areaCode as string);
  return [...new Set(codes)];
}
