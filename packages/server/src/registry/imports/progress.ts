import { IMPORT_PHASES, type ImportPhase, type ImportPhaseView } from '@slrt/core';

/**
 * What an import is doing right now, phase by phase, and how long it will still take: kept by
 * the process that runs the import (the API of that process shows it; another process shows
 * what the import's row has committed). Rows go through read, check and stage at once (the
 * file is read while workers check earlier rows and the database stages earlier chunks);
 * apply and index count the steps of the apply transaction.
 *
 * The time left is the rows still to stage at the rate staged so far, plus the apply and the
 * index build estimated from the staging time: APPLY_SHARE and INDEX_SHARE of the staging's
 * own time (measured on the bench, docs/benchmarks.md), then, once there, step by step.
 */

/** The apply's time as a share of the staging's (bench at 200,000 people, both engines). */
const APPLY_SHARE = 0.6;
/** The index build and ANALYZE as a share of the staging's time. */
const INDEX_SHARE = 0.5;

export class ImportTracker {
  readonly startedAt = performance.now();
  phase: ImportPhase = 'read';
  rowsTotal: number | null;
  /** Rows done by an earlier run: they count as read, checked and staged. */
  readonly rowsBefore: number;
  read: number;
  checked: number;
  staged: number;
  private stageStartedAt: number | null = null;
  private stageEndedAt: number | null = null;
  private readonly steps: Record<'apply' | 'index', { done: number; total: number; startedAt: number | null }> = {
    apply: { done: 0, total: 1, startedAt: null },
    index: { done: 0, total: 1, startedAt: null },
  };
  /** Milliseconds spent in each phase (the row phases overlap: stage counts from the first row). */
  readonly phaseMs: Partial<Record<ImportPhase | 'review', number>> = {};
  /** Milliseconds of each named step of the apply and index phases (the bench prints them). */
  readonly stepMs: Record<string, number> = {};
  private lastStepAt = 0;

  constructor(rowsTotal: number | null, rowsBefore: number) {
    this.rowsTotal = rowsTotal;
    this.rowsBefore = rowsBefore;
    this.read = this.checked = this.staged = rowsBefore;
  }

  /** Rows read from the file (the main thread), checked (the workers), staged (committed). */
  rows(kind: 'read' | 'checked' | 'staged', n: number): void {
    if (this.stageStartedAt === null) this.stageStartedAt = performance.now();
    this[kind] = n;
    if (kind === 'staged') this.phaseMs.stage = performance.now() - this.stageStartedAt;
    if (this.phase === 'apply' || this.phase === 'index') return;
    // the earliest of the three that has rows left (the file's end makes the count exact)
    const left = (n: number) => this.rowsTotal === null || n < this.rowsTotal;
    this.phase = left(this.read) ? 'read' : left(this.checked) ? 'check' : 'stage';
  }

  /** The file is read to its end: its rows are all there are. */
  readAll(rows: number): void {
    this.rowsTotal = rows;
    this.rows('read', rows);
  }

  /** The apply or index phase begins, with this many steps. */
  begin(phase: 'apply' | 'index', total: number): void {
    if (this.stageEndedAt === null) this.stageEndedAt = performance.now();
    this.phase = phase;
    this.steps[phase] = { done: 0, total, startedAt: performance.now() };
    this.lastStepAt = performance.now();
  }

  /** One step of the phase done; `name` times it (since the phase began or the step before). */
  step(phase: 'apply' | 'index', name?: string): void {
    const s = this.steps[phase];
    s.done = Math.min(s.total, s.done + 1);
    const now = performance.now();
    if (s.startedAt !== null) this.phaseMs[phase] = now - s.startedAt;
    if (name) this.stepMs[`${phase}.${name}`] = now - this.lastStepAt;
    this.lastStepAt = now;
  }

  /** A phase outside the five (the likely-duplicates review after the import), timed. */
  async timed<T>(name: 'review', fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.phaseMs[name] = performance.now() - t0;
    }
  }

  view(): { phase: ImportPhase; phases: ImportPhaseView[]; secondsLeft: number | null } {
    const total = this.rowsTotal;
    const phases: ImportPhaseView[] = IMPORT_PHASES.map((phase) => {
      if (phase === 'apply' || phase === 'index') {
        const s = this.steps[phase];
        return { phase, done: s.done, total: s.total };
      }
      return { phase, done: phase === 'read' ? this.read : phase === 'check' ? this.checked : this.staged, total };
    });
    return { phase: this.phase, phases, secondsLeft: this.secondsLeft() };
  }

  private secondsLeft(): number | null {
    const now = performance.now();
    if (this.stageStartedAt === null || this.rowsTotal === null) return null;
    const newRows = this.staged - this.rowsBefore;
    const stageEnd = this.stageEndedAt ?? now;
    const stageMs = stageEnd - this.stageStartedAt;
    if (newRows <= 0 || stageMs <= 0) return null;
    // the whole staging's time, as far as it can be told from the rows staged so far
    const stagingMs = (stageMs / newRows) * Math.max(1, this.rowsTotal - this.rowsBefore);
    const leftOf = (phase: 'apply' | 'index', share: number) => {
      const s = this.steps[phase];
      const estimate = stagingMs * share;
      if (s.startedAt === null) return estimate;
      const spent = now - s.startedAt;
      // once in the phase: its steps done so far tell how long the rest takes, never less than a second's tenth
      const byStep = s.done > 0 ? (spent / s.done) * (s.total - s.done) : Math.max(0, estimate - spent);
      return Math.max(100, byStep);
    };
    let ms = 0;
    if (this.stageEndedAt === null) ms += Math.max(0, stagingMs - stageMs);
    if (this.phase !== 'index') ms += leftOf('apply', APPLY_SHARE);
    ms += leftOf('index', INDEX_SHARE);
    return Math.ceil(ms / 1000);
  }
}

/** The imports this process runs now, by id. */
const live = new Map<string, ImportTracker>();

export function trackImport(id: string, tracker: ImportTracker): () => void {
  live.set(id, tracker);
  return () => {
    if (live.get(id) === tracker) live.delete(id);
  };
}

export function liveProgress(id: string): ImportTracker | undefined {
  return live.get(id);
}
