import {
  BITFLAG_LISTS, codeList, fromRegsosek, setFromBitflags, type BitflagListName, type CodeListName,
} from '@slrt/core';

/**
 * Cell values of an import file read into domain values: codes from our code, the Regsosek
 * number or the label (Indonesian or English), sets from a Regsosek bit-flag sum or a list of
 * codes, dates in the usual spreadsheet spellings, yes/no in Indonesian. A reader returns
 * `undefined` for an empty cell and `null` for a value it cannot read.
 */

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_\-/.]+/g, ' ').trim();

/** Spellings met in DTKS/P3KE extracts that are not our labels. */
const EXTRA: Partial<Record<CodeListName, Record<string, string>>> = {
  relationship: {
    'kepala keluarga': 'head', 'kepala rumah tangga': 'head', krt: 'head', kk: 'head', kepala: 'head',
    istri: 'spouse', suami: 'spouse', 'istri suami': 'spouse', 'suami istri': 'spouse', pasangan: 'spouse',
    anak: 'child', 'anak kandung': 'child', 'anak angkat': 'child', 'anak tiri': 'child', menantu: 'child_in_law', cucu: 'grandchild',
    'orang tua': 'parent_or_in_law', mertua: 'parent_or_in_law', 'orang tua mertua': 'parent_or_in_law',
    pembantu: 'domestic_worker', 'pembantu rumah tangga': 'domestic_worker', sopir: 'domestic_worker', lainnya: 'other', 'famili lain': 'other',
  },
  marital_status: { 'belum kawin': 'single', kawin: 'married', nikah: 'married', 'cerai hidup': 'divorced', 'cerai mati': 'widowed', janda: 'widowed', duda: 'widowed' },
  disability_severity: { tidak: 'none', 'tidak ada': 'none', sedikit: 'some', banyak: 'a_lot', 'tidak bisa': 'cannot' },
};

const lookups = new Map<CodeListName, Map<string, string>>();

function lookupOf(list: CodeListName): Map<string, string> {
  let map = lookups.get(list);
  if (!map) {
    map = new Map();
    for (const e of codeList(list)) {
      map.set(norm(e.code), e.code);
      map.set(norm(e.id), e.code);
      map.set(norm(e.en), e.code);
    }
    for (const [k, v] of Object.entries(EXTRA[list] ?? {})) map.set(norm(k), v);
    lookups.set(list, map);
  }
  return map;
}

/**
 * The readers' results by list and cell text. An import file repeats the same few spellings
 * in every row, and normalizing each cell again (regular expressions, label lookups) was a
 * large part of the cost of a row. Bounded: a list's memo is emptied past MEMO_MAX entries.
 */
const MEMO_MAX = 10_000;
const codeMemos = new Map<CodeListName, Map<string, unknown>>();
const setMemos = new Map<CodeListName, Map<string, unknown>>();
const sexMemo = new Map<string, unknown>();
const yesNoMemo = new Map<string, unknown>();

function memoOf(memos: Map<CodeListName, Map<string, unknown>>, list: CodeListName): Map<string, unknown> {
  let memo = memos.get(list);
  if (!memo) memos.set(list, (memo = new Map()));
  return memo;
}

function memoized<T>(memo: Map<string, unknown>, raw: string, read: () => T): T {
  const hit = memo.get(raw);
  if (hit !== undefined) return hit as T; // (an empty cell, undefined, is read again: it is quick)
  if (memo.size >= MEMO_MAX) memo.clear();
  const value = read();
  memo.set(raw, value);
  return value;
}

/** One code of a single-choice list. */
export function readCode(list: CodeListName, raw: string): string | null | undefined {
  if (raw === '') return undefined;
  return memoized(memoOf(codeMemos, list), raw, () => readCodeOnce(list, raw));
}

function readCodeOnce(list: CodeListName, raw: string): string | null | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (/^\d+$/.test(s) && !(BITFLAG_LISTS as readonly string[]).includes(list)) {
    const byNumber = fromRegsosek(list, Number(s));
    if (byNumber !== null) return byNumber;
  }
  return lookupOf(list).get(norm(s)) ?? null;
}

/** A set of codes: a Regsosek bit-flag sum (bit-flag lists), or codes/labels separated by `;`, `,` or `|`. */
export function readCodeSet(list: CodeListName, raw: string): string[] | null | undefined {
  if (raw === '') return undefined;
  const set = memoized(memoOf(setMemos, list), raw, () => readCodeSetOnce(list, raw));
  return set ? [...set] : set; // a copy: the caller owns its array
}

function readCodeSetOnce(list: CodeListName, raw: string): string[] | null | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (/^\d+$/.test(s) && (BITFLAG_LISTS as readonly string[]).includes(list)) return setFromBitflags(list as BitflagListName, Number(s));
  if (s === '-' || ['tidak ada', 'none', 'tidak'].includes(norm(s))) return [];
  const codes: string[] = [];
  for (const part of s.split(/[;,|]/)) {
    if (part.trim() === '') continue;
    const code = lookupOf(list).get(norm(part));
    if (!code) return null;
    if (!codes.includes(code)) codes.push(code);
  }
  // keep form order, so that the same set always reads the same
  const order = codeList(list).map((e) => e.code);
  return codes.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export function readSex(raw: string): 'M' | 'F' | null | undefined {
  if (raw === '') return undefined;
  return memoized(sexMemo, raw, () => readSexOnce(raw));
}

function readSexOnce(raw: string): 'M' | 'F' | null | undefined {
  const s = norm(raw);
  if (s === '') return undefined;
  if (['l', 'm', '1', 'laki laki', 'lakilaki', 'laki', 'pria', 'male'].includes(s)) return 'M';
  if (['p', 'f', '2', 'perempuan', 'wanita', 'female'].includes(s)) return 'F';
  return null;
}

/** Regsosek codes yes = 1, no = 2 (and 0 = no in some extracts). */
export function readYesNo(raw: string): boolean | null | undefined {
  if (raw === '') return undefined;
  return memoized(yesNoMemo, raw, () => readYesNoOnce(raw));
}

function readYesNoOnce(raw: string): boolean | null | undefined {
  const s = norm(raw);
  if (s === '') return undefined;
  if (['ya', 'y', 'yes', '1', 'true', 'ada'].includes(s)) return true;
  if (['tidak', 't', 'no', 'n', '2', '0', 'false', 'tidak ada'].includes(s)) return false;
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `YYYY-MM-DD`, `DD-MM-YYYY`, `DD/MM/YYYY`, `YYYY/MM/DD`, or a spreadsheet date serial from a
 * numeric cell (days since 1899-12-30). Null for anything else or a date that does not exist.
 */
export function readDate(raw: string, numeric = false): string | null | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if (numeric && /^\d{1,6}(\.\d+)?$/.test(s)) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  const check = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function readInt(raw: string, min: number, max: number): number | null | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (!/^\d+(\.0+)?$/.test(s)) return null;
  const n = Number.parseInt(s, 10);
  return n >= min && n <= max ? n : null;
}

export function readDecimal(raw: string): number | null | undefined {
  const s = raw.trim().replace(',', '.');
  if (s === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/**
 * A NIK or KK cell as text. `suspicious` when a spreadsheet number has mangled it: scientific
 * notation, a `.0` tail, or 16 digits ending in 0 from a numeric cell (only 15 digits survive).
 */
export function readNumberText(raw: string, numeric: boolean): { value: string; suspicious: boolean } | undefined {
  let s = raw.trim().replace(/^'/, '');
  if (s === '') return undefined;
  if (/^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/.test(s) || /^\d+[.,]0+$/.test(s)) return { value: s, suspicious: true };
  s = s.replace(/[\s.-]/g, '');
  return { value: s, suspicious: numeric && /^\d{16}$/.test(s) && s.endsWith('0') };
}
