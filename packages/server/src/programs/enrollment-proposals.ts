import type { Queryable, Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { RequestContext } from '../http/context.ts';
import { conflict, fieldError } from '../http/errors.ts';
import { programEntry, todayFor } from './catalog.ts';
import * as q from './enrollment-queries.ts';

/**
 * Enrolment and exit by an approved proposal (usulan `enrol`/`exit`, from a targeting list):
 * what the proposals domain calls when the kabupaten ratifies one, inside the ratification's
 * transaction. The enrolment names the proposal as its source; the exit keeps the proposal's
 * code and justification as its reason, so the household's history says why it ended.
 */

/** The program of a proposal, by code (400 on `changes.program` when the catalog has none). */
async function programOfProposal(db: Queryable, kabCode: string, code: string): Promise<{ id: string; code: string; name: string }> {
  const entry = await programEntry(db, kabCode, code).catch(() => { throw fieldError('changes.program', 'proposal.program_unknown'); });
  return { id: entry.program.id, code: entry.program.code, name: entry.program.name };
}

/** The household's current (household-level) enrolment in the program, or null. */
export async function currentEnrollmentIn(db: Queryable, kabCode: string, code: string, householdId: string): Promise<{ id: string } | null> {
  const program = await programOfProposal(db, kabCode, code);
  return q.selectCurrentEnrollment(db, program.id, householdId, null);
}

export async function enrolByProposal(tx: Tx, ctx: RequestContext, p: { id: string; code: string; kabCode: string; villageCode: string; householdId: string; program: string }): Promise<string> {
  const program = await programOfProposal(tx, p.kabCode, p.program);
  if (await q.selectCurrentEnrollment(tx, program.id, p.householdId, null)) throw conflict('programs.already_enrolled');
  const id = newId();
  await q.insertEnrollments(tx, [{
    id, kabCode: p.kabCode, villageCode: p.villageCode, programId: program.id, householdId: p.householdId, personId: null,
    period: null, startedOn: todayFor(p.kabCode), sourceType: 'proposal', sourceId: p.id, createdBy: ctx.actor.username,
  }]);
  await ctx.auditWrite(tx, { action: 'enrollment.create', recordType: 'household', recordIds: [p.householdId, id, p.id], details: { program: program.code, proposal: p.code } });
  return id;
}

export async function exitByProposal(tx: Tx, ctx: RequestContext, p: { id: string; code: string; kabCode: string; householdId: string; program: string; reason: string }): Promise<string> {
  const program = await programOfProposal(tx, p.kabCode, p.program);
  const current = await q.selectCurrentEnrollment(tx, program.id, p.householdId, null);
  if (!current) throw conflict('programs.not_enrolled');
  const reason = `${p.code}: ${p.reason}`.slice(0, 2000);
  await q.endEnrollment(tx, current.id, { endedOn: todayFor(p.kabCode), reason, endedBy: ctx.actor.username, sourceId: p.id });
  await ctx.auditWrite(tx, { action: 'enrollment.exit', recordType: 'household', recordIds: [p.householdId, current.id, p.id], details: { program: program.code, proposal: p.code } });
  return current.id;
}
