import { LinkageModel, type DuplicatePairQuery, type DuplicatePairView, type DuplicateRunView, type LikelyMatch } from '@slrt/core';
import type { Deps, RequestContext } from '../../http/context.ts';
import { conflict, fieldError, invalidTransition, notFound } from '../../http/errors.ts';
import { newId } from '../../db/ids.ts';
import { enqueueJob } from '../../jobs/public.ts';
import { scoreAgainstRegistry, toLikelyMatch, type CheckInput } from './check.ts';
import { fingerprintOf, modelOf, toPairView } from './pair-view.ts';
import * as q from './queries.ts';
import { DUPLICATE_RUN_JOB } from './run.ts';

export { mergePair, undoMerge } from './merge.ts';

const REVIEW = 'registry.duplicates.review' as const;

function toRunView(r: q.RunRow): DuplicateRunView {
  // the model as the run stored it (an earlier version's comparisons included)
  const parsedModel = r.model ? (LinkageModel.safeParse(r.model).data ?? modelOf(null)) : null;
  return {
    id: r.id, status: r.status, trigger: r.trigger, pairsFound: r.pairs_found, personsCompared: r.persons_compared,
    candidatePairs: r.candidate_pairs, clusters: r.clusters, requestedAt: r.requested_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null, finishedAt: r.finished_at?.toISOString() ?? null,
    model: parsedModel, blocking: (r.blocking as DuplicateRunView['blocking']) ?? null, timings: (r.timings as DuplicateRunView['timings']) ?? null,
    error: r.error,
  };
}

/** Queues a full run over the caller's kabupaten (one at a time). */
export async function requestRun(deps: Deps, ctx: RequestContext, trigger: 'request' | 'nightly' = 'request'): Promise<{ id: string }> {
  const id = newId();
  const kabCode = ctx.actor.kabCode;
  await deps.db.transaction(async (tx) => {
    if (await q.selectRunningRun(tx, kabCode)) throw conflict('linkage.run_in_progress');
    await q.insertRun(tx, { id, kabCode, trigger, requestedBy: ctx.actor.userId });
    await enqueueJob(tx, { kind: DUPLICATE_RUN_JOB, key: id, kabCode, payload: { runId: id }, maxAttempts: 1 });
    await ctx.auditWrite(tx, { action: 'duplicate_run.request', recordType: 'duplicate_run', recordIds: [id], details: { trigger } });
  });
  return { id };
}

export async function getRun(deps: Deps, ctx: RequestContext, id: string): Promise<DuplicateRunView> {
  const run = await q.selectRun(deps.db, ctx.actor.kabCode, id);
  if (!run) throw notFound();
  ctx.noPersonalData(); // a run's state and counts: no person named
  return toRunView(run);
}

const encodeCursor = (score: number, id: string) => Buffer.from(`${score}|${id}`).toString('base64url');
function decodeCursor(cursor: string | undefined): { score: number; id: string } | undefined {
  if (!cursor) return undefined;
  const [s, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const score = Number(s);
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || !Number.isFinite(score)) throw fieldError('cursor', 'field.invalid_format');
  return { score, id };
}

async function viewsOf(deps: Deps, rows: q.PairRow[]): Promise<DuplicatePairView[]> {
  const persons = new Map((await q.selectLinkagePersons(deps.db, [...new Set(rows.flatMap((r) => [r.person_a_id, r.person_b_id]))])).map((p) => [p.id, p]));
  const models = new Map<string | null, ReturnType<typeof modelOf>>();
  for (const runId of new Set(rows.map((r) => r.run_id))) {
    models.set(runId, modelOf(runId ? (await q.selectRunUnscoped(deps.db, runId))?.model : await q.selectLatestModel(deps.db, rows[0]?.kab_code ?? '')));
  }
  return rows.flatMap((r) => {
    const a = persons.get(r.person_a_id);
    const b = persons.get(r.person_b_id);
    return a && b ? [toPairView(r, a, b, models.get(r.run_id) ?? modelOf(null))] : [];
  });
}

/** Pairs in the caller's scope (both persons inside it), best score first; personal data audited. */
export async function listPairs(deps: Deps, ctx: RequestContext, query: DuplicatePairQuery): Promise<{ items: DuplicatePairView[]; nextCursor: string | null }> {
  if (query.runId && !(await q.selectRun(deps.db, ctx.actor.kabCode, query.runId))) throw notFound();
  const rows = await q.selectPairsInScope(deps.db, ctx.actor, REVIEW, { runId: query.runId, status: query.status, after: decodeCursor(query.cursor), limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const items = await viewsOf(deps, page);
  await ctx.auditRead({ action: 'duplicate_pair.list', recordType: 'person', recordIds: items.flatMap((i) => [i.personA.id, i.personB.id]), purpose: REVIEW });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.score, last.id) : null };
}

export async function getPair(deps: Deps, ctx: RequestContext, id: string): Promise<DuplicatePairView> {
  const row = await q.selectPairInScope(deps.db, ctx.actor, REVIEW, id);
  if (!row) throw notFound();
  const [view] = await viewsOf(deps, [row]);
  if (!view) throw notFound();
  await ctx.auditRead({ action: 'duplicate_pair.read', recordType: 'person', recordIds: [view.personA.id, view.personB.id], purpose: REVIEW });
  return view;
}

/** Not a duplicate: remembered with the data as they are now; the pair opens again only when they change. */
export async function dismissPair(deps: Deps, ctx: RequestContext, id: string): Promise<DuplicatePairView> {
  await deps.db.transaction(async (tx) => {
    const pair = await q.selectPairInScope(tx, ctx.actor, REVIEW, id, { forUpdate: true });
    if (!pair) throw notFound();
    if (pair.status !== 'open' && pair.status !== 'national') throw invalidTransition('dismiss', pair.status, []);
    const [a, b] = await q.selectLinkagePersons(tx, [pair.person_a_id, pair.person_b_id]).then((rows) => [
      rows.find((r) => r.id === pair.person_a_id), rows.find((r) => r.id === pair.person_b_id),
    ]);
    if (!a || !b) throw notFound();
    await q.setPairStatus(tx, id, 'dismissed', ctx.actor.userId, fingerprintOf(a, b));
    await ctx.auditWrite(tx, { action: 'duplicate_pair.dismiss', recordType: 'person', recordIds: [a.id, b.id], details: { pairId: id } });
  });
  return getPair(deps, ctx, id);
}

/** Likely matches of a person about to be created: intake and usulan show them, the officer chooses. */
export async function checkPerson(deps: Deps, ctx: RequestContext, person: CheckInput): Promise<{ items: LikelyMatch[] }> {
  if (!ctx.actor.coversArea('registry.read', person.villageCode)) throw fieldError('villageCode', 'linkage.village_out_of_scope');
  const { candidates } = await scoreAgainstRegistry(deps.db, ctx.actor.kabCode, person);
  const visible = candidates.filter((c) => ctx.actor.coversArea('registry.read', c.row.village_code)).slice(0, 10);
  const items = visible.map((c) => toLikelyMatch(c));
  await ctx.auditRead({ action: 'duplicate.check', recordType: 'person', recordIds: items.map((i) => i.person.id), purpose: 'registry.read' });
  return { items };
}
