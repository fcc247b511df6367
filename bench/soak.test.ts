import { describe, expect, it } from 'vitest';
import { KINDS, runMix } from './lib/mix.ts';
import { closeWorld, prepareWorld } from './lib/officers.ts';
import { memoryHalves, OFFICER_MIX } from './lib/soak.ts';

/**
 * A tiny run of the soak's officers (issue 19 item 9): a few officers of their villages, on two
 * server processes when DATABASE_URL is set (PostgreSQL) or one on PGlite, every kind of
 * request answered without an error, and the memory of every process sampled. Times are
 * never asserted.
 */
describe('soak (tiny run)', () => {
  it('signs officers in to their villages and answers every kind of request of the mix', async () => {
    const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    const world = await prepareWorld({
      engine, persons: 2000, kabupaten: '32.04', seed: 3, officers: 4, processes: engine === 'postgres' ? 2 : 1, referrablePerOfficer: 2, log: () => {},
    });
    try {
      expect(new Set(world.officers.map((o) => o.village)).size).toBe(4);
      for (const o of world.officers) expect(o.referrable).toHaveLength(2);
      // every kind once per officer at least: equal weights, enough requests
      const weights = Object.fromEntries(KINDS.filter((k) => OFFICER_MIX[k]).map((k) => [k, 1]));
      const r = await runMix(world, { weights, thinkMs: [0, 0], durationS: 4, warmupS: 0, dashboardAs: 'officer', seed: 1, memoryEveryS: 0.5 });
      expect(r.all.errors, r.all.firstError).toBe(0);
      for (const k of Object.keys(weights)) expect(r.kinds[k as keyof typeof r.kinds]?.ok ?? 0, k).toBeGreaterThan(0);
      // the intakes became cases the officers may open
      expect(world.officers.reduce((n, o) => n + o.cases.length, 0)).toBeGreaterThan(0);
      expect(r.memory.length).toBeGreaterThan(1);
      for (const h of memoryHalves(r.memory, world.servers.length)) expect(h.first).toBeGreaterThan(0);
    } finally {
      await closeWorld(world);
    }
  }, 600_000);
});
