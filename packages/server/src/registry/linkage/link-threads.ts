import os from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  BLOCKING_RULES, DEFAULT_MAX_BLOCK, finishLink, keepFloor, keyTableRule, learnModel, linkBlocks, linkTable, nameColumnsOf, NameLevels, packBlocks, sharedAlloc, trainDataOfTable,
  type LinkChunk, type LinkOptions, type LinkResult, type RecordTable, type RuleBlocks,
} from '@slrt/core';
import type { LinkWorkerMessage, LinkWorkerReply } from './link-worker.ts';

/** Worker threads beside this one (which takes a share of the comparisons too): one per further core. */
export const DEFAULT_LINK_THREADS = Math.max(0, Math.min(3, os.availableParallelism() - 1));
/** Below this many records one thread links: starting a worker (its own copy of the modules) costs more. */
const LINK_WORKER_MIN_RECORDS = 20_000;

/** Keys per record of each rule, roughly (several for the rules on the NIK's date parts and on the name's words): to share the keying evenly. */
const KEYING_COST: Record<string, number> = { nik_region_date_part_initial: 3, name_word_birth_year_kecamatan: 2, name_word_birth_date: 2 };

function ask(w: Worker, m: LinkWorkerMessage): Promise<LinkWorkerReply> {
  return new Promise((resolve, reject) => {
    const done = () => { w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
    const onMessage = (r: LinkWorkerReply) => { done(); if (r.kind === 'error') reject(new Error(r.error)); else resolve(r); };
    const onError = (e: unknown) => { done(); reject(e); };
    const onExit = (code: number) => { done(); reject(new Error(`linkage worker stopped (exit ${code})`)); };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(m);
  });
}

/**
 * @slrt/core linkTable over `threads` worker threads and this one: the table (in
 * SharedArrayBuffers, RecordTableBuilder with sharedAlloc) is read by every thread without a
 * copy. The workers key the blocking rules (each rule whole, the next one free) while this
 * thread learns the weights and then keys what is left; then every thread compares and scores its share of each
 * rule's blocks (block b to share b mod shares). The pairs are those of linkTable: the check
 * against earlier rules and lower blocks reads the shared blocks, whichever thread expands them.
 */
export async function linkInThreads(t: RecordTable, opts: LinkOptions, threads = DEFAULT_LINK_THREADS, minRecords = LINK_WORKER_MIN_RECORDS): Promise<LinkResult> {
  if (threads <= 0 || t.n < minRecords) return linkTable(t, opts);
  const now = opts.now ?? Date.now;
  const rules = opts.rules ?? BLOCKING_RULES;
  const maxBlock = opts.maxBlock ?? DEFAULT_MAX_BLOCK;
  const start = now();
  const shared: RecordTable = { ...t, rawNames: [] };
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./link-worker.ts', import.meta.url), { workerData: { kind: 'slrt-link', table: shared } }));
  try {
    // the rules, whole, the costliest first: every worker is given the list and keys the next
    // rule no thread has claimed; this thread learns the weights, then claims from the other end
    const order = rules.map((r, i): [number, string] => [i, r.name]).sort((x, y) => (KEYING_COST[y[1]] ?? 1) - (KEYING_COST[x[1]] ?? 1) || x[0] - y[0]);
    const claims = new Int32Array(new SharedArrayBuffer(4 * rules.length));
    let keyedAt = 0;
    const keying = Promise.all(workers.map((w) => ask(w, { kind: 'key', rules: order, claims, maxBlock }))).then((replies) => { keyedAt = now(); return replies; });
    let s = now();
    const names = NameLevels.ofTable(t);
    const model = learnModel(trainDataOfTable(t, names), opts);
    const trainingMs = now() - s;
    const blocks: RuleBlocks[] = new Array<RuleBlocks>(rules.length);
    const nc = nameColumnsOf(t.names);
    for (let k = order.length - 1; k >= 0; k--) {
      const [i, name] = order[k] as [number, string];
      if (Atomics.compareExchange(claims, i, 0, 1) !== 0) break;
      blocks[i] = keyTableRule(t, nc, name, maxBlock);
    }
    for (const reply of await keying) if (reply.kind === 'keyed') for (const [i, b] of reply.blocks) blocks[i] = b;
    keyedAt = Math.max(keyedAt, now());
    const blockingMs = keyedAt - start;
    s = now();
    const floor = keepFloor(model, opts);
    const parts = threads + 1;
    const pack = packBlocks(blocks, t.n, sharedAlloc);
    const linking = Promise.all(workers.map((w, k) => ask(w, { kind: 'link', rules: blocks, pack, model, floor, part: k + 1, parts })));
    const mine = linkBlocks(t, blocks, model, floor, names, 0, parts, pack);
    const chunks: LinkChunk[] = [mine];
    for (const reply of await linking) if (reply.kind === 'linked') chunks.push(reply.chunk);
    const comparingMs = now() - s;
    return finishLink(model, blocks, chunks, opts.threshold === 'expected-f1', { blockingMs, comparingMs, trainingMs }, now);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
