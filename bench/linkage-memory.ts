/**
 * npm run bench:linkage-memory -- [--persons N] [--seed S] [--threshold P|expected-f1] [--threads N] [--diagnose] [--no-household]
 *
 * Record linkage quality in memory, without a database: the synthetic population of
 * bench:linkage (Kabupaten Bandung, 5 % labelled duplicates) linked by @slrt/core linkRecords
 * as the server's full run links it; precision, recall and F1 at the model's threshold, the
 * share of true pairs kept by blocking, candidate pairs. --diagnose adds the commonest
 * comparison vectors of the false pairs and of the missed ones; --no-household leaves the
 * household members comparison out (every pair missing it), as before it existed. The records
 * are linked as the server's run links them: as a RecordTable in shared memory, on --threads
 * worker threads beside this one (default: one per further core; 0: this thread alone).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { CandidateIndex, COMPARISON_COUNT, COMPARISONS, compareRecords, linkageRecordOf, prepareHouseholds, sharedAlloc, tableOfRecords, type LinkageRecord } from '@slrt/core';
import { DEFAULT_LINK_THREADS, linkInThreads } from '../packages/server/src/registry/linkage/link-threads.ts';
import { generateHouseholds } from '../packages/server/src/registry/synthetic/generator.ts';
import { Random } from '../packages/server/src/registry/synthetic/random.ts';
import { villagesOf } from './lib/population.ts';

const { values } = parseArgs({ options: { persons: { type: 'string' }, seed: { type: 'string' }, threshold: { type: 'string' }, threads: { type: 'string' }, diagnose: { type: 'boolean' }, 'no-household': { type: 'boolean' } } });
const persons = Number(values.persons ?? 100_000);
const seed = values.seed ?? 'linkage';

const records: LinkageRecord[] = [];
const dupOf: (string | null)[] = [];
const niks: string[] = [];
for (const h of generateHouseholds({ persons, seed, villages: villagesOf('32.04'), duplicateShare: 0.05 })) {
  for (const f of h.families) {
    for (const p of f.members) {
      records.push(linkageRecordOf({ nik: p.nik || null, fullName: p.fullName, birthDate: p.birthDate, sex: p.sex, villageCode: h.villageCode, kk: f.kk, householdId: values['no-household'] ? null : h.ref }));
      dupOf.push(p.duplicateOf ?? null);
      niks.push(p.nik);
    }
  }
}
const n = records.length;
const original = new Map<string, number>();
niks.forEach((nik, i) => { if (dupOf[i] === null) original.set(nik, i); });
const truth = new Set<number>();
dupOf.forEach((l, i) => {
  const o = l === null ? undefined : original.get(l);
  if (o !== undefined) truth.add(Math.min(o, i) * n + Math.max(o, i));
});

const rnd = new Random(`run-${seed}`);
const threads = values.threads === undefined ? DEFAULT_LINK_THREADS : Number(values.threads);
prepareHouseholds(records, (r) => r.householdId);
// peak memory of the process while linking (RSS sampled every 50 ms), beside what it held before
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
const cpuBefore = process.cpuUsage();
const t = performance.now();
const table = tableOfRecords(records, sharedAlloc);
const threshold = values.threshold === undefined ? undefined : values.threshold === 'expected-f1' ? 'expected-f1' : Number(values.threshold);
const result = await linkInThreads(table, { random: () => rnd.next(), ...(threshold === undefined ? {} : { threshold }) }, threads);
const ms = performance.now() - t;
const cpu = process.cpuUsage(cpuBefore);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sampler);
const found = new Set(result.pairs.map((p) => p.a * n + p.b));
let tp = 0;
for (const c of found) if (truth.has(c)) tp++;
// blocking recall: the same blocking again, nothing visited (the run keeps no candidate list)
const blocks = new CandidateIndex(table, () => {});
let kept = 0;
for (const c of truth) if (blocks.isCandidate(Math.floor(c / n), c % n)) kept++;
const precision = found.size ? tp / found.size : 0;
const recall = truth.size ? tp / truth.size : 0;
const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
console.log(JSON.stringify({
  persons: n, truePairs: truth.size, candidatePairs: result.candidateCount, blockingRecall: +(kept / truth.size).toFixed(4),
  threshold: result.model.threshold, found: found.size, precision: +precision.toFixed(4), recall: +recall.toFixed(4), f1: +f1.toFixed(4),
  threads, load: os.loadavg().map((x) => +x.toFixed(1)), seconds: +(ms / 1000).toFixed(1), cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1), rssBeforeMb: Math.round(rssBefore / 1e6), peakRssMb: Math.round(peakRss / 1e6), timings: result.timings, lambda: result.model.lambda,
}));
if (values.diagnose) {
  const weights = result.model.comparisons.map((c) => `${c.key}: ${c.levels.map((l, i) => `${l} ${Math.log2((c.m[i] ?? 0) / (c.u[i] ?? 1)).toFixed(1)}`).join(', ')}`);
  console.log(weights.join('\n'));
  // the levels of each false or missed pair (found pairs keep theirs; missed ones compared again)
  const levelsOf = new Map<number, string>();
  for (const p of result.pairs) levelsOf.set(p.a * n + p.b, Array.from(result.levels.subarray(p.candidate * COMPARISON_COUNT, (p.candidate + 1) * COMPARISON_COUNT)).join(','));
  const vecOf = (c: number) => {
    const i = Math.floor(c / n), j = c % n;
    if (!blocks.isCandidate(i, j)) return 'not a candidate';
    return levelsOf.get(c) ?? Array.from(compareRecords(records[i]!, records[j]!)).join(',');
  };
  const tally = (codes: Iterable<number>) => {
    const m = new Map<string, number>();
    for (const c of codes) { const k = vecOf(c); m.set(k, (m.get(k) ?? 0) + 1); }
    return [...m].sort((a, b) => b[1] - a[1]).slice(0, 15);
  };
  console.log(`levels: ${COMPARISONS.map((c) => c.key).join(',')}`);
  console.log('false pairs', tally([...found].filter((c) => !truth.has(c))));
  console.log('missed pairs', tally([...truth].filter((c) => !found.has(c))));
}
