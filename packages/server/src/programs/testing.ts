import type { Deps } from '../http/context.ts';
import { newId } from '../db/ids.ts';
import { aHousehold, aPerson, CINUNUK } from '../registry/testing.ts';
import { insertEnrollments } from './enrollment-queries.ts';
import { selectProgramByCode } from './queries.ts';
import { aReferral } from '../referrals/testing.ts';

/** A Cinunuk household as a registry import leaves it (desil 2, a head), for tests of any domain. */
async function aScreenableHousehold(deps: Deps) {
  const h = await aHousehold(deps.db, { village: CINUNUK, desil: 2 });
  await aPerson(deps.db, { household: h, fullName: 'Asep', sex: 'M', relationship: 'head' });
  return h;
}

/** A current enrollment of a Cinunuk household in `code`. */
async function anEnrollment(deps: Deps, code = 'SEMBAKO') {
  const h = await aScreenableHousehold(deps);
  const program = await selectProgramByCode(deps.db, h.kabCode, code);
  if (!program) throw new Error(`no program ${code}`);
  const id = newId();
  await insertEnrollments(deps.db, [{
    id, kabCode: h.kabCode, villageCode: h.villageCode, programId: program.id, householdId: h.id, personId: null,
    period: '2026-07', startedOn: '2026-07-01', sourceType: 'seed', sourceId: null, createdBy: null,
  }]);
  return { id, householdId: h.id };
}

/** Scope fixtures of the programs' routes for the access matrix (testing/scope-fixtures.ts). */
export const PROGRAM_SCOPE_FIXTURES: Record<string, (t: { deps: Deps }) => Promise<Record<string, string>>> = {
  '/api/v1/households/:id/screening': async (t) => ({ id: (await aScreenableHousehold(t.deps)).id }),
  '/api/v1/households/:id/enrollments': async (t) => ({ id: (await anEnrollment(t.deps)).householdId }),
  '/api/v1/enrollments/:id/exit': async (t) => ({ id: (await anEnrollment(t.deps)).id }),
  '/api/v1/households/:id/assistance': async (t) => ({ id: (await aScreenableHousehold(t.deps)).id }),
  '/api/v1/referrals/:id/assistance': async (t) => ({ id: (await aReferral(t.deps)).id }),
};

/**
 * Kabupaten-level records (scoped by kab_code and programs.enroll, tested in enrollment.test.ts),
 * and targeting lists, whose `:code` is a program: their area comes in `?area=` (tested in targeting.test.ts).
 */
export const PROGRAM_NOT_AREA_SCOPED = [
  '/api/v1/programs/:code/targeting',
  '/api/v1/programs/:code/targeting/export',
  // its households come in the body, each answered out_of_scope outside the area (targeting-actions.test.ts)
  '/api/v1/programs/:code/targeting/actions',
  '/api/v1/programs/:code/enrollment-imports',
  '/api/v1/enrollment-imports/:id',
  '/api/v1/enrollment-imports/:id/errors',
  '/api/v1/enrollment-imports/:id/errors.csv',
];
