import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildEnv, ReadyMessage, RpcResponse } from './protocol.ts';
import { RssMonitor } from './rss.ts';
import { cpuSince, postgresCpuMs, processCpuMs } from './cpu.ts';

const CHILD = fileURLToPath(new URL('../server-process.ts', import.meta.url));

/** The parent's handle on the server process: RPC, ports and its memory. */
export class ServerProcess {
  readonly child: ChildProcess;
  readonly ready: ReadyMessage;
  readonly rss: RssMonitor;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exited = false;

  private constructor(child: ChildProcess, ready: ReadyMessage) {
    this.child = child;
    this.ready = ready;
    this.rss = new RssMonitor(child.pid!);
    child.on('message', (msg: RpcResponse) => {
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(msg.error));
      else w.resolve(msg.result);
    });
    child.on('exit', (code) => {
      this.exited = true;
      for (const w of this.waiting.values()) w.reject(new Error(`server process exited (${code})`));
      this.waiting.clear();
    });
  }

  static async start(env: ChildEnv, opts: { maxOldSpaceMiB?: number } = {}): Promise<ServerProcess> {
    const child = fork(CHILD, [], {
      env: { ...process.env, SLRT_BENCH_CHILD: JSON.stringify(env), NODE_ENV: 'production' },
      // SLRT_BENCH_CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server
      execArgv: [
        ...(opts.maxOldSpaceMiB ? [`--max-old-space-size=${opts.maxOldSpaceMiB}`] : []),
        ...(process.env.SLRT_BENCH_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`server process exited during start-up (${code})`));
      child.once('exit', onExit);
      child.once('error', reject);
      child.on('message', function onMsg(msg: ReadyMessage) {
        if (!msg.ready) return;
        child.off('message', onMsg);
        child.off('exit', onExit);
        resolve(msg);
      });
    });
    return new ServerProcess(child, ready);
  }

  get url(): string {
    return `http://127.0.0.1:${this.ready.port}`;
  }

  get bareUrl(): string {
    return `http://127.0.0.1:${this.ready.barePort}`;
  }

  call<T>(method: string, args: unknown = {}): Promise<T> {
    if (this.exited) return Promise.reject(new Error('server process has exited'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, method, args });
    });
  }

  query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.call<R[]>('query', { sql, params });
  }

  /**
   * Runs `fn` and reports the server's peak RSS (MiB) during it, and the CPU time (ms) the
   * server process and the PostgreSQL processes spent meanwhile.
   */
  async measured<T>(fn: () => Promise<T>): Promise<{ value: T; peakRssMiB: number; serverCpuMs: number; dbCpuMs: number }> {
    // PostgreSQL: the backends serving this database only (other databases of the server, e.g.
    // other test runs, are not ours); PGlite runs inside the server process
    const backends = async () => new Set(await this.call<number[]>('backendPids'));
    const before = await backends();
    this.rss.start();
    const cpu0 = processCpuMs(this.child.pid!);
    const db0 = postgresCpuMs(before);
    try {
      const value = await fn();
      const after = await backends();
      return { value, peakRssMiB: this.rss.stop(), serverCpuMs: processCpuMs(this.child.pid!) - cpu0, dbCpuMs: cpuSince(db0, after) };
    } catch (err) {
      this.rss.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 60_000);
    await gone;
    clearTimeout(timer);
  }
}
