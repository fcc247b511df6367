/**
 * Small-count suppression for statistics shown to readers without personal-data access (the
 * executive, the village head, the public): UU 27/2022 forbids re-identifying a resident from
 * an aggregate. Pure: no I/O; the server applies it before the answer leaves, the web shows the
 * markers as they are.
 *
 * - **Primary suppression**: a count between 1 and 4 is shown as `'<5'`. Zero stays 0 (an empty
 *   cell names nobody).
 * - **Complementary suppression**: where a published total is the sum of published parts
 *   (a group), a hidden cell must not be computable from the total and the cells still shown.
 *   Each hidden cell's possible values, as a reader knows them, are `1..4` for `'<5'` and
 *   `0 or 5 and more` for `'x'` (a reader knows that `'x'` is not 1..4). While some hidden cell
 *   of a group has exactly one possible value, the smallest non-zero shown part of that group is
 *   hidden as well (`'x'`); when no part is left, the total is hidden. Groups share cells
 *   (a table's columns and rows), so the rule runs until no group changes.
 */

/** The marker of a count between 1 and 4. */
export const SMALL_COUNT = '<5' as const;
/** The marker of a count hidden only so that a small count next to it cannot be computed. */
export const COMPLEMENT_HIDDEN = 'x' as const;
/** Counts from 1 to this value are hidden. */
export const SMALL_COUNT_MAX = 4;

/** A count as a reader without personal-data access sees it. */
export type ShownCount = number | typeof SMALL_COUNT | typeof COMPLEMENT_HIDDEN;

/**
 * A view as counted, before suppression: every `ShownCount` inside `T` a plain number (other
 * fields as they are).
 */
export type Counted<T> = T extends string | number | boolean | null | undefined
  ? T extends typeof SMALL_COUNT | typeof COMPLEMENT_HIDDEN ? never : T
  : { [K in keyof T]: Counted<T[K]> };

/** A published total and the published parts that add up to it (keys into the cells). */
export interface CountGroup {
  total: string;
  parts: readonly string[];
}

export function isSmallCount(n: number): boolean {
  return n >= 1 && n <= SMALL_COUNT_MAX;
}

/** A count as a number where it is shown, `null` where it is hidden. */
export function shownNumber(c: ShownCount): number | null {
  return typeof c === 'number' ? c : null;
}

// Sets of integers as sorted, disjoint, non-adjacent inclusive intervals (bounds may be infinite).
type Interval = readonly [number, number];
type IntSet = readonly Interval[];

function normalize(set: Interval[]): IntSet {
  const sorted = set.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function plus(x: IntSet, y: IntSet): IntSet {
  const out: Interval[] = [];
  for (const [a, b] of x) for (const [c, d] of y) out.push([a + c, b + d]);
  return normalize(out);
}

function negate(x: IntSet): IntSet {
  return normalize(x.map(([a, b]) => [-b, -a] as const));
}

/** How many integers lie in both sets: 0, 1, or 2 (meaning two or more). */
function commonCount(x: IntSet, y: IntSet): number {
  let n = 0;
  for (const [a, b] of x) {
    for (const [c, d] of y) {
      const lo = Math.max(a, c);
      const hi = Math.min(b, d);
      if (lo <= hi) n += hi === lo ? 1 : 2;
      if (n >= 2) return 2;
    }
  }
  return n;
}

const SMALL_DOMAIN: IntSet = [[1, SMALL_COUNT_MAX]];
const COMPLEMENT_DOMAIN: IntSet = [[0, 0], [SMALL_COUNT_MAX + 1, Infinity]];
const point = (n: number): IntSet => [[n, n]];

/**
 * The cells of one view with small counts and their complements hidden. `cells` holds every
 * count of the view by key; `groups` the additive relations a reader could use (each total and
 * each part must be a key of `cells`). Returns the shown value of every cell.
 */
export function suppressSmallCounts(cells: ReadonlyMap<string, number>, groups: readonly CountGroup[]): Map<string, ShownCount> {
  const shown = new Map<string, ShownCount>();
  for (const [key, n] of cells) shown.set(key, isSmallCount(n) ? SMALL_COUNT : n);
  const value = (key: string): number => {
    const n = cells.get(key);
    if (n === undefined) throw new Error(`suppressSmallCounts: group names an unknown cell ${key}`);
    return n;
  };
  const domain = (key: string): IntSet => {
    const s = shown.get(key);
    return s === SMALL_COUNT ? SMALL_DOMAIN : s === COMPLEMENT_HIDDEN ? COMPLEMENT_DOMAIN : point(value(key));
  };
  const hidden = (key: string) => typeof shown.get(key) !== 'number';

  /** True when some hidden cell of the group has exactly one value the reader could compute. */
  const exposes = (g: CountGroup): boolean => {
    const vars = [...g.parts.map((k) => ({ key: k, sign: 1 })), { key: g.total, sign: -1 }];
    if (!vars.some((v) => hidden(v.key))) return false;
    // sum(parts) - total = 0: each variable's value is fixed by the others' possible sums
    for (const v of vars) {
      if (!hidden(v.key)) continue;
      let others: IntSet = point(0);
      for (const o of vars) {
        if (o === v) continue;
        others = plus(others, o.sign === 1 ? domain(o.key) : negate(domain(o.key)));
      }
      const possible = v.sign === 1 ? negate(others) : others;
      if (commonCount(domain(v.key), possible) === 1) return true;
    }
    return false;
  };

  for (const g of groups) for (const k of [g.total, ...g.parts]) value(k);
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of groups) {
      while (exposes(g)) {
        const candidates = g.parts.filter((k) => !hidden(k) && value(k) > 0).sort((a, b) => value(a) - value(b) || (a < b ? -1 : 1));
        const next = candidates[0] ?? (hidden(g.total) ? undefined : g.total);
        if (next === undefined) break;
        shown.set(next, COMPLEMENT_HIDDEN);
        changed = true;
      }
    }
  }
  return shown;
}
