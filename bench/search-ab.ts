/**
 * Before and after, in one process, one sample after the other (the machine's load falls on
 * both alike): the name search of `--before` (a checkout's search-queries.ts) against this
 * one, on a PostgreSQL database holding the synthetic population.
 *
 *   node bench/search-ab.ts --url postgres://.../db --before /work/main/packages/server/src/registry/search-queries.ts
 */
import { parseArgs } from 'node:util';
import { normalizePersonName } from '@slrt/core';
import { Actor } from '../packages/server/src/access/actor.ts';
import { openPostgres } from '../packages/server/src/db/postgres.ts';
import { searchByName as after } from '../packages/server/src/registry/search-queries.ts';
import { summarize } from './lib/stats.ts';
import { nameSamples } from './lib/typed-names.ts';

const { values } = parseArgs({ options: { url: { type: 'string' }, before: { type: 'string' }, samples: { type: 'string', default: '1000' }, 'kab-samples': { type: 'string', default: '300' } } });
const before = (await import(values.before!) as { searchByName: typeof after }).searchByName;
const db = openPostgres(values.url!);
const [{ village, n }] = (await db.query<{ village: string; n: number }>(
  'SELECT village_code AS village, count(*)::int AS n FROM persons GROUP BY village_code ORDER BY count(*) DESC, village_code LIMIT 1',
)).rows as [{ village: string; n: number }];
const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM persons')).rows[0]!.n;
const { villageSample, kabSample } = await nameSamples({ query: async (sql, params) => (await db.query(sql, params)).rows as never }, { village, sampleSize: Number(values.samples), persons: total, seed: 7 });
const actor = (grant: { role: string; areaCode: string }) => new Actor({ userId: '00000000-0000-7000-8000-000000000001', username: 'b', displayName: 'b', kabCode: '3204', grants: [grant as never], via: 'session' });
const cases = [
  { where: `village (${n} people)`, sample: villageSample, actor: actor({ role: 'puskesos_officer', areaCode: village }), area: { level: 'village' as const, code: village } },
  { where: 'kabupaten-wide', sample: kabSample.slice(0, Number(values['kab-samples'])), actor: actor({ role: 'kabupaten_manager', areaCode: '32.04' }), area: undefined },
];
for (const c of cases) {
  const ms = { before: [] as number[], after: [] as number[] };
  const found = { before: 0, after: 0 };
  for (const x of c.sample) {
    for (const [name, fn] of [['before', before], ['after', after]] as const) {
      const t = performance.now();
      const rows = await fn(db, c.actor, { kabCode: '3204', area: c.area }, normalizePersonName(x.q), { limit: 20 });
      ms[name].push(performance.now() - t);
      if (rows.some((r) => normalizePersonName(r.fullName) === x.orig)) found[name]++;
    }
  }
  const b = summarize(ms.before), a = summarize(ms.after);
  console.log(`${total} people, ${c.where}, ${c.sample.length} samples: found before ${found.before}, after ${found.after}; p50/p95 ms before ${b.medianMs.toFixed(2)}/${b.p95Ms.toFixed(2)}, after ${a.medianMs.toFixed(2)}/${a.p95Ms.toFixed(2)} (x${(a.p95Ms / b.p95Ms).toFixed(2)} at p95)`);
}
await db.close();
