import type { Deps } from '../http/context.ts';

/** How to make a Cinunuk record for a route and return its path parameters (see scope-fixtures.ts). */
export type ScopeFixture = (t: { deps: Deps }) => Promise<Record<string, string>>;

/**
 * One scope fixture for every route of a record: `base` itself and `base/<sub>` for each
 * sub-path (its actions, its letters, ...), which all take the same parameters.
 */
export function recordRoutes(base: string, subPaths: readonly string[], fixture: ScopeFixture): Record<string, ScopeFixture> {
  return Object.fromEntries([base, ...subPaths.map((p) => `${base}/${p}`)].map((url) => [url, fixture]));
}
