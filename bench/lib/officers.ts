/**
 * The world of a mixed-load run (issue 19 items 6 and 9): a synthetic kabupaten loaded once,
 * one or more server processes on it, and simulated officers, each a real user of the app
 * (`puskesos_officer`, scoped to its own village, as the demo's officers are) signed in over
 * HTTP, with what it will type: its village's residents, cases and cases decided for referral.
 */
import { kabCodeOf } from '@slrt/core';
import { openPglite } from '../../packages/server/src/db/pglite.ts';
import { openPostgres } from '../../packages/server/src/db/postgres.ts';
import { migrate } from '../../packages/server/src/db/migrate.ts';
import { loadAreas } from '../../packages/server/src/areas/load.ts';
import { villagesOf } from '../../packages/server/src/areas/queries.ts';
import { generateHouseholds } from '../../packages/server/src/registry/synthetic/generator.ts';
import { loadSynthetic } from '../../packages/server/src/registry/synthetic/load.ts';
import { foldPersonCounts } from '../../packages/server/src/stats/queries.ts';
import { createTarget, type BenchTarget } from './engines.ts';
import type { Engine } from './protocol.ts';
import { ServerProcess } from './server-client.ts';
import { prng } from './stats.ts';
import { BENCH_PASSWORD, signIn } from './suite-run.ts';

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Officer {
  username: string;
  village: string;
  session: Session;
  /** The server process this officer's browser talks to. */
  server: ServerProcess;
  residents: Array<{ id: string; nik: string; name: string }>;
  /** Cases of the village the officer may open (grows with its own intakes). */
  cases: string[];
  /** Cases of the village decided `refer`, not yet referred. */
  referrable: Array<{ caseId: string; needId: string }>;
}

export interface World {
  engine: Engine;
  target: BenchTarget;
  servers: ServerProcess[];
  officers: Officer[];
  /** The kabupaten manager, signed in (the kabupaten dashboard). */
  manager: Session;
  serviceId: string;
  persons: number;
  villages: number;
  setupS: number;
}

export interface WorldOptions {
  engine: Engine;
  persons: number;
  kabupaten: string;
  seed: number;
  officers: number;
  processes: number;
  /** Cases decided for referral per officer (the referral sends it may make). */
  referrablePerOfficer: number;
  log: (msg: string) => void;
}

/** The population through the synthetic loader (COPY), in the parent, before any server starts. */
async function loadPopulation(o: WorldOptions, target: BenchTarget): Promise<number> {
  const db = o.engine === 'postgres' ? openPostgres(target.target) : await openPglite(target.target);
  try {
    await migrate(db);
    await loadAreas(db);
    const villages = (await villagesOf(db, o.kabupaten)).map((v) => v.code);
    const loaded = await loadSynthetic(db, generateHouseholds({ persons: o.persons, seed: o.seed, villages, today: '2026-07-01' }), {
      sourceId: 'bench:soak',
      onProgress: (p) => p.persons % 100_000 < 20_000 && o.log(`  loaded ${p.persons} people`),
    });
    await db.transaction((tx) => foldPersonCounts(tx));
    await db.query('ANALYZE');
    return loaded.persons;
  } finally {
    await db.close();
  }
}

export async function prepareWorld(o: WorldOptions): Promise<World> {
  const started = performance.now();
  const target = await createTarget(o.engine);
  const servers: ServerProcess[] = [];
  try {
    o.log(`${o.engine}: loading ${o.persons} people`);
    const persons = await loadPopulation(o, target);
    // one after another: each runs the migrations check on start
    for (let i = 0; i < o.processes; i++) servers.push(await ServerProcess.start({ engine: o.engine, target: target.target, kabupaten: o.kabupaten }));
    const s = servers[0]!;
    const kab4 = kabCodeOf(o.kabupaten);
    const villages = (await s.query<{ village_code: string }>(
      'SELECT village_code FROM persons WHERE kab_code = $1 GROUP BY village_code ORDER BY count(*) DESC, village_code LIMIT $2', [kab4, o.officers],
    )).map((r) => r.village_code);
    // more officers than villages: several officers in the busiest villages
    const villageOf = (i: number) => villages[i % villages.length]!;
    const users = Array.from({ length: o.officers }, (_, i) => ({ username: `soak.officer.${i}`, role: 'puskesos_officer', areaCode: villageOf(i) }));
    const coordinators = villages.map((v, i) => ({ username: `soak.coordinator.${i}`, role: 'puskesos_coordinator', areaCode: v }));
    o.log(`${o.engine}: ${users.length} officers in ${villages.length} villages, ${coordinators.length} coordinators`);
    await s.call('createUsers', {
      password: BENCH_PASSWORD,
      users: [...users, ...coordinators, { username: 'soak.manager', role: 'kabupaten_manager', areaCode: o.kabupaten }],
    });

    // open cases across the kabupaten, 1 for every 100 people, through the intake service
    const seedIds = (await s.query<{ id: string }>('SELECT id FROM persons ORDER BY md5(id::text) LIMIT $1', [Math.max(100, Math.round(persons / 100))])).map((r) => r.id);
    o.log(`${o.engine}: ${seedIds.length} cases through the intake service`);
    await s.call('seedCases', { personIds: seedIds, username: 'soak.manager', concurrency: 2 });

    const rnd = prng(o.seed);
    const residentsOf = new Map<string, Officer['residents']>();
    for (const v of villages) {
      residentsOf.set(v, await s.query<{ id: string; nik: string; name: string }>(
        'SELECT id, nik, name_norm AS name FROM persons WHERE kab_code = $1 AND village_code = $2 AND nik IS NOT NULL ORDER BY md5(id::text || $3) LIMIT 200',
        [kab4, v, String(o.seed)],
      ));
    }
    const items = users.flatMap((u, i) => {
      const pool = residentsOf.get(u.areaCode) ?? [];
      return Array.from({ length: o.referrablePerOfficer }, () => ({
        personId: pool[Math.floor(rnd() * pool.length)]!.id, officer: u.username, coordinator: `soak.coordinator.${i % villages.length}`,
      }));
    });
    o.log(`${o.engine}: ${items.length} cases walked to a referral decision`);
    const decided = await s.call<{ serviceId: string; ready: Array<{ caseId: string; needId: string; officer: string }>; errors: number; firstError?: string }>(
      'referrableCases', { items, concurrency: 4 },
    );
    if (decided.errors) throw new Error(`referrable cases: ${decided.errors} failed: ${decided.firstError}`);
    const casesOf = new Map<string, string[]>();
    for (const r of await s.query<{ id: string; village_code: string }>('SELECT id, village_code FROM cases WHERE kab_code = $1', [kab4])) {
      casesOf.set(r.village_code, [...(casesOf.get(r.village_code) ?? []), r.id]);
    }
    await s.query('ANALYZE');

    o.log(`${o.engine}: signing in ${users.length} officers`);
    const officers: Officer[] = [];
    for (const [i, u] of users.entries()) {
      const server = servers[i % servers.length]!;
      officers.push({
        username: u.username, village: u.areaCode, server, session: await signIn(server.url, u.username),
        residents: residentsOf.get(u.areaCode) ?? [],
        cases: [...(casesOf.get(u.areaCode) ?? [])],
        referrable: decided.ready.filter((r) => r.officer === u.username).map(({ caseId, needId }) => ({ caseId, needId })),
      });
    }
    const manager = await signIn(s.url, 'soak.manager');
    return { engine: o.engine, target, servers, officers, manager, serviceId: decided.serviceId, persons, villages: villages.length, setupS: (performance.now() - started) / 1000 };
  } catch (err) {
    for (const s of servers) await s.stop();
    await target.drop();
    throw err;
  }
}

export async function closeWorld(w: World): Promise<void> {
  for (const s of w.servers) await s.stop();
  await w.target.drop();
}
