import { clustersOf, compareRecords, COMPARISON_COUNT, explain, RecordTableBuilder, rowStrings, sharedAlloc, type LinkageModel } from '@slrt/core';
import type { Deps } from '../../http/context.ts';
import { newId } from '../../db/ids.ts';
import { enqueueJob } from '../../jobs/public.ts';
import { Random } from '../synthetic/random.ts';
import { fingerprintOf, linkageRecordOfRow, modelOf } from './pair-view.ts';
import { linkInThreads } from './link-threads.ts';
import { idAt, readPersons } from './read-persons.ts';
import * as q from './queries.ts';

/** Job kind of a duplicate run (claimed by one process through the jobs table). */
export const DUPLICATE_RUN_JOB = 'registry.duplicate_run';

/** Milliseconds of CPU this process has used (the machine is shared: wall time says less). */
function cpuClock(): () => number {
  return () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
}

/**
 * A full run over one kabupaten: reads its live persons (COPY text), links them in memory
 * (@slrt/core linkRecords: blocking, comparisons, weights learned by EM, scores), and upserts
 * the pairs at or above the threshold with their cluster (COPY into a temporary table); adds
 * the pairs of one NIK held in two kabupaten (for the national update). Timings in wall and
 * CPU milliseconds. Failures mark the run failed with the reason.
 */
export async function executeRun(deps: Deps, runId: string): Promise<void> {
  const { db } = deps;
  const run = await q.selectRunUnscoped(db, runId);
  if (!run || run.status !== 'running') return;
  try {
    await q.markRunStarted(db, runId);
    const cpu = cpuClock();
    let t = Date.now(), c = cpu();
    // COPY's text bytes into columns of typed arrays in shared memory (the worker threads read
    // them), not an object per person; the ids beside them (36 bytes each) for the pairs written
    const builder = new RecordTableBuilder(sharedAlloc);
    const read = await readPersons(q.copyLinkagePersons(db, run.kab_code), builder);
    const records = builder.finish();
    const loadMs = Date.now() - t, loadCpuMs = cpu() - c;
    const previous = modelOf(await q.selectLatestModel(db, run.kab_code));
    const rnd = new Random(runId);
    c = cpu();
    // the threshold where the learned model expects the best F1 (not tuned to any labels)
    const result = await linkInThreads(records, { random: () => rnd.next(), start: previous, threshold: 'expected-f1' });
    const linkCpuMs = cpu() - c;
    const clusters = clustersOf(records.n, result.pairs);
    t = Date.now();
    c = cpu();
    const rowOf = (i: number) => {
      const r = rowStrings(records, i);
      return { nik: r.nik, full_name: records.rawNames[records.rawNameId[i] ?? -1] ?? '', birth_date: r.birthDate, sex: r.sex ?? 'M', village_code: r.villageCode ?? '', kk: r.kk };
    };
    const ids = new Map<number, string>();
    const id = (i: number) => {
      let s = ids.get(i);
      if (s === undefined) { s = idAt(read.ids, i); ids.set(i, s); }
      return s;
    };
    const pairs: q.PairInput[] = result.pairs.map((p) => {
      const a = id(p.a);
      const b = id(p.b);
      const [lo, hi] = a < b ? [p.a, p.b] : [p.b, p.a];
      const cluster = clusters[p.a] ?? -1;
      return {
        personA: id(lo), personB: id(hi), score: p.probability, matchWeight: p.matchWeight,
        levels: Array.from(result.levels.subarray(p.candidate * COMPARISON_COUNT, (p.candidate + 1) * COMPARISON_COUNT)),
        fingerprint: fingerprintOf(rowOf(lo), rowOf(hi)),
        clusterKey: cluster >= 0 ? id(cluster) : null,
      };
    });
    let written = await q.upsertPairsByCopy(db, { runId, source: 'run', sourceId: null }, pairs);
    written += await crossKabupaten(deps, run.kab_code, runId, result.model);
    const clusterCount = new Set(Array.from(clusters).filter((c) => c >= 0)).size;
    await q.finishRun(db, runId, {
      personsCompared: records.n, candidatePairs: result.candidateCount, pairsFound: written, clusters: clusterCount,
      model: result.model, blocking: result.blocking,
      timings: { loadMs, ...result.timings, writingMs: Date.now() - t, loadCpuMs, linkCpuMs, writingCpuMs: cpu() - c },
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
