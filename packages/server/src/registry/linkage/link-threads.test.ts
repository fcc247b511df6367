import { describe, expect, it } from 'vitest';
import { linkTable, RecordTableBuilder, sharedAlloc } from '@slrt/core';
import { generateHouseholds } from '../synthetic/generator.ts';
import { Random } from '../synthetic/random.ts';
import { linkInThreads } from './link-threads.ts';

const VILLAGES: string[] = [];
for (let k = 1; k <= 6; k++) for (let v = 1; v <= 4; v++) VILLAGES.push(`32.04.${String(k).padStart(2, '0')}.${2000 + v}`);

describe('a full run on worker threads', () => {
  it('lists the pairs, scores and levels of the run in one thread', async () => {
    const b = new RecordTableBuilder(sharedAlloc);
    for (const h of generateHouseholds({ persons: 8000, seed: 'threads', villages: VILLAGES, duplicateShare: 0.05 })) {
      for (const f of h.families) for (const p of f.members) b.add(p.nik, f.kk, p.fullName, p.birthDate, p.sex, h.villageCode, h.ref);
    }
    const t = b.finish();
    const one = new Random('threads-run'), two = new Random('threads-run');
    const alone = linkTable(t, { random: () => one.next(), threshold: 'expected-f1' });
    // two workers and this thread, each a share of every rule's blocks
    const shared = await linkInThreads(t, { random: () => two.next(), threshold: 'expected-f1' }, 2, 0);
    expect(shared.candidateCount).toBe(alone.candidateCount);
    expect(shared.blocking).toEqual(alone.blocking);
    expect(shared.model.threshold).toBeCloseTo(alone.model.threshold, 12);
    expect(shared.pairs.length).toBe(alone.pairs.length);
    expect(alone.pairs.length).toBeGreaterThan(100);
    shared.pairs.forEach((p, k) => {
      const q = alone.pairs[k]!;
      expect([p.a, p.b, p.matchWeight]).toEqual([q.a, q.b, q.matchWeight]);
      expect(Array.from(shared.levels.subarray(p.candidate * 8, p.candidate * 8 + 8))).toEqual(Array.from(alone.levels.subarray(q.candidate * 8, q.candidate * 8 + 8)));
    });
  });
});
