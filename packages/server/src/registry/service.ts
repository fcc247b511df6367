import type { CreatePersonInput, HouseholdView, PersonView } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { applyRegistryChanges, type RegistryChangeRequest } from './changes.ts';
import { listHistory } from './history-queries.ts';
import { createPerson, getHouseholdInScope, getPersonInScope } from './persons.ts';
import { selectFamiliesOfHousehold, selectPersonsOfHousehold, selectPersonUnscoped } from './queries.ts';
import type { PersonRecord } from './records.ts';
import { liveBreakGlass } from '../privacy/break-glass.ts';
import { selectMergedInto } from './linkage/merge-queries.ts';
import { mayReadSpecific, toHouseholdView, toPersonView } from './views.ts';

/**
 * The registry's service: the functions other domains call (see README.md), and the use
 * cases behind the registry's own routes.
 */
export { applyRegistryChanges, createPerson, getHouseholdInScope, getPersonInScope };
export type { RegistryChangeRequest } from './changes.ts';
export { householdInKabupaten, moveHousehold, movePerson, residentInKabupaten } from './moves.ts';
export type { PersonRecord, HouseholdRecord } from './records.ts';
export { searchPersons } from './search.ts';
export { selectLetterResident, selectRegistryStanding, type LetterResidentRow } from './queries.ts';
/** The import file reader and upload receiver, for other domains' list imports (programs' enrollment lists). */
export { detectFormat, readSheet, type SheetRow } from './imports/read-file.ts';
export { receiveUpload } from './imports/routes.ts';
export { newUploadPath } from './imports/service.ts';
export { toPersonView } from './views.ts';

export async function readPerson(deps: Deps, ctx: RequestContext, id: string): Promise<PersonView> {
  let person: PersonRecord;
  let breakGlass: string | null = null;
  try {
    person = await getPersonInScope(deps.db, ctx, id);
  } catch (err) {
    // outside the scope: only with a live break-glass grant (reason stated, short, reviewed by the DPO)
    breakGlass = await liveBreakGlass(deps, ctx, id);
    const unscoped = breakGlass ? await selectPersonUnscoped(deps.db, ctx.actor.kabCode, id) : null;
    if (!unscoped) throw err;
    person = unscoped;
  }
  await ctx.auditRead({
    action: 'person.read', recordType: 'person', recordIds: [id], purpose: breakGlass ? 'privacy.break_glass' : 'registry.read',
    details: { specificShown: mayReadSpecific(ctx), ...(breakGlass ? { breakGlass } : {}) },
  });
  return toPersonView(person, ctx);
}

export async function readHousehold(deps: Deps, ctx: RequestContext, id: string): Promise<HouseholdView> {
  const household = await getHouseholdInScope(deps.db, ctx, id);
  const families = await selectFamiliesOfHousehold(deps.db, household.kabCode, id);
  const members = await selectPersonsOfHousehold(deps.db, id);
  await ctx.auditRead({ action: 'household.read', recordType: 'household', recordIds: [id, ...members.map((m) => m.id)], purpose: 'registry.read' });
  return toHouseholdView(household, families, members);
}

export async function personHistory(deps: Deps, ctx: RequestContext, id: string, page: { limit: number; cursor?: string | undefined }) {
  const person = await getPersonInScope(deps.db, ctx, id);
  // the history of records merged into this one is this person's history too
  const result = await listHistory(deps.db, person.kabCode, [id, ...(await selectMergedInto(deps.db, id))], { ...page, showSpecific: mayReadSpecific(ctx) });
  await ctx.auditRead({ action: 'person.history', recordType: 'person', recordIds: [id], purpose: 'registry.read' });
  return result;
}

/** The household's history with that of its families. */
export async function householdHistory(deps: Deps, ctx: RequestContext, id: string, page: { limit: number; cursor?: string | undefined }) {
  const household = await getHouseholdInScope(deps.db, ctx, id);
  const families = await selectFamiliesOfHousehold(deps.db, household.kabCode, id);
  const result = await listHistory(deps.db, household.kabCode, [id, ...families.map((f) => f.id)], { ...page, showSpecific: mayReadSpecific(ctx) });
  await ctx.auditRead({ action: 'household.history', recordType: 'household', recordIds: [id], purpose: 'registry.read' });
  return result;
}

export async function createPersonAsOfficer(deps: Deps, ctx: RequestContext, input: CreatePersonInput): Promise<PersonView> {
  const person = await deps.db.transaction((tx) => createPerson(tx, ctx, input, { type: 'officer', id: null, reason: null }));
  return toPersonView(person, ctx);
}

/** An officer's edit of a person, household or family through the API. */
export async function editRecord(
  deps: Deps,
  ctx: RequestContext,
  req: Omit<RegistryChangeRequest, 'source' | 'permission'>,
) {
  const result = await deps.db.transaction((tx) => applyRegistryChanges(tx, ctx, { ...req, source: { type: 'officer', id: null } }));
  // no field differed: nothing written, and the answer (a version number) names no one
  if (result.changed.length === 0) ctx.noPersonalData();
  return result;
}
