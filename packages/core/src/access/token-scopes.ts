import type { Permission } from './permissions.ts';

/**
 * What a bearer token (a partner's system, an integration) may be allowed to do: a token
 * carries some of these, each also granted by its service account's roles, so a token is
 * never wider than its account and usually much narrower (a hospital's system that only
 * reads and answers its referrals).
 */
export const TOKEN_SCOPES = [
  'referrals.read', // read the referrals sent to the organization
  'referrals.respond', // accept, decline, serve and close them
  'directory.read', // read the service directory
  'directory.manage_own', // keep the organization's own services up to date
  'notifications.read',
  'areas.read',
  'stats.read',
] as const satisfies readonly Permission[];
export type TokenScope = (typeof TOKEN_SCOPES)[number];
