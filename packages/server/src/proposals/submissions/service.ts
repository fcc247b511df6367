import {
  SUBMISSION_COLUMNS, localDateIn, proposalTransition, proposedFields, readableColumnHeader, readableRow, submissionRow,
  type Locale, type SubmissionView,
} from '@slrt/core';
import type { Tx } from '../../db/database.ts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../http/cursor.ts';
import { newId } from '../../db/ids.ts';
import type { Deps, RequestContext } from '../../http/context.ts';
import { csvDocument } from '../../http/csv.ts';
import { toXlsx } from '../../http/xlsx.ts';
import { conflict, forbidden, invalidTransition, notFound } from '../../http/errors.ts';
import { getHouseholdInScope, getPersonInScope } from '../../registry/service.ts';
import { insertStep } from '../lineage-queries.ts';
import { nextHumanCode, selectActiveMemberIds, selectProposalUnscoped, updateProposal, type ProposalRow } from '../queries.ts';
import { settingsOf, todayIn } from '../rounds/calendar.ts';
import {
  insertSubmission, insertSubmissionRows, listSubmissions, markSubmissionSent, selectSubmission, selectSubmissionFacts,
  selectSubmissionLines, selectSubmittableIds, type NewSubmissionRow, type SubmissionRow,
} from './queries.ts';

/**
 * National submission batches: approved proposals gathered into one spreadsheet for the
 * national side (prepared), marked sent when it leaves, answered row by row from the national
 * side's answer file (answer.ts). A batch is the kabupaten's: only holders of proposals.submit
 * over the whole kabupaten handle it.
 */

const SUBMIT = 'proposals.submit' as const;

/** 403 unless the caller holds proposals.submit over the whole kabupaten. */
export function requireKabupatenSubmitter(ctx: RequestContext): void {
  const kab = `${ctx.actor.kabCode.slice(0, 2)}.${ctx.actor.kabCode.slice(2)}`;
  if (!ctx.actor.coversArea(SUBMIT, kab)) throw forbidden();
}

function toSubmissionView(s: SubmissionRow): SubmissionView {
  return {
    id: s.id, code: s.code, status: s.status, note: s.note, createdAt: s.created_at.toISOString(), createdByName: s.created_by_name,
    sentAt: s.sent_at?.toISOString() ?? null, answeredAt: s.answered_at?.toISOString() ?? null, answerFile: s.answer_file,
    proposals: s.proposals, rows: s.rows, accepted: s.accepted, rejected: s.rejected, waiting: s.rows - s.accepted - s.rejected,
  };
}

/** The persons a proposal's rows concern, after its approval. */
async function personsOfProposal(tx: Tx, p: ProposalRow): Promise<string[]> {
  const created = (p.applied ?? []).filter((a) => a.recordType === 'person').map((a) => a.recordId);
  if (p.target_kind === 'person' && p.person_id) return [p.person_id];
  if (p.type === 'new' || p.type === 'deactivate') return created;
  return p.household_id ? selectActiveMemberIds(tx, p.household_id) : [];
}

/**
 * Gathers approved proposals not yet in a batch (all of the kabupaten, or the given ones) into a
 * new batch, freezing each row as it will be exported.
 */
export async function prepareSubmission(deps: Deps, ctx: RequestContext, input: { proposalIds?: string[] | undefined; note?: string | undefined }): Promise<SubmissionView> {
  requireKabupatenSubmitter(ctx);
  const kabCode = ctx.actor.kabCode;
  const id = await deps.db.transaction(async (tx) => {
    const ids = await selectSubmittableIds(tx, kabCode, input.proposalIds ?? null);
    if (ids.length === 0) throw conflict('submission.nothing_to_submit');
    if (input.proposalIds && ids.length !== new Set(input.proposalIds).size) throw conflict('submission.not_submittable');
    const settings = await settingsOf(tx, kabCode);
    const code = await nextHumanCode(tx, kabCode, 'submission', Number(todayIn(settings).slice(0, 4)));
    const submissionId = newId();
    await insertSubmission(tx, { id: submissionId, kabCode, code, note: input.note ?? null, createdBy: ctx.actor.userId });
    const rows: NewSubmissionRow[] = [];
    for (const proposalId of ids) {
      const p = (await selectProposalUnscoped(tx, kabCode, proposalId))!;
      const facts = await selectSubmissionFacts(tx, proposalId);
      for (const personId of await personsOfProposal(tx, p)) {
        const person = await getPersonInScope(tx, ctx, personId, { permission: SUBMIT });
        const household = await getHouseholdInScope(tx, ctx, person.householdId, { permission: SUBMIT });
        const rowNo = rows.length + 1;
        const row = submissionRow({ ...person }, household, {
          rowRef: `${code}-${String(rowNo).padStart(4, '0')}`, code: p.code, id: p.id, type: p.type, channel: p.channel, reason: p.reason,
          changedFields: proposedFields(p.confirmed_changes ?? p.changes, p.type, p.target_kind), roundPeriod: facts.round_period, roundBasis: facts.basis,
          roundBasisDate: facts.basis_date, verifiedOn: facts.visit_date, verifiedBy: facts.verifier_name,
          approvedOn: facts.approved_at ? localDateIn(facts.approved_at, settings.timeZone) : null,
        });
        rows.push({ id: newId(), kabCode, villageCode: person.villageCode, submissionId, proposalId, rowNo, personId, householdId: household.id, row });
      }
      await insertStep(tx, newId(), {
        kabCode, villageCode: p.village_code, proposalId, action: 'batch', fromStatus: p.status, toStatus: p.status,
        actorId: ctx.actor.userId, actorName: ctx.actor.displayName, details: { submissionId, submission: code },
      });
    }
    await insertSubmissionRows(tx, rows);
    await ctx.auditWrite(tx, {
      action: 'proposal_submission.prepare', recordType: 'proposal_submission', recordIds: [submissionId, ...ids],
      details: { code, proposals: ids.length, rows: rows.length },
    });
    return submissionId;
  });
  return getSubmission(deps, ctx, id);
}

export async function getSubmission(deps: Deps, ctx: RequestContext, id: string): Promise<SubmissionView> {
  requireKabupatenSubmitter(ctx);
  const s = await selectSubmission(deps.db, ctx.actor.kabCode, id);
  if (!s) throw notFound();
  return toSubmissionView(s);
}

export async function listSubmissionsFor(deps: Deps, ctx: RequestContext, page: { limit: number; cursor?: string | undefined }) {
  requireKabupatenSubmitter(ctx);
  const rows = await listSubmissions(deps.db, ctx.actor.kabCode, { limit: page.limit, after: decodeKeysetCursor(page.cursor) });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items: items.map(toSubmissionView), nextCursor: rows.length > page.limit && last ? encodeKeysetCursor(last.created_at_key, last.id) : null };
}

/** Marks the batch sent; its proposals wait for the national side. */
export async function sendSubmission(deps: Deps, ctx: RequestContext, id: string): Promise<SubmissionView> {
  requireKabupatenSubmitter(ctx);
  await deps.db.transaction(async (tx) => {
    const s = await selectSubmission(tx, ctx.actor.kabCode, id, { forUpdate: true });
    if (!s) throw notFound();
    if (s.status !== 'prepared') throw invalidTransition('send', s.status, []);
    const proposalIds = [...new Set((await selectSubmissionLines(tx, id)).map((l) => l.proposal_id))];
    for (const proposalId of proposalIds) {
      const p = (await selectProposalUnscoped(tx, ctx.actor.kabCode, proposalId, { forUpdate: true }))!;
      const next = proposalTransition(p.status, 'send');
      if (!next.ok) throw conflict('submission.proposal_moved', { code: p.code });
      await updateProposal(tx, proposalId, next.to);
      await insertStep(tx, newId(), {
        kabCode: p.kab_code, villageCode: p.village_code, proposalId, action: 'send', fromStatus: p.status, toStatus: next.to,
        actorId: ctx.actor.userId, actorName: ctx.actor.displayName, details: { submissionId: id, submission: s.code },
      });
    }
    await markSubmissionSent(tx, id, ctx.actor.userId);
    await ctx.auditWrite(tx, { action: 'proposal_submission.send', recordType: 'proposal_submission', recordIds: [id, ...proposalIds], details: { code: s.code } });
  });
  return getSubmission(deps, ctx, id);
}

/**
 * The batch's file, row for row as prepared, audited as an export of personal data. `readable`:
 * null for the file in the national layout (as sent), or the language of its readable companion
 * for people (the same rows, headers and coded values as labels; never sent nor read back).
 */
export async function exportSubmission(
  deps: Deps, ctx: RequestContext, id: string, format: 'csv' | 'xlsx', readable: Locale | null = null,
): Promise<{ fileName: string; contentType: string; body: Buffer | string }> {
  requireKabupatenSubmitter(ctx);
  const s = await selectSubmission(deps.db, ctx.actor.kabCode, id);
  if (!s) throw notFound();
  const lines = await selectSubmissionLines(deps.db, id);
  const rows = lines.map((l) => l.row);
  await ctx.auditRead({
    action: 'proposal_submission.export', recordType: 'proposal_submission', purpose: 'proposals.submit',
    recordIds: [id, ...new Set(lines.map((l) => l.proposal_id)), ...lines.flatMap((l) => (l.person_id ? [l.person_id] : []))],
    details: { code: s.code, format, rows: rows.length, ...(readable ? { labels: readable } : {}) },
  });
  if (readable) {
    const header = SUBMISSION_COLUMNS.map((c) => readableColumnHeader(c, readable));
    const values = rows.map((r) => readableRow(SUBMISSION_COLUMNS, SUBMISSION_COLUMNS.map((c) => r[c] ?? ''), readable, 'regsosek'));
    const base = `${s.code}-label-${readable}`;
    if (format === 'csv') return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvDocument(header, values) };
    return {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await toXlsx(header, values.map((v) => Object.fromEntries(header.map((h, i) => [h, v[i] ?? '']))), s.code),
    };
  }
  if (format === 'csv') return { fileName: `${s.code}.csv`, contentType: 'text/csv; charset=utf-8', body: csvDocument(SUBMISSION_COLUMNS, rows.map((r) => SUBMISSION_COLUMNS.map((c) => r[c] ?? ''))) };
  return {
    fileName: `${s.code}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await toXlsx(SUBMISSION_COLUMNS, rows, s.code),
  };
}
