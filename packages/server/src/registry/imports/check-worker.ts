import { parentPort, workerData } from 'node:worker_threads';
import type { CanonicalColumn } from './columns.ts';
import type { Cell } from './read-file.ts';
import { parseImportRow, type ImportedRow, type RowContext, type RowError } from './row.ts';
import { stageCsv, stageKeys, type StageKeys } from './stage-csv.ts';

/**
 * A worker thread of an import (check-pool.ts): checks chunks of rows as the main thread read
 * them, and writes the staging CSV of the good ones (bulk path) or hands them back (batch path).
 * The same parseImportRow and stageCsv as ever: only the thread differs.
 */

export interface CheckInit {
  columns: Array<CanonicalColumn | null>;
  villages: string[];
  bps: Array<[string, string]>;
  regions: string[];
  desilSource?: string | undefined;
  desilDate?: string | undefined;
  /** 'stage': the staging CSV (and the keys when `keys`); 'rows': the checked rows themselves. */
  mode: 'stage' | 'rows';
  keys: boolean;
}

/**
 * One row as read: its cells packed into one string (each cell a '0'/'1' numeric flag and its
 * text, cells apart by NUL), or as cells when a text holds a NUL itself, or the read error.
 */
export type PackedRow =
  | { rowNo: number; packed: string }
  | { rowNo: number; cells: Cell[] }
  | { rowNo: number; error: { key: string; params?: Record<string, string | number> } };

export interface CheckedChunk {
  seq: number;
  ok: number;
  errors: Array<RowError & { rowNo: number }>;
  /** The staging CSV, UTF-8 (stage-csv.ts). */
  csv?: Uint8Array;
  keys?: StageKeys;
  rows?: ImportedRow[];
}

export function packRow(rowNo: number, cells: readonly Cell[]): PackedRow {
  let packed = '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    // a cell the sheet does not have (XLSX), or a text with a NUL: the cells as they are
    if (!c || c.text.includes('\0')) return { rowNo, cells: [...cells] };
    packed += `${i ? '\0' : ''}${c.numeric ? '1' : '0'}${c.text}`;
  }
  return { rowNo, packed };
}

function unpack(packed: string): Cell[] {
  if (packed === '') return [];
  return packed.split('\0').map((p) => ({ text: p.slice(1), numeric: p.charCodeAt(0) === 49 }));
}

/** The checks of one import run, in whichever thread: a chunk of rows in, its outcome out. */
export function chunkChecker(init: CheckInit): (seq: number, rows: readonly PackedRow[]) => CheckedChunk {
  const regions = new Set(init.regions);
  const ctx: RowContext = {
    villages: new Set(init.villages), bps: new Map(init.bps),
    knownRegion: (code) => (regions.size === 0 ? undefined : regions.has(code)),
    desilSource: init.desilSource, desilDate: init.desilDate,
  };
  return (seq, packedRows) => {
    const rows: ImportedRow[] = [];
    const errors: Array<RowError & { rowNo: number }> = [];
    for (const r of packedRows) {
      if ('error' in r) {
        // a row that could not be read (too long, NUL, unclosed quote): rejected as that row
        errors.push({ column: '', key: r.error.key, params: r.error.params ?? {}, rowNo: r.rowNo });
        continue;
      }
      const sheetCells = 'packed' in r ? unpack(r.packed) : r.cells;
      const cells: Partial<Record<CanonicalColumn, Cell>> = {};
      for (let i = 0; i < init.columns.length; i++) {
        const column = init.columns[i], cell = sheetCells[i];
        if (column && cell) cells[column] = cell;
      }
      const parsed = parseImportRow(r.rowNo, cells, ctx);
      if (parsed.row) rows.push(parsed.row);
      for (const e of parsed.errors) errors.push({ ...e, rowNo: r.rowNo });
    }
    return init.mode === 'rows'
      ? { seq, ok: rows.length, errors, rows }
      : { seq, ok: rows.length, errors, csv: stageCsv(rows), ...(init.keys ? { keys: stageKeys(rows) } : {}) };
  };
}

/** What the pool sends a worker: a run's context, a chunk of it, or its end. */
export type CheckMessage =
  | { kind: 'open'; run: number; init: CheckInit }
  | { kind: 'check'; run: number; seq: number; rows: PackedRow[] }
  | { kind: 'close'; run: number };

if (parentPort && workerData === 'slrt-import-check') {
  const port = parentPort;
  const runs = new Map<number, ReturnType<typeof chunkChecker>>();
  port.on('message', (msg: CheckMessage) => {
    if (msg.kind === 'open') runs.set(msg.run, chunkChecker(msg.init));
    else if (msg.kind === 'close') runs.delete(msg.run);
    else {
      try {
        port.postMessage({ run: msg.run, chunk: runs.get(msg.run)!(msg.seq, msg.rows) });
      } catch (err) {
        port.postMessage({ run: msg.run, seq: msg.seq, error: err instanceof Error ? err.message : String(err) });
      }
    }
  });
}
