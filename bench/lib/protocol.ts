/** Messages between the benchmark (parent) and the server process it measures (child). */
export interface RpcRequest {
  id: number;
  method: string;
  args: unknown;
}

export interface RpcResponse {
  id: number;
  result?: unknown;
  error?: string;
}

export interface ReadyMessage {
  ready: true;
  /** The real app (buildApp). */
  port: number;
  /** The ceiling: a minimal Fastify app doing the bare queries through the same Db. */
  barePort: number;
  engineVersion: string;
}

export type Engine = 'pglite' | 'postgres';

export interface ChildEnv {
  engine: Engine;
  /** postgres: connection string of the bench database; pglite: data folder. */
  target: string;
  kabupaten: string;
}

/** Latency samples of N sequential calls made inside the server process. */
export interface SeqTiming {
  samplesMs: number[];
  totalMs: number;
  errors: number;
  firstError?: string;
}
