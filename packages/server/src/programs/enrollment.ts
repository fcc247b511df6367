import type { EnrollInput, Enrollment, ExitInput, HouseholdEnrollments } from '@slrt/core';
import { newId } from '../db/ids.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import { getHouseholdInScope, getPersonInScope } from '../registry/service.ts';
import { programEntry, todayFor } from './catalog.ts';
import * as q from './enrollment-queries.ts';

/**
 * Enrollment: who receives which program, from when to when. An officer enrolls a household
 * (or one of its members, for person-level programs) and ends an enrollment with a reason;
 * nothing is deleted, so the household keeps its history of programs.
 */

function toEnrollment(r: q.EnrollmentRow): Enrollment {
  return {
    id: r.id, program: r.program_code, programName: r.program_name, householdId: r.household_id, personId: r.person_id,
    personName: r.person_name, period: r.period, startedOn: r.started_on, endedOn: r.ended_on, endReason: r.end_reason,
    sourceType: r.source_type, createdBy: r.created_by, endedBy: r.ended_by,
  };
}

/** GET /households/:id/enrollments: current programs first, then past ones. */
export async function householdEnrollments(deps: Deps, ctx: RequestContext, householdId: string): Promise<HouseholdEnrollments> {
  await getHouseholdInScope(deps.db, ctx, householdId);
  const rows = await q.selectHouseholdEnrollments(deps.db, householdId);
  await ctx.auditRead({ action: 'household.enrollments', recordType: 'household', recordIds: [householdId], purpose: 'programs.enrollment' });
  return { items: rows.map(toEnrollment), nextCursor: null };
}

export async function enrollHousehold(deps: Deps, ctx: RequestContext, householdId: string, input: EnrollInput): Promise<Enrollment> {
  const kab = ctx.actor.kabCode;
  return deps.db.transaction(async (tx) => {
    const household = await getHouseholdInScope(tx, ctx, householdId, { permission: 'programs.enroll' });
    const entry = await programEntry(tx, kab, input.program).catch(() => { throw fieldError('program', 'field.invalid_value'); });
    if (input.personId !== null) {
      const person = await getPersonInScope(tx, ctx, input.personId, { permission: 'programs.enroll' }).catch(() => null);
      if (!person || person.householdId !== householdId) throw fieldError('personId', 'assistance.person_not_in_household');
    }
    if (await q.selectCurrentEnrollment(tx, entry.program.id, householdId, input.personId)) throw conflict('programs.already_enrolled');
    const id = newId();
    await q.insertEnrollments(tx, [{
      id, kabCode: household.kabCode, villageCode: household.villageCode, programId: entry.program.id, householdId,
      personId: input.personId, period: input.period, startedOn: input.startedOn ?? todayFor(kab), sourceType: 'officer', sourceId: null,
      createdBy: ctx.actor.username,
    }]);
    await ctx.auditWrite(tx, { action: 'enrollment.create', recordType: 'household', recordIds: [householdId, id], details: { program: input.program } });
    const row = await q.selectEnrollment(tx, kab, id);
    if (!row) throw new Error('enrollment not inserted');
    return toEnrollment(row);
  });
}

export async function exitEnrollment(deps: Deps, ctx: RequestContext, id: string, input: ExitInput): Promise<Enrollment> {
  const kab = ctx.actor.kabCode;
  return deps.db.transaction(async (tx) => {
    const row = await q.selectEnrollment(tx, kab, id, { forUpdate: true });
    if (!row || !ctx.actor.coversArea('programs.enroll', row.village_code)) throw notFound();
    if (row.ended_on !== null) throw conflict('programs.not_enrolled');
    const endedOn = input.endedOn ?? todayFor(kab);
    if (endedOn < row.started_on) throw fieldError('endedOn', 'field.invalid_value');
    await q.endEnrollment(tx, id, { endedOn, reason: input.reason, endedBy: ctx.actor.username });
    await ctx.auditWrite(tx, { action: 'enrollment.exit', recordType: 'household', recordIds: [row.household_id, id], details: { program: row.program_code, reason: input.reason } });
    const updated = await q.selectEnrollment(tx, kab, id);
    if (!updated) throw new Error('enrollment vanished');
    return toEnrollment(updated);
  });
}
