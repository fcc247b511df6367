import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import {
  answerColumnOf, proposalTransition, readAnswerRow, t,
  type AnswerColumn, type AnswerProblem, type AnswerReport, type AnswerRow,
} from '@slrt/core';
import { newId } from '../../db/ids.ts';
import type { Deps, RequestContext } from '../../http/context.ts';
import { AppError, fieldError, invalidTransition, notFound, type Msg } from '../../http/errors.ts';
import { detectFormat, readSheet } from '../../registry/imports/read-file.ts';
import { applyRegistryChanges, getPersonInScope } from '../../registry/service.ts';
import { insertStep } from '../lineage-queries.ts';
import { selectProposalUnscoped, updateProposal } from '../queries.ts';
import { settingsOf, todayIn } from '../rounds/calendar.ts';
import { markRowAnswered, markSubmissionAnswered, selectSubmission, selectSubmissionLines, type SubmissionLine } from './queries.ts';
import { requireKabupatenSubmitter } from './service.ts';

/**
 * The national side's answer file (CSV or XLSX, docs/national-submission.md): one row per row
 * of the batch, found by `row_ref` (or by NIK, with `proposal_code` when a NIK appears twice),
 * with the verdict, a reason, and the decile. Importing it marks the rows, moves each proposal
 * whose rows are all answered to `accepted` or `rejected_national`, and updates the registry
 * through the registry service: a person registered by an accepted `new` proposal becomes
 * `registered` (a refused one goes back to `not_registered`), and an accepted row's decile goes
 * onto the household with its source and date.
 *
 * All or nothing: a file with any unreadable or unknown row changes nothing and answers 400
 * listing the rows, so the operator fixes the file and imports it again.
 */


const SUBMIT = 'proposals.submit' as const;

async function readAnswerFile(file: string, fileName: string): Promise<{ rows: AnswerRow[]; problems: AnswerProblem[] }> {
  const fd = await fs.promises.open(file, 'r');
  const head = Buffer.alloc(512);
  const { bytesRead } = await fd.read(head, 0, 512, 0);
  await fd.close();
  const format = detectFormat(head.subarray(0, bytesRead), fileName);
  if (!format) throw fieldError('file', 'submission.answer_unreadable');
  let columns: Array<AnswerColumn | null> | null = null;
  const rows: AnswerRow[] = [];
  const problems: AnswerProblem[] = [];
  for await (const sheetRow of readSheet(file, format)) {
    if (!columns) {
      columns = sheetRow.cells.map((c) => answerColumnOf(c.text));
      if (!columns.includes('result') || !(columns.includes('row_ref') || columns.includes('nik'))) {
        throw fieldError('file', 'submission.answer_columns_missing');
      }
      continue;
    }
    const cells: Partial<Record<AnswerColumn, string>> = {};
    sheetRow.cells.forEach((c, i) => {
      const column = columns![i];
      if (column) cells[column] = c.text;
      if (column === 'nik' && c.numeric) problems.push({ line: sheetRow.rowNo, key: 'nik.spreadsheet_number' });
    });
    const r = readAnswerRow(sheetRow.rowNo, cells);
    if (r.ok) rows.push(r.row);
    else problems.push(r.problem);
  }
  if (!columns) throw fieldError('file', 'submission.answer_empty');
  return { rows, problems };
}

/** Matches each answer row to a line of the batch; problems for rows that match none, several, or twice. */
function matchRows(rows: readonly AnswerRow[], lines: readonly SubmissionLine[]) {
  const byRef = new Map(lines.map((l) => [l.row.row_ref, l]));
  const byNik = new Map<string, SubmissionLine[]>();
  for (const l of lines) if (l.row.nik) byNik.set(l.row.nik, [...(byNik.get(l.row.nik) ?? []), l]);
  const matched: Array<{ answer: AnswerRow; line: SubmissionLine }> = [];
  const problems: AnswerProblem[] = [];
  const taken = new Set<string>();
  for (const answer of rows) {
    let line: SubmissionLine | undefined;
    if (answer.rowRef) {
      line = byRef.get(answer.rowRef);
    } else if (answer.nik) {
      const candidates = (byNik.get(answer.nik) ?? []).filter((l) => !answer.proposalCode || l.proposal_code === answer.proposalCode);
      if (candidates.length > 1) {
        problems.push({ line: answer.line, key: 'submission.answer_nik_ambiguous' });
        continue;
      }
      line = candidates[0];
    }
    if (!line) {
      problems.push({ line: answer.line, key: 'submission.answer_row_unknown', params: { ref: answer.rowRef ?? answer.proposalCode ?? '' } });
      continue;
    }
    if (taken.has(line.id)) {
      problems.push({ line: answer.line, key: 'submission.answer_row_repeated', params: { ref: line.row.row_ref ?? '' } });
      continue;
    }
    taken.add(line.id);
    if (line.result !== null && line.result !== answer.result) {
      problems.push({ line: answer.line, key: 'submission.answer_row_answered', params: { ref: line.row.row_ref ?? '' } });
      continue;
    }
    matched.push({ answer, line });
  }
  return { matched, problems };
}

/** 400 listing the rows: in `problems` for API clients, and as field messages a form lists one by one. */
function problemsError(ctx: RequestContext, problems: readonly AnswerProblem[]): AppError {
  const shown = problems.slice(0, 200);
  const fields: Record<string, Msg> = { file: { key: 'submission.answer_has_problems', params: { count: problems.length } } };
  for (const [i, p] of shown.entries()) {
    fields[`lines.${i}`] = { key: 'submission.answer_line', params: { line: p.line, problem: t(ctx.locale, p.key, p.params) } };
  }
  return new AppError(
    'validation',
    { key: 'submission.answer_has_problems', params: { count: problems.length } },
    fields,
    { problems: shown.map((p) => ({ line: p.line, message: t(ctx.locale, p.key, p.params) })) },
  );
}

/** Imports the answer file of a sent batch. */
export async function importAnswer(deps: Deps, ctx: RequestContext, id: string, upload: { filename: string; file: Readable & { truncated?: boolean } }): Promise<AnswerReport> {
  requireKabupatenSubmitter(ctx);
  const kabCode = ctx.actor.kabCode;
  const before = await selectSubmission(deps.db, kabCode, id);
  if (!before) throw notFound();
  if (before.status !== 'sent') throw invalidTransition('answer', before.status, []);

  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slrt-answer-'));
  const file = path.join(dir, 'answer');
  try {
    await pipeline(upload.file, fs.createWriteStream(file, { mode: 0o600 }));
    if (upload.file.truncated) throw new AppError('payload_too_large', { key: 'error.payload_too_large' });
    const parsed = await readAnswerFile(file, upload.filename);
    if (parsed.problems.length) throw problemsError(ctx, parsed.problems);
    if (parsed.rows.length === 0) throw fieldError('file', 'submission.answer_empty');

    return await deps.db.transaction(async (tx) => {
      const s = await selectSubmission(tx, kabCode, id, { forUpdate: true });
      if (!s || s.status !== 'sent') throw invalidTransition('answer', s?.status ?? before.status, []);
      const lines = await selectSubmissionLines(tx, id, { forUpdate: true });
      const { matched, problems } = matchRows(parsed.rows, lines);
      if (problems.length) throw problemsError(ctx, problems);
      const settings = await settingsOf(tx, kabCode);
      const today = todayIn(settings);
      const report: AnswerReport = { status: 'sent', rowsAnswered: 0, rowsUnchanged: 0, accepted: 0, rejected: 0, proposalsAccepted: 0, proposalsRejected: 0 };

      const touched = new Set<string>();
      for (const { answer, line } of matched) {
        if (line.result !== null) {
          report.rowsUnchanged++;
          continue;
        }
        const desilSource = answer.desil !== null ? (answer.desilSource ?? 'DTSEN') : null;
        const desilDate = answer.desil !== null ? (answer.desilDate ?? today) : null;
        await markRowAnswered(tx, line.id, { result: answer.result, reason: answer.reason, desil: answer.desil, desilSource, desilDate });
        line.result = answer.result;
        report.rowsAnswered++;
        report[answer.result]++;
        touched.add(line.proposal_id);
        const p = (await selectProposalUnscoped(tx, kabCode, line.proposal_id))!;
        const reason = `${s.code} / ${p.code}: ${answer.reason ?? answer.result}`;
        if (line.person_id && p.type === 'new') {
          const person = await getPersonInScope(tx, ctx, line.person_id, { permission: SUBMIT });
          if (person.registryStatus === 'proposed') {
            await applyRegistryChanges(tx, ctx, {
              recordType: 'person', recordId: person.id, reason, source: { type: 'proposal', id: p.id }, permission: SUBMIT,
              changes: { registryStatus: answer.result === 'accepted' ? 'registered' : 'not_registered' },
            });
          }
        }
        if (answer.result === 'accepted' && answer.desil !== null && line.household_id) {
          // The registry takes a decile only as imported data: the national answer is one, with the batch as its import.
          await applyRegistryChanges(tx, ctx, {
            recordType: 'household', recordId: line.household_id, reason, source: { type: 'import', id: s.id }, permission: SUBMIT,
            changes: { desil: answer.desil, desilSource, desilDate },
          });
        }
      }

      for (const proposalId of touched) {
        const own = lines.filter((l) => l.proposal_id === proposalId);
        if (own.some((l) => l.result === null)) continue;
        const p = (await selectProposalUnscoped(tx, kabCode, proposalId, { forUpdate: true }))!;
        const accepted = own.every((l) => l.result === 'accepted');
        const next = proposalTransition(p.status, accepted ? 'national-accept' : 'national-reject');
        if (!next.ok) continue;
        await updateProposal(tx, proposalId, next.to);
        const reasons = matched.filter((m) => m.line.proposal_id === proposalId && m.answer.reason).map((m) => m.answer.reason);
        await insertStep(tx, newId(), {
          kabCode, villageCode: p.village_code, proposalId, action: accepted ? 'national-accept' : 'national-reject', fromStatus: p.status, toStatus: next.to,
          actorId: ctx.actor.userId, actorName: ctx.actor.displayName, reason: reasons.join('; ') || null,
          details: { submissionId: s.id, submission: s.code, rows: own.map((l) => ({ rowNo: l.row_no, result: l.result })) },
        });
        if (accepted) report.proposalsAccepted++;
        else report.proposalsRejected++;
      }
      const complete = lines.every((l) => l.result !== null);
      await markSubmissionAnswered(tx, s.id, upload.filename.slice(0, 200), complete);
      report.status = complete ? 'answered' : 'sent';
      await ctx.auditWrite(tx, {
        action: 'proposal_submission.answer', recordType: 'proposal_submission', recordIds: [s.id, ...touched],
        details: { code: s.code, file: upload.filename.slice(0, 200), ...report },
      });
      return report;
    });
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
