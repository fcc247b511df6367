import type { OfficerInput } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { contextAs } from '../registry/testing.ts';
import { addOfficer } from './people.ts';

/** Builders for Puskesos tests, through the real services (history and audit as in use). */

export const CINUNUK = '32.04.05.2004';

export async function anOfficer(deps: Deps, opts: Partial<OfficerInput> & { village?: string; as?: string } = {}) {
  const { village, as, ...input } = opts;
  const ctx = await contextAs(deps, as ?? 'kabupaten');
  return addOfficer(deps, ctx, village ?? CINUNUK, { name: 'Euis Rohaeti', position: 'front_office', startDate: '2025-01-02', paid: true, monthlyHonorarium: 500_000, ...input });
}

const cinunuk = async () => ({ villageCode: CINUNUK });

/** Scope fixtures of the Puskesos routes under a personal-data permission (testing/scope-fixtures.ts). */
export const PUSKESOS_SCOPE_FIXTURES: Record<string, (t: { deps: Deps }) => Promise<Record<string, string>>> = {
  '/api/v1/puskesos/:villageCode/officers': cinunuk,
  '/api/v1/puskesos/:villageCode/handovers': cinunuk,
  // not a personal-data permission, but staff accounts are listed: outsiders get 404 too
  '/api/v1/puskesos/:villageCode/accounts': cinunuk,
};
