import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from './pglite.ts';

/**
 * The embedded database must keep a committed write through a crash: the server process is
 * killed (SIGKILL, no shutdown) right after answering a write, and the write is there after
 * a restart. Always runs on PGlite (the embedded default), whatever DATABASE_URL says.
 * Also: `slrt audit verify` on the same folder, clean and after tampering, and the CLI's
 * answer while the server holds the database.
 */
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cli/main.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-durability-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_REPLICA_URL: '', LOG_LEVEL: 'error', NODE_ENV: 'development' };
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number): Promise<ChildProcess> {
  const p = spawn(process.execPath, [CLI, 'serve', '--demo'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  p.stdout?.on('data', (d) => (output += d));
  p.stderr?.on('data', (d) => (output += d));
  for (let i = 0; i < 600; i++) {
    if (p.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.ok) return p;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // a server left running would hold the data folder for the next test: wait until it is gone
  p.kill('SIGKILL');
  if (p.exitCode === null && p.signalCode === null) await new Promise((r) => p.once('exit', r));
  throw new Error(`server did not start: ${output}`);
}

async function login(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'slrt-demo' }),
  });
  const body = (await res.json()) as { csrfToken: string };
  const cookie = /slrt_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return { cookie, csrf: body.csrfToken };
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

// each test starts real server processes (migrations, 91,599 areas): slow on a loaded machine
describe('embedded database durability', { timeout: 180_000 }, () => {
  it('keeps a committed write when the server is killed right after answering', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    child = await start(port);
    const s = await login(port);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ username: 'tahan.banting', displayName: 'Tahan Banting', password: 'tahan-banting-1', roles: [{ role: 'auditor', areaCode: '32.04' }] }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    // the lock of the killed process is stale; a restart must take it over
    child = await start(port);
    const again = await login(port);
    const read = await fetch(`http://127.0.0.1:${port}/api/v1/users/${id}`, { headers: { cookie: again.cookie } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { username: string }).username).toBe('tahan.banting');

    const busy = cli('audit', 'verify');
    expect(busy.status).toBe(3);
    expect(busy.stderr).toMatch(/server holds the embedded database/);

    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = null;
  });

  it('slrt audit verify passes on the untouched trail and names the first broken event after tampering', async () => {
    const ok = cli('audit', 'verify');
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });

    const db = await openPglite(path.join(dataDir, 'pglite'));
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM audit_events ORDER BY seq LIMIT 1 OFFSET 2`);
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
      await tx.query(`UPDATE audit_events SET purpose = 'edited' WHERE id = $1`, [rows[0]!.id]);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    });
    await db.close();

    const broken = cli('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBrokenEventId: rows[0]!.id });
  });
});

describe('embedded database WAL sync', { timeout: 180_000 }, () => {
  it('lets concurrent writes share a sync, follows a WAL switch, and keeps every acknowledged write through SIGKILL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-walsync-'));
    try {
      // a child process writes (30 at once, then across a WAL switch), says so, and is killed
      const pgliteModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'pglite.ts');
      const script = `
        import { openPglite } from ${JSON.stringify(pgliteModule)};
        const db = await openPglite(${JSON.stringify(dir)});
        await db.query('CREATE TABLE w (n int PRIMARY KEY)');
        const before = db.walSyncs();
        await Promise.all(Array.from({ length: 30 }, (_, n) => n % 2
          ? db.query('INSERT INTO w VALUES ($1)', [n])
          : db.transaction((tx) => tx.query('INSERT INTO w VALUES ($1)', [n]))));
        const shared = db.walSyncs() - before;
        await db.query('SELECT pg_switch_wal()');
        await db.query('INSERT INTO w VALUES (30)');
        await Promise.all([31, 32, 33].map((n) => db.query('INSERT INTO w VALUES ($1)', [n])));
        process.stdout.write(JSON.stringify({ shared, total: db.walSyncs() }) + '\\n');
        setInterval(() => {}, 1000);
      `;
      const p = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      const line = await new Promise<string>((resolve, reject) => {
        p.stdout.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out.trim());
        });
        p.once('exit', () => reject(new Error(`writer exited: ${err}`)));
      });
      p.kill('SIGKILL');
      await new Promise((r) => p.once('exit', r));

      const { shared, total } = JSON.parse(line) as { shared: number; total: number };
      expect(shared).toBeGreaterThanOrEqual(1);
      expect(shared).toBeLessThan(30); // 30 commits, far fewer syncs
      expect(total).toBeGreaterThan(shared);

      const db = await openPglite(dir);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM w');
      expect(rows[0]!.n).toBe(34);
      await db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
