import type { Deps } from '../http/context.ts';
import { aHousehold, aPerson, CINUNUK } from '../registry/testing.ts';

/** Scope fixtures of the programs' routes for the access matrix (testing/scope-fixtures.ts). */
export const PROGRAM_SCOPE_FIXTURES: Record<string, (t: { deps: Deps }) => Promise<Record<string, string>>> = {
  '/api/v1/households/:id/screening': async (t) => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK, desil: 2 });
    await aPerson(t.deps.db, { household: h, fullName: 'Asep', sex: 'M', relationship: 'head' });
    return { id: h.id };
  },
};
