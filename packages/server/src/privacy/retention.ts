import {
  RETENTION_ACTION, RETENTION_RECORD_TYPES, RetentionRunReport,
  type RetentionRecordType, type RetentionRule,
} from '@slrt/core';
import type { AuditContext } from '../audit/audit-event.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { destroyDocuments, removeDocumentFiles } from '../documents/service.ts';
import { removeAuditEvents } from '../audit/retention.ts';
import { fieldError } from '../http/errors.ts';
import * as q from './queries.ts';
import * as rq from './retention-queries.ts';

/**
 * Retention (UU 27/2022 arts. 42-44): a schedule per record type, configurable by the
 * kabupaten; a run (daily, or by the DPO) that anonymizes or deletes what is past its period,
 * in batches, each batch one transaction with one audit event, and a report. A dry run only
 * counts and lists. Nothing an open case, a legal hold or a pending request covers is touched.
 */

/** The defaults until the kabupaten sets its own (days after the purpose ended). */
const DEFAULT_KEEP_DAYS: Record<RetentionRecordType, number> = {
  closed_case: 5 * 365,
  document: 5 * 365,
  inactive_person: 10 * 365,
  referral_text: 5 * 365,
  registry_history: 10 * 365,
  audit_event: 10 * 365,
};

export async function retentionSchedule(deps: Deps, kabCode: string): Promise<RetentionRule[]> {
  const set = new Map((await rq.selectRules(deps.db, kabCode)).map((r) => [r.record_type, r.keep_days]));
  return RETENTION_RECORD_TYPES.map((recordType) => ({
    recordType, keepDays: set.get(recordType) ?? DEFAULT_KEEP_DAYS[recordType], action: RETENTION_ACTION[recordType],
  }));
}

export async function setRetentionRule(deps: Deps, ctx: RequestContext, recordType: string, keepDays: number): Promise<RetentionRule[]> {
  if (!(RETENTION_RECORD_TYPES as readonly string[]).includes(recordType)) throw fieldError('recordType', 'field.invalid');
  const type = recordType as RetentionRecordType;
  await deps.db.transaction(async (tx) => {
    await rq.upsertRule(tx, { kabCode: ctx.actor.kabCode, recordType: type, keepDays, action: RETENTION_ACTION[type], userId: ctx.actor.userId });
    await ctx.auditWrite(tx, { action: 'retention.rule_set', recordType: 'settings', recordIds: [], details: { recordType: type, keepDays } });
  });
  return retentionSchedule(deps, ctx.actor.kabCode);
}

interface Runner {
  kabCode: string;
  userId: string | null;
  audit: (tx: Tx, input: Parameters<RequestContext['auditWrite']>[1]) => Promise<void>;
}

const AUDIT_TYPE = {
  closed_case: 'case', document: 'document', inactive_person: 'person', referral_text: 'referral', registry_history: 'registry_history', audit_event: 'audit_event',
} as const satisfies Record<RetentionRecordType, string>;

async function applyBatch(deps: Deps, run: Runner, type: RetentionRecordType, runId: string, ids: readonly string[]): Promise<string[]> {
  let files: string[] = [];
  await deps.db.transaction(async (tx) => {
    let extra: Record<string, unknown> = {};
    switch (type) {
      case 'audit_event': {
        // removed as signed gaps in the chain (audit/retention.ts); the batch's event names them
        const gaps = await removeAuditEvents(tx, run.kabCode, ids, deps.config.auditKey, runId);
        extra = { gaps: gaps.map((g) => ({ firstSeq: g.firstSeq, lastSeq: g.lastSeq, events: g.events, exitHash: g.exitHash })) };
        break;
      }
      case 'referral_text':
        await rq.anonymizeReferrals(tx, ids);
        break;
      case 'registry_history':
        await rq.redactRegistryHistory(tx, run.kabCode, ids);
        break;
      case 'closed_case':
        await rq.anonymizeCases(tx, run.kabCode, ids);
        break;
      case 'inactive_person':
        await rq.anonymizePersons(tx, ids);
        break;
      case 'document':
        if (!run.userId) throw new Error('retention: deleting documents needs the acting DPO account');
        files = await destroyDocuments(tx, ids, run.userId);
        break;
    }
    // removed audit events leave nothing to mark; their ids would name events no longer there
    if (type !== 'audit_event') await rq.markDone(tx, type, run.kabCode, runId, ids);
    await run.audit(tx, {
      action: `retention.${RETENTION_ACTION[type]}`, recordType: AUDIT_TYPE[type], recordIds: type === 'audit_event' ? [] : [...ids], purpose: 'privacy.retention',
      details: { runId, recordType: type, count: ids.length, ...extra },
    });
  });
  return files;
}

/** One run over every record type of the kabupaten's schedule. */
async function runRetention(deps: Deps, run: Runner, opts: { dryRun: boolean; batchSize: number; now?: Date }): Promise<RetentionRunReport> {
  const now = opts.now ?? new Date();
  const id = newId();
  const startedAt = await rq.insertRun(deps.db, { id, kabCode: run.kabCode, dryRun: opts.dryRun, userId: run.userId });
  const items: RetentionRunReport['items'] = [];
  for (const rule of await retentionSchedule(deps, run.kabCode)) {
    // never what this run writes itself (its own audit events)
    const cutoff = new Date(Math.min(now.getTime() - rule.keepDays * 86_400_000, startedAt.getTime()));
    const counted = await rq.countCandidates(deps.db, rule.recordType, run.kabCode, cutoff);
    let done = 0;
    let batches = 0;
    if (!opts.dryRun && (rule.recordType !== 'document' || run.userId)) {
      for (;;) {
        const ids = await rq.nextBatch(deps.db, rule.recordType, run.kabCode, cutoff, opts.batchSize);
        if (ids.length === 0) break;
        const files = await applyBatch(deps, run, rule.recordType, id, ids);
        await removeDocumentFiles(deps.config.dataDir, files);
        done += ids.length;
        batches++;
        if (ids.length < opts.batchSize) break;
      }
    }
    items.push({ recordType: rule.recordType, action: rule.action, due: counted.due, held: counted.held, done, batches, sample: counted.sample });
  }
  const report: RetentionRunReport = { id, dryRun: opts.dryRun, startedAt: startedAt.toISOString(), items };
  await rq.finishRun(deps.db, id, report);
  return report;
}

/** The latest run reports (dry runs and runs), newest first, as the DPO's screen lists them. */
export async function retentionRuns(deps: Deps, kabCode: string): Promise<RetentionRunReport[]> {
  return (await rq.selectRunReports(deps.db, kabCode, 20)).map((r) => RetentionRunReport.parse(r));
}

/** The DPO starts a run (a dry run by default) from the workspace. */
export async function startRetentionRun(deps: Deps, ctx: RequestContext, input: { dryRun: boolean; batchSize: number }): Promise<RetentionRunReport> {
  const report = await runRetention(deps, { kabCode: ctx.actor.kabCode, userId: ctx.actor.userId, audit: (tx, a) => ctx.auditWrite(tx, a) }, input);
  if (input.dryRun) {
    await ctx.auditRead({ action: 'retention.dry_run', recordType: 'settings', recordIds: [], purpose: 'privacy.retention', details: { runId: report.id } });
  }
  return report;
}

/**
 * The job's run for one kabupaten, acting as its first DPO account (deleting documents needs
 * one; without it, documents wait and the rest goes on). `now` lets a test run it on aged data.
 */
export async function retentionJob(deps: Deps, kabCode: string, opts: { dryRun: boolean; batchSize: number; now?: Date }): Promise<RetentionRunReport> {
  const dpo = await rq.firstDpoOf(deps.db, kabCode);
  const ctx: AuditContext = { kabCode, actorId: dpo?.id ?? null, actorName: 'retention-job', actorRoles: 'system', clientAddr: null, requestId: null };
  return runRetention(deps, { kabCode, userId: dpo?.id ?? null, audit: (tx, a) => deps.auditLog.record(tx, ctx, a) }, opts);
}

/** The daily job: every kabupaten that set its schedule. */
export async function dailyRetention(deps: Deps): Promise<number> {
  let done = 0;
  for (const kabCode of await rq.kabupatenWithRules(deps.db)) {
    const report = await retentionJob(deps, kabCode, { dryRun: false, batchSize: 500 });
    done += report.items.reduce((n, i) => n + i.done, 0);
  }
  return done;
}

export async function createLegalHold(deps: Deps, ctx: RequestContext, input: { personId: string; reason: string }): Promise<{ id: string }> {
  const person = await q.selectSubject(deps.db, ctx.actor.kabCode, input.personId);
  if (!person || !ctx.actor.coversArea('privacy.manage', person.village_code)) throw fieldError('personId', 'privacy.person_not_found');
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await rq.insertLegalHold(tx, { id, kabCode: person.kab_code, personId: person.id, reason: input.reason, userId: ctx.actor.userId });
    await ctx.auditWrite(tx, { action: 'legal_hold.create', recordType: 'person', recordIds: [person.id, id], purpose: 'privacy.retention', details: { holdId: id } });
  });
  return { id };
}
