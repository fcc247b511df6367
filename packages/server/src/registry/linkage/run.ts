import { clustersOf, compareRecords, COMPARISON_COUNT, explain, linkRecords, type LinkageModel, type LinkageRecord } from '@slrt/core';
import type { Deps } from '../../http/context.ts';
import { newId } from '../../db/ids.ts';
import { enqueueJob } from '../../jobs/public.ts';
import { Random } from '../synthetic/random.ts';
import { fingerprintOf, linkageRecordOfRow, modelOf } from './pair-view.ts';
import * as q from './queries.ts';

/** Job kind of a duplicate run (claimed by one process through the jobs table). */
export const DUPLICATE_RUN_JOB = 'registry.duplicate_run';

const PAGE = 50_000;
const WRITE_BATCH = 5_000;

/**
 * A full run over one kabupaten: loads its live persons (keyset pages), links them in memory
 * (@slrt/core linkRecords: blocking, comparisons, weights learned by EM, scores), and upserts
 * the pairs at or above the threshold with their cluster; adds the pairs of one NIK held in
 * two kabupaten (for the national update). Failures mark the run failed with the reason.
 */
export async function executeRun(deps: Deps, runId: string): Promise<void> {
  const { db } = deps;
  const run = await q.selectRunUnscoped(db, runId);
  if (!run || run.status !== 'running') return;
  try {
    await q.markRunStarted(db, runId);
    const loadStarted = Date.now();
    const ids: string[] = [];
    const rows: { nik: string | null; kk: string | null; full_name: string; birth_date: string | null; sex: 'M' | 'F'; village_code: string }[] = [];
    const records: LinkageRecord[] = [];
    for (let after: string | null = null; ;) {
      const page = await q.selectLinkagePage(db, run.kab_code, after, PAGE);
      for (const r of page) {
        ids.push(r.id);
        rows.push(r);
        records.push(linkageRecordOfRow(r));
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.id ?? null;
    }
    const loadMs = Date.now() - loadStarted;
    const previous = modelOf(await q.selectLatestModel(db, run.kab_code));
    const rnd = new Random(runId);
    // the threshold where the learned model expects the best F1 (not tuned to any labels)
    const result = linkRecords(records, { random: () => rnd.next(), start: previous, threshold: 'expected-f1' });
    const clusters = clustersOf(records.length, result.pairs);
    const t = Date.now();
    const pairs: q.PairInput[] = result.pairs.map((p) => {
      const a = ids[p.a] ?? '';
      const b = ids[p.b] ?? '';
      const [lo, hi] = a < b ? [p.a, p.b] : [p.b, p.a];
      const cluster = clusters[p.a] ?? -1;
      return {
        personA: ids[lo] ?? '', personB: ids[hi] ?? '', score: p.probability, matchWeight: p.matchWeight,
        levels: Array.from(result.levels.subarray(p.candidate * COMPARISON_COUNT, (p.candidate + 1) * COMPARISON_COUNT)),
        fingerprint: fingerprintOf(rows[lo] ?? rows[0]!, rows[hi] ?? rows[0]!),
        clusterKey: cluster >= 0 ? (ids[cluster] ?? null) : null,
      };
    });
    let written = 0;
    for (let i = 0; i < pairs.length; i += WRITE_BATCH) {
      const batch = pairs.slice(i, i + WRITE_BATCH);
      written += await db.transaction((tx) => q.upsertPairs(tx, { runId, source: 'run', sourceId: null }, batch));
    }
    written += await crossKabupaten(deps, run.kab_code, runId, result.model);
    const clusterCount = new Set(Array.from(clusters).filter((c) => c >= 0)).size;
    await q.finishRun(db, runId, {
      personsCompared: records.length, candidatePairs: result.candidateCount, pairsFound: written, clusters: clusterCount,
      model: result.model, blocking: result.blocking, timings: { loadMs, ...result.timings, writingMs: Date.now() - t },
    });
  } catch (err) {
    await q.failRun(db, runId, err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/** One NIK in two kabupaten: the same person registered twice across a boundary. */
async function crossKabupaten(deps: Deps, kabCode: string, runId: string, model: LinkageModel): Promise<number> {
  const found = await q.selectCrossKabupatenNik(deps.db, kabCode);
  if (!found.length) return 0;
  const persons = new Map((await q.selectLinkagePersons(deps.db, found.flatMap((f) => [f.a, f.b]))).map((p) => [p.id, p]));
  const pairs: q.PairInput[] = [];
  for (const f of found) {
    const [a, b] = f.a < f.b ? [f.a, f.b] : [f.b, f.a];
    const pa = persons.get(a);
    const pb = persons.get(b);
    if (!pa || !pb) continue;
    const ra = linkageRecordOfRow(pa);
    const rb = linkageRecordOfRow(pb);
    const levels = Array.from(compareRecords(ra, rb));
    const e = explain(model, levels, [ra.name.sorted, rb.name.sorted]);
    pairs.push({ personA: a, personB: b, score: e.probability, matchWeight: e.matchWeight, levels, fingerprint: fingerprintOf(pa, pb), clusterKey: null });
  }
  return deps.db.transaction((tx) => q.upsertPairs(tx, { runId, source: 'run', sourceId: null }, pairs));
}

/** Hours (local time of the kabupaten, WIB) in which the nightly run may start. */
const NIGHT = new Set([1, 2, 3]);

/**
 * The nightly run: checked every hour by every process (the schedule is claimed by one); it
 * queues a run of each kabupaten the installation serves in the night, unless one ran there in
 * the last 20 hours or one is running. Returns the runs queued.
 */
export async function nightlyRun(deps: Deps, now = new Date()): Promise<string[]> {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Jakarta' }).format(now));
  if (!NIGHT.has(hour)) return [];
  const queued: string[] = [];
  for (const kab of deps.config.kabupatenCodes) {
    const kabCode = kab.replace('.', '');
    const id = await deps.db.transaction(async (tx) => {
      if (await q.selectRunningRun(tx, kabCode)) return null;
      if (await q.selectRunSince(tx, kabCode, 20 * 3600)) return null;
      const runId = newId();
      await q.insertRun(tx, { id: runId, kabCode, trigger: 'nightly', requestedBy: null });
      await enqueueJob(tx, { kind: DUPLICATE_RUN_JOB, key: runId, kabCode, payload: { runId }, maxAttempts: 1 });
      return runId;
    });
    if (id) queued.push(id);
  }
  return queued;
}
