import { parentPort, workerData } from 'node:worker_threads';
import { keyTableRule, linkBlocks, nameColumnsOf, NameLevels, type LinkageModel, type LinkChunk, type PackedBlocks, type RecordTable, type RuleBlocks } from '@slrt/core';

/**
 * A worker thread of a full duplicate run (link-threads.ts): it reads the run's RecordTable
 * from shared memory (no copy), keys the blocking rules it is given (their blocks back in
 * shared memory) and then compares and scores its share of every rule's blocks (@slrt/core
 * linkBlocks, as the one-thread run does). Its name levels are its own.
 */
export type LinkWorkerMessage =
  /**
   * Rules to key: their place in the run's list and their name (table-blocking.ts). Every
   * thread is given the same list; a rule is keyed by the thread that claims it first (its
   * cell in `claims` set from 0 to 1), so the threads share the rules as they come free.
   */
  | { kind: 'key'; rules: Array<[number, string]>; claims: Int32Array; maxBlock: number }
  | { kind: 'link'; rules: RuleBlocks[]; pack: PackedBlocks; model: LinkageModel; floor: number; part: number; parts: number };

export type LinkWorkerReply =
  | { kind: 'keyed'; blocks: Array<[number, RuleBlocks]> }
  | { kind: 'linked'; chunk: LinkChunk; lookups: number; hits: number }
  | { kind: 'error'; error: string };

const port = parentPort;
if (port && (workerData as { kind?: string } | null)?.kind === 'slrt-link') {
  const table = (workerData as { table: RecordTable }).table;
  const names = NameLevels.ofTable(table);
  const nc = nameColumnsOf(table.names);
  port.on('message', (m: LinkWorkerMessage) => {
    try {
      if (m.kind === 'key') {
        const blocks: Array<[number, RuleBlocks]> = [];
        for (const [r, name] of m.rules) {
          if (Atomics.compareExchange(m.claims, r, 0, 1) !== 0) continue;
          blocks.push([r, keyTableRule(table, nc, name, m.maxBlock)]);
        }
        port.postMessage({ kind: 'keyed', blocks } satisfies LinkWorkerReply);
        return;
      }
      const chunk = linkBlocks(table, m.rules, m.model, m.floor, names, m.part, m.parts, m.pack);
      const reply: LinkWorkerReply = { kind: 'linked', chunk, lookups: names.lookups, hits: names.hits };
      port.postMessage(reply, [chunk.a.buffer, chunk.b.buffer, chunk.weight.buffer, chunk.probability.buffer, chunk.levels.buffer] as ArrayBuffer[]);
    } catch (err) {
      port.postMessage({ kind: 'error', error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies LinkWorkerReply);
    }
  });
}
