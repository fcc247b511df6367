import type { TestApp } from './test-app.ts';
import { REGISTRY_SCOPE_FIXTURES } from '../registry/testing.ts';
import { CASE_SCOPE_FIXTURES } from '../cases/testing.ts';
import { REFERRAL_SCOPE_FIXTURES } from '../referrals/testing.ts';
import { PROPOSAL_SCOPE_FIXTURES } from '../proposals/testing.ts';
import { PROGRAM_NOT_AREA_SCOPED, PROGRAM_SCOPE_FIXTURES } from '../programs/testing.ts';
import { LINKAGE_NOT_AREA_SCOPED, LINKAGE_SCOPE_FIXTURES } from '../registry/linkage/testing.ts';
import { PUSKESOS_SCOPE_FIXTURES } from '../puskesos/testing.ts';

import { PRIVACY_NOT_AREA_SCOPED, PRIVACY_SCOPE_FIXTURES } from '../privacy/testing.ts';
/**
 * For the access matrix: how to make a record that lives in Cinunuk (32.04.05.2004), for
 * every route with an `:id` (or other record) parameter under a personal-data permission.
 * The matrix then proves that the Cinunuk officer reaches it and the Soreang officer gets
 * 404. A new route with a record parameter fails the matrix until it has a fixture here.
 *
 * Keys are route URLs as registered (`/api/v1/persons/:id`); the value returns the path
 * parameters of a Cinunuk record.
 */
export type ScopeFixture = (t: TestApp) => Promise<Record<string, string>>;

export const SCOPE_FIXTURES: Record<string, ScopeFixture> = {
  ...REGISTRY_SCOPE_FIXTURES,
  ...CASE_SCOPE_FIXTURES,
  ...REFERRAL_SCOPE_FIXTURES,
  ...PROPOSAL_SCOPE_FIXTURES,
  ...PROGRAM_SCOPE_FIXTURES,
  ...PRIVACY_SCOPE_FIXTURES,
  ...LINKAGE_SCOPE_FIXTURES,
  ...PUSKESOS_SCOPE_FIXTURES,
};

/** Routes whose parameters are not area-scoped records (their own checks are tested beside them). */
export const NOT_AREA_SCOPED = new Set<string>([
  '/api/v1/users/:id',
  '/api/v1/users/:id/reset-password',
  '/api/v1/tokens/:id/revoke',
  '/api/v1/areas/:code',
  ...PROGRAM_NOT_AREA_SCOPED,
  ...PRIVACY_NOT_AREA_SCOPED,
  ...LINKAGE_NOT_AREA_SCOPED,
  // a training of the kabupaten; the officers listed are scoped by ?area= (puskesos/people.test.ts)
  '/api/v1/trainings/:id/invitations',
]);
