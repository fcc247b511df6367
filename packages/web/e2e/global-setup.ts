import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test answers, e.g. `http://localhost:41234`. */
    baseUrl: string;
  }
}

const REPO = path.resolve(import.meta.dirname, '../../..');
const HEALTH_TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess | null, log: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode} before answering /api/v1/health:\n${log()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no healthy answer from ${baseUrl}/api/v1/health within ${HEALTH_TIMEOUT_MS} ms (${last}):\n${log()}`);
}

async function assertServesWebApp(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/masuk`, { headers: { Accept: 'text/html' } });
  const body = await response.text();
  if (!response.ok || !body.includes('<div id="root">')) {
    throw new Error(`${baseUrl}/masuk does not serve the web app (HTTP ${response.status}); the server must serve packages/web/dist with SPA fallback`);
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `slrt serve --demo` on a free port with a fresh data directory, waits for health,
 * and shares the base URL (`inject('baseUrl')`). With `SLRT_E2E_BASE_URL` set, uses that
 * server instead (a developer's running instance, with demo users).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.SLRT_E2E_BASE_URL;
  if (external) {
    const baseUrl = external.replace(/\/$/, '');
    await waitForHealth(baseUrl, null, () => '');
    await assertServesWebApp(baseUrl);
    project.provide('baseUrl', baseUrl);
    return async () => {};
  }

  if (!existsSync(path.join(REPO, 'packages/web/dist/index.html'))) {
    throw new Error('packages/web/dist is missing: run `npm run build -w @slrt/web` first (`npm run test:e2e` does)');
  }

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'slrt-e2e-'));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  const child = spawn(process.execPath, ['packages/server/src/cli/main.ts', 'serve', '--demo'], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production',
      // every test signs in from 127.0.0.1: the per-address sign-in limit is for real clients
      LOGIN_RATE_LIMIT: '10000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  // `localhost` rather than 127.0.0.1: a secure context, as the app has in production (HTTPS).
  const baseUrl = `http://localhost:${port}`;
  const cleanup = async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => lines.join('\n'));
    await assertServesWebApp(baseUrl);
  } catch (error) {
    await cleanup();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  return cleanup;
}
