import {
  LIST_OF_ACTION, mayTakeCaseAction, SECTORS, t,
  type Locale, type Sector, type TargetingActionInput, type TargetingActionResult, type TargetingActionRow,
} from '@slrt/core';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { withSavepoint } from '../db/transactions.ts';
import { eventsCommitted } from '../events/bus.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { AppError, conflict, forbidden } from '../http/errors.ts';
import { createCaseIn, slaDaysFor } from '../cases/intake.ts';
import { caseRowInScope } from '../cases/service.ts';
import { takeAction } from '../cases/workflow.ts';
import { programEntry, screenForProgram, todayFor, type CatalogEntry } from '../programs/public.ts';
import { createProposalIn } from '../proposals/service.ts';
import { referIn } from '../referrals/service.ts';
import { getHouseholdInScope, type HouseholdRecord } from '../registry/service.ts';
import { insertTargetingAction, selectCasePerson, selectOpenForProgram } from './queries.ts';

/**
 * Bulk actions on a program's targeting list (issue 15 item 4), by the officer who owns the
 * area: each selected household is checked again (in the caller's area, still on the list,
 * nothing open for the program) and becomes
 * - `referral`: one case with one need, registered, registry checked and recommended; when the
 *   caller may decide cases at the village, decided for referral and referred to the program's
 *   delivering service in the directory (otherwise it waits for the coordinator's decision);
 * - `enrol_proposal` / `exit_proposal`: a proposal (usulan) of enrolment or of exit, the
 *   screening's reasons as its justification, entering the village's round for field verification.
 * All rows in one transaction; each row under a savepoint, so a row refused for a known reason is
 * reported and the others go on. Every write is audited (the case, referral and proposal by
 * their services; the row by `targeting.<action>`).
 */

type Skip = NonNullable<TargetingActionRow['skip']>;

function rowOf(householdId: string, locale: Locale, r: { skip: Skip } | { key: string; params: Record<string, string>; ids: Partial<TargetingActionRow> }): TargetingActionRow {
  const base = { householdId, caseId: null, caseCode: null, referralId: null, referralNumber: null, proposalId: null, proposalCode: null };
  if ('skip' in r) return { ...base, outcome: 'skipped', skip: r.skip, message: t(locale, `targeting.skip.${r.skip}`) };
  return { ...base, ...r.ids, outcome: 'created', skip: null, message: t(locale, r.key, r.params) };
}

/** The permissions a row's action needs over the household's village. */
function permissionsOf(action: TargetingActionInput['action']) {
  return action === 'referral' ? (['cases.create', 'referrals.create'] as const) : (['proposals.create'] as const);
}

export async function actOnTargetingList(deps: Deps, ctx: RequestContext, code: string, input: TargetingActionInput): Promise<TargetingActionResult> {
  const needs = permissionsOf(input.action);
  if (!needs.every((p) => ctx.actor.can(p))) throw forbidden();
  const kabCode = ctx.actor.kabCode;
  const entry = await programEntry(deps.db, kabCode, code);
  if (input.action === 'referral' && !entry.program.service_id) throw conflict('targeting.no_service');
  const date = todayFor(kabCode);
  // read before the transaction (PGlite has one connection)
  const sla = input.action === 'referral' ? await slaDaysFor(deps, kabCode) : null;

  const screened: string[] = [];
  const items = await deps.db.transaction(async (tx) => {
    const out: TargetingActionRow[] = [];
    const seen = new Set<string>();
    for (const householdId of input.householdIds) {
      if (seen.has(householdId)) {
        out.push(rowOf(householdId, ctx.locale, { skip: 'repeated' }));
        continue;
      }
      seen.add(householdId);
      const household = await getHouseholdInScope(tx, ctx, householdId, { permission: needs[0] }).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'not_found') return null;
        throw err;
      });
      if (!household || !needs.every((p) => ctx.actor.coversArea(p, household.villageCode)) || !ctx.actor.coversArea('programs.targeting', household.villageCode)) {
        out.push(rowOf(householdId, ctx.locale, { skip: 'out_of_scope' }));
        continue;
      }
      const screening = await screenForProgram(tx, entry, household, date, ctx.locale);
      screened.push(household.id);
      const onList = LIST_OF_ACTION[input.action] === 'exclusion'
        ? screening.result === 'eligible' && !screening.enrolled
        : screening.result === 'not_eligible' && screening.enrolled;
      if (!onList) {
        out.push(rowOf(householdId, ctx.locale, { skip: 'not_in_list' }));
        continue;
      }
      out.push(await withSavepoint(tx, 'targeting_row', () => actOnRow(tx, ctx, { entry, household, reasons: screening.reasons, action: input.action, sla })));
    }
    return out;
  });
  if (input.action === 'referral') eventsCommitted(deps.db);
  // the households screened again, whatever became of them
  await ctx.auditRead({ action: 'programs.targeting_action', recordType: 'household', recordIds: screened, purpose: 'programs.targeting', details: { program: entry.program.code, action: input.action } });
  const created = items.filter((i) => i.outcome === 'created').length;
  return { program: entry.program.code, action: input.action, created, skipped: items.length - created, items };
}

interface RowWork {
  entry: CatalogEntry;
  household: HouseholdRecord;
  reasons: string[];
  action: TargetingActionInput['action'];
  sla: Awaited<ReturnType<typeof slaDaysFor>> | null;
}

async function actOnRow(tx: Tx, ctx: RequestContext, w: RowWork): Promise<TargetingActionRow> {
  const { entry, household, action } = w;
  const program = entry.program;
  const locale = ctx.locale;
  const because = w.reasons.join('; ');
  const lineage = { id: newId(), kabCode: household.kabCode, villageCode: household.villageCode, programId: program.id, householdId: household.id, action, createdBy: ctx.actor.userId };

  if (action !== 'referral') {
    const reason = (action === 'enrol_proposal'
      ? t(locale, 'targeting.enrol_reason', { program: program.name, reasons: because })
      : t(locale, 'targeting.exit_reason', { program: program.name, reasons: because })).slice(0, 2000);
    let proposal: { id: string; code: string };
    try {
      proposal = await createProposalIn(tx, ctx, {
        type: action === 'enrol_proposal' ? 'enrol' : 'exit', householdId: household.id, channel: 'village_deliberation', origin: 'targeting',
        reason, changes: { program: program.code },
      });
    } catch (err) {
      if (err instanceof AppError && err.msg.key === 'proposal.program_open_exists') return rowOf(household.id, locale, { skip: 'open_proposal' });
      throw err;
    }
    await insertTargetingAction(tx, { ...lineage, caseId: null, referralId: null, proposalId: proposal.id });
    await ctx.auditWrite(tx, { action: `targeting.${action}`, recordType: 'household', recordIds: [household.id, proposal.id], details: { program: program.code, proposal: proposal.code } });
    return rowOf(household.id, locale, { key: 'targeting.done.proposal', params: { proposal: proposal.code }, ids: { proposalId: proposal.id, proposalCode: proposal.code } });
  }

  if (await selectOpenForProgram(tx, household.id, program.id, program.service_id)) return rowOf(household.id, locale, { skip: 'open_case' });
  const personId = await selectCasePerson(tx, household.id);
  if (!personId) return rowOf(household.id, locale, { skip: 'no_member' });
  const sector: Sector = (SECTORS as readonly string[]).includes(program.sector) ? (program.sector as Sector) : 'social_assistance';
  const request = t(locale, 'targeting.need_request', { program: program.name, reasons: because }).slice(0, 2000);
  const opened = await createCaseIn(tx, ctx, {
    personId, channel: 'targeting_list', kind: 'complaint', fastTrack: false, fastTrackReasons: [],
    complaint: t(locale, 'targeting.complaint', { program: program.name }), needs: [{ sector, urgency: 'normal', request }],
    legalBasis: 'public_task', consents: [],
  }, w.sla!);
  const at = { villageCode: opened.villageCode, level: 'village' as const };
  const grants = ctx.actor.grants;
  let referral: { id: string; number: string } | null = null;
  if (mayTakeCaseAction(grants, at, 'check_registry')) {
    await step(tx, ctx, opened.id, 'check_registry', { notes: t(locale, 'targeting.checked', { program: program.name }) });
    await step(tx, ctx, opened.id, 'recommend', { recommendation: request });
    if (mayTakeCaseAction(grants, at, 'decide')) {
      await step(tx, ctx, opened.id, 'decide', { decision: 'refer', notes: t(locale, 'targeting.decided', { program: program.name }) });
      referral = await referIn(tx, ctx, { caseId: opened.id, needId: opened.needIds[0]!, serviceId: program.service_id! });
    }
  }
  await insertTargetingAction(tx, { ...lineage, caseId: opened.id, referralId: referral?.id ?? null, proposalId: null });
  await ctx.auditWrite(tx, {
    action: 'targeting.referral', recordType: 'household', recordIds: [household.id, opened.id, ...(referral ? [referral.id] : [])],
    details: { program: program.code, case: opened.code, referral: referral?.number ?? null },
  });
  const ids = { caseId: opened.id, caseCode: opened.code, referralId: referral?.id ?? null, referralNumber: referral?.number ?? null };
  return referral
    ? rowOf(household.id, locale, { key: 'targeting.done.referral', params: { case: opened.code, referral: referral.number }, ids })
    : rowOf(household.id, locale, { key: 'targeting.done.case', params: { case: opened.code }, ids });
}

async function step(tx: Tx, ctx: RequestContext, caseId: string, action: 'check_registry' | 'recommend' | 'decide', input: Record<string, unknown>) {
  const row = await caseRowInScope(tx, ctx, caseId, 'cases.read', { forUpdate: true });
  await takeAction(tx, ctx, row, action, input as never);
}

