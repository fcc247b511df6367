import type { Tx } from '../db/database.ts';
import type { RequestContext } from '../http/context.ts';
import { conflict } from '../http/errors.ts';
import { currentEnrollmentIn, enrolByProposal, exitByProposal } from '../programs/public.ts';
import type { ProposalRow } from './queries.ts';
import { selectOpenProgramProposal } from './queries.ts';

/**
 * Proposals about a program's beneficiaries (from the targeting lists): `enrol` a household
 * missed, `exit` one enrolled but no longer eligible. The enrolment is the programs domain's;
 * this side checks a proposal makes sense when entered and applies it at ratification.
 */

/** 400 for a program the catalog lacks; 409 when there is nothing to change or a proposal on it is open. */
export async function checkProgramProposal(tx: Tx, ctx: RequestContext, type: 'enrol' | 'exit', householdId: string, program: string): Promise<void> {
  const current = await currentEnrollmentIn(tx, ctx.actor.kabCode, program, householdId);
  if (type === 'enrol' && current) throw conflict('programs.already_enrolled');
  if (type === 'exit' && !current) throw conflict('programs.not_enrolled');
  const open = await selectOpenProgramProposal(tx, householdId, program);
  if (open) throw conflict('proposal.program_open_exists', undefined, { proposalId: open });
}

/** Ratification: the enrolment starts, or ends with the proposal's code and justification as the reason. */
export async function applyProgramProposal(tx: Tx, ctx: RequestContext, p: ProposalRow, changes: Record<string, unknown>): Promise<string> {
  const base = { id: p.id, code: p.code, kabCode: p.kab_code, householdId: p.household_id!, program: String(changes.program) };
  return p.type === 'enrol'
    ? enrolByProposal(tx, ctx, { ...base, villageCode: p.village_code })
    : exitByProposal(tx, ctx, { ...base, reason: p.reason });
}
