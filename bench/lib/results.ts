import type { LatencySummary } from './stats.ts';
import type { Engine } from './protocol.ts';

/** What one side of a comparison measured. */
export interface Metrics {
  /** Operations per second (rows/s, requests/s, queries/s, cases/s). */
  opsPerSec: number | null;
  unit: string;
  latency?: LatencySummary;
  /** Wall time of a one-shot operation (an import). */
  totalMs?: number;
  count?: number;
  /** Concurrency: HTTP connections, or 1 for sequential calls. */
  connections?: number;
  /** Peak RSS of the server process while this ran (MiB). */
  peakRssMiB?: number;
  /** CPU time per operation (ms): the server process, and the PostgreSQL processes. */
  cpuMsPerOp?: { server: number; db?: number };
  errors?: number;
  note?: string;
}

export interface Budget {
  text: string;
  /** null: could not be judged (not measured). */
  met: boolean | null;
}

/** One line of a result table: a measurement beside its ceiling. */
export interface Row {
  key: string;
  label: string;
  measured: Metrics | null;
  ceiling: (Metrics & { label: string }) | null;
  /** measured.opsPerSec / ceiling.opsPerSec */
  ratio: number | null;
  budgets: Budget[];
  /** Why a figure is missing, or what limits it. */
  note?: string;
}

export type SectionId = 'import' | 'lookup-db' | 'lookup-http' | 'breakdown' | 'intake' | 'backoffice';

export interface RunResult {
  engine: Engine;
  persons: number;
  engineVersion: string;
  startedAt: string;
  durationS: number;
  loadBefore: number;
  loadAfter: number;
  otherProcesses: string[];
  /** Where the people came from (the registry's generator and import, or a stand-in). */
  dataSource: string;
  sections: Record<SectionId, Row[]>;
  /** Server memory when idle after start-up and after the data was loaded (MiB). */
  idleRssMiB: number;
  loadedRssMiB: number;
  /** Data on disk: tables and indexes (MiB), and the rows that exist. */
  dataSizes: Array<{ name: string; rows: number | null; sizeMiB: number | null }>;
  plans: Array<{ title: string; plan: string }>;
  notes: string[];
}

export function ratioOf(measured: Metrics | null, ceiling: Metrics | null): number | null {
  if (!measured?.opsPerSec || !ceiling?.opsPerSec) return null;
  return measured.opsPerSec / ceiling.opsPerSec;
}

export function emptySections(): Record<SectionId, Row[]> {
  return { import: [], 'lookup-db': [], 'lookup-http': [], breakdown: [], intake: [], backoffice: [] };
}
