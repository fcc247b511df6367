import { runLoad } from './load.ts';
import type { Metrics } from './results.ts';
import { type Callers, LOAD_CONNECTIONS, type Run, budget, loadMetrics, pickFrom, randomTrackingCode, row, signIn } from './suite-run.ts';

/** 3. Intake: cases with two needs over HTTP; first, cases for the lists through the service. */
export async function measureIntake({ o, s, kab4, sections, notes, http }: Run, { persons, village, officer }: Callers) {
  const budgetIntake = (m: Metrics) => [budget('at least 300 cases/s', m.opsPerSec ? m.opsPerSec >= 300 : null)];
  // cases for the lists: 1 for every 100 people (36,000 open cases at the kabupaten's full
  // size, at most 40,000), through the intake service itself
  const seedCount = Math.min(40_000, Math.max(100, Math.round(persons / 100)));
  o.log(`${o.engine} ${o.persons}: ${seedCount} cases through the intake service (for the lists)`);
  const seedIds = (await s.query<{ id: string }>('SELECT id FROM persons ORDER BY md5(id::text) LIMIT $1', [seedCount])).map((r) => r.id);
  const seeded = await s.call<{ created: number; errors: number; firstError?: string; ms: number }>('seedCases', { personIds: seedIds, username: 'bench.manager', concurrency: 2 });
  // as autovacuum would after that many inserts (PGlite has none): the lists are planned on real statistics
  await s.query('ANALYZE cases');
  await s.query('ANALYZE case_needs');
  notes.push(`${seeded.created} cases created through the intake service before the measurements (${Math.round((seeded.created / seeded.ms) * 1000)} cases/s at 2 concurrent calls, no HTTP)${seeded.errors ? `; ${seeded.errors} failed: ${seeded.firstError?.slice(0, 200)}` : ''}`);

  const intakePersons = await s.query<{ id: string; household_id: string }>('SELECT id, household_id FROM persons WHERE village_code = $1 ORDER BY md5(id::text) LIMIT 5000', [village]);
  const { TWO_NEEDS } = await import('../../packages/server/src/cases/testing.ts');
  await s.call('setBareWrite', {
    name: 'intake',
    statements: [
      {
        sql: `INSERT INTO cases (id, kab_code, village_code, code, person_id, household_id, track_pin, pin_from_nik, status, channel, kind, complaint, urgency, legal_basis, registry_status_at_intake, due_at, tracking_code)
              VALUES ($1, $2, $3, 'B-' || $7, $4, $5, '0000', false, 'registered', 'walk_in_puskesos', 'complaint', $6, 'high', 'public_task', 'registered', now() + interval '3 days', $8)`,
        params: [':uuid1', 'kab', 'villageCode', 'personId', 'householdId', 'complaint', ':uuid1', 'trackingCode'],
      },
      {
        sql: `INSERT INTO case_needs (id, kab_code, village_code, case_id, position, sector, urgency, request, person_id)
              VALUES ($1, $3, $4, $5, 1, 'health', 'high', $6, $8), ($2, $3, $4, $5, 2, 'education', 'normal', $7, $8)`,
        params: [':uuid2', ':uuid3', 'kab', 'villageCode', ':uuid1', 'need1', 'need2', 'personId'],
      },
    ],
  });
  const pickP = pickFrom(intakePersons);
  const complaint = 'Benchmark: anak sakit dan tidak ada biaya berobat.';
  o.log(`${o.engine} ${o.persons}: HTTP, intake`);
  const c = await s.measured(() => runLoad({
    origin: s.bareUrl, connections: LOAD_CONNECTIONS, ...http(o.httpDurationS), method: 'POST', pathFor: () => '/bare/intake',
    bodyFor: (i) => JSON.stringify({ personId: pickP(i).id, householdId: pickP(i).household_id, villageCode: village, kab: kab4, complaint, need1: TWO_NEEDS[0]!.request, need2: TWO_NEEDS[1]!.request, trackingCode: randomTrackingCode() }),
  }));
  const m = await s.measured(() => runLoad({
    origin: s.url, connections: LOAD_CONNECTIONS, ...http(o.httpDurationS), method: 'POST', headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
    pathFor: () => '/api/v1/cases',
    bodyFor: (i) => JSON.stringify({ personId: pickP(i).id, channel: 'walk_in_puskesos', kind: 'complaint', complaint, needs: TWO_NEEDS }),
  }));
  const mm = loadMetrics(m.value, 'cases/s', m, o.engine);
  const cc = { ...loadMetrics(c.value, 'cases/s', c, o.engine), label: 'bare Fastify route, same rows in one transaction' };
  sections.intake.push(row('http.intake', 'cases with two needs', mm, cc, [...budgetIntake(mm), budget('at least 0.5 x the bare route', mm.opsPerSec && cc.opsPerSec ? mm.opsPerSec / cc.opsPerSec >= 0.5 : null)]));
  // what the audit event adds to the bare rows, with and without the chain's lock (issue 19 item 8)
  await s.query('CREATE TABLE bench_audit_unchained (LIKE audit_events INCLUDING ALL)');
  for (const [audit, label] of [
    ['unchained', 'bare rows + the audit event, no chain (a copy of audit_events, same indexes, no head lock)'],
    ['chained', 'bare rows + the audit event through the chain (AuditLog.record: head row locked until COMMIT)'],
  ] as const) {
    o.log(`${o.engine} ${o.persons}: HTTP, intake ceiling ${label}`);
    const a = await s.measured(() => runLoad({
      origin: s.bareUrl, connections: LOAD_CONNECTIONS, ...http(o.httpDurationS), method: 'POST', pathFor: () => `/bare/intake?audit=${audit}`,
      bodyFor: (i) => JSON.stringify({ personId: pickP(i).id, householdId: pickP(i).household_id, villageCode: village, kab: kab4, complaint, need1: TWO_NEEDS[0]!.request, need2: TWO_NEEDS[1]!.request, trackingCode: randomTrackingCode() }),
    }));
    sections.intake.push(row(`http.intake.audit.${audit}`, label, loadMetrics(a.value, 'cases/s', a, o.engine), cc, [], 'reference, not a budget: where the gap to the bare route goes'));
  }
  await s.query('DROP TABLE bench_audit_unchained');
}

/** 4. Worklists and boards, over HTTP, one connection. */
export async function measureBackOffice({ o, s, kab4, sections, notes, http }: Run, { persons, village, officer, manager }: Callers) {
  const coordinator = await signIn(s.url, 'bench.coordinator');
  const supervisor = await signIn(s.url, 'bench.supervisor');
  const kecamatan = village.split('.').slice(0, 3).join('.');
  const OPEN = `status NOT IN ('resolved', 'closed')`;
  const bareLists = {
    worklistVillage: { sql: `SELECT id, code, status, due_at, person_id FROM cases WHERE kab_code = $1 AND village_code = $2 AND ${OPEN} ORDER BY fast_track DESC, due_at, id LIMIT 51`, fixed: [kab4, village], params: [] },
    worklistKab: { sql: `SELECT id, code, status, due_at, person_id FROM cases WHERE kab_code = $1 AND ${OPEN} ORDER BY fast_track DESC, due_at, id LIMIT 51`, fixed: [kab4], params: [] },
    boardKec: { sql: `SELECT village_code, count(*) FILTER (WHERE ${OPEN}) AS open, count(*) FILTER (WHERE status = 'registered') AS new FROM cases WHERE kab_code = $1 AND village_code LIKE $2 GROUP BY village_code`, fixed: [kab4, `${kecamatan}.%`], params: [] },
    boardKab: { sql: `SELECT left(village_code, 8) AS kecamatan, count(*) FILTER (WHERE ${OPEN}) AS open, count(*) FILTER (WHERE status = 'registered') AS new FROM cases WHERE kab_code = $1 GROUP BY 1`, fixed: [kab4], params: [] },
  };
  for (const [name, q] of Object.entries(bareLists)) await s.call('setBareQuery', { name, ...q });
  const lists = [
    { key: 'http.worklist', label: 'village worklist (open cases, first page of 50)', who: coordinator, path: '/api/v1/cases?list=open&limit=50', bare: '/bare/worklistVillage' },
    { key: 'http.worklist.kabupaten', label: 'kabupaten worklist (open cases, first page of 50)', who: manager, path: '/api/v1/cases?list=open&limit=50', bare: '/bare/worklistKab' },
    { key: 'http.board', label: 'case board of a kecamatan (one row per village)', who: supervisor, path: '/api/v1/cases/board', bare: '/bare/boardKec' },
    { key: 'http.board.kabupaten', label: 'case board of the kabupaten (one row per kecamatan)', who: manager, path: '/api/v1/cases/board', bare: '/bare/boardKab' },
  ];
  for (const l of lists) {
    o.log(`${o.engine} ${o.persons}: HTTP, ${l.label}`);
    const c = await s.measured(() => runLoad({ origin: s.bareUrl, connections: 1, ...http(o.httpDurationS), pathFor: () => l.bare }));
    const m = await s.measured(() => runLoad({ origin: s.url, connections: 1, ...http(o.httpDurationS), headers: { cookie: l.who.cookie }, pathFor: () => l.path }));
    sections.backoffice.push(row(l.key, l.label, loadMetrics(m.value, 'req/s', m, o.engine), { ...loadMetrics(c.value, 'req/s', c, o.engine), label: 'bare Fastify route' }));
  }
  // referrals through the real services, for cases of the officer's village (where the
  // bench's coordinator may decide): one per 1,000 people, at most 1,000
  const wanted = Math.min(1000, Math.max(50, Math.round(persons / 1000)));
  const caseIds = (await s.query<{ id: string }>(`SELECT id FROM cases WHERE village_code = $1 AND status = 'registered' ORDER BY id LIMIT $2`, [village, wanted])).map((r) => r.id);
  o.log(`${o.engine} ${o.persons}: ${caseIds.length} referrals through the case workflow and the referral service`);
  const seeded = await s.call<{ created: number; errors: number; firstError?: string; ms: number }>('seedReferrals', { caseIds, officer: 'bench.officer', coordinator: 'bench.coordinator', concurrency: 2 });
  notes.push(`${seeded.created} referrals created through the case workflow and the referral service before the board measurements (${(seeded.ms / 1000).toFixed(0)} s)${seeded.errors ? `; ${seeded.errors} failed: ${seeded.firstError?.slice(0, 200)}` : ''}`);
  const bareRef = {
    refBoardKab: { sql: `SELECT status, count(*) FROM referrals WHERE kab_code = $1 GROUP BY status`, fixed: [kab4], params: [] },
    refListVillage: { sql: `SELECT id, status, created_at FROM referrals WHERE kab_code = $1 AND village_code = $2 AND status = 'sent' ORDER BY created_at DESC, id LIMIT 51`, fixed: [kab4, village], params: [] },
  };
  for (const [name, q] of Object.entries(bareRef)) await s.call('setBareQuery', { name, ...q });
  for (const l of [
    { key: 'http.referral.board', label: 'referral board of the kabupaten (by status, per partner)', who: manager, path: '/api/v1/referrals/board', bare: '/bare/refBoardKab' },
    { key: 'http.referral.board.kecamatan', label: 'referral board of a kecamatan', who: supervisor, path: '/api/v1/referrals/board', bare: '/bare/refBoardKab' },
    { key: 'http.referral.list', label: 'referrals sent from a village (first page of 50)', who: officer, path: '/api/v1/referrals?status=sent&limit=50', bare: '/bare/refListVillage' },
  ]) {
    o.log(`${o.engine} ${o.persons}: HTTP, ${l.label}`);
    const c = await s.measured(() => runLoad({ origin: s.bareUrl, connections: 1, ...http(o.httpDurationS), pathFor: () => l.bare }));
    const m = await s.measured(() => runLoad({ origin: s.url, connections: 1, ...http(o.httpDurationS), headers: { cookie: l.who.cookie }, pathFor: () => l.path }));
    sections.backoffice.push(row(l.key, l.label, loadMetrics(m.value, 'req/s', m, o.engine), { ...loadMetrics(c.value, 'req/s', c, o.engine), label: 'bare Fastify route' }));
  }
}
