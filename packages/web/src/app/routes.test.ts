import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from './routes.tsx';

const SRC = new URL('../', import.meta.url);
/** Loaded up front (src/i18n/catalog.ts): a route need not name them. */
const EAGER = new Set(['common', 'auth']);

interface Usage {
  /** Namespaces of `useT('<ns>')` calls. */
  used: Set<string>;
  /** Namespaces the page preloads itself (`usePreloadNamespaces([... '<ns>' ...])`), for a rare branch. */
  preloaded: Set<string>;
}

/**
 * How a page and the modules it imports (followed through relative imports) use namespaces,
 * leaving out the shell (app/, i18n/: common only) that every page shares.
 */
function namespacesOf(file: URL, seen = new Set<string>(), usage: Usage = { used: new Set(), preloaded: new Set() }): Usage {
  if (seen.has(file.href) || !existsSync(file) || /\/src\/(app|i18n)\//.test(file.pathname)) return usage;
  seen.add(file.href);
  const source = readFileSync(file, 'utf8');
  for (const [, namespace = ''] of source.matchAll(/\buseT\('(\w+)'\)/g)) if (!EAGER.has(namespace)) usage.used.add(namespace);
  for (const [, args = ''] of source.matchAll(/\busePreloadNamespaces\(([^;]*)\)/g)) {
    for (const [, namespace = ''] of args.matchAll(/'(\w+)'/g)) usage.preloaded.add(namespace);
  }
  for (const [, path = ''] of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+\.tsx?)'/g)) namespacesOf(new URL(path, file), seen, usage);
  return usage;
}

describe('route table', () => {
  it('gives every route exactly one access rule', () => {
    const wrong = ROUTES.filter(
      (r) => [r.public, r.open, r.anyUser, r.permission, r.roles].filter((rule) => rule !== undefined).length !== 1,
    ).map((r) => r.path);
    expect(wrong).toEqual([]);
  });

  it('has unique paths', () => {
    const paths = ROUTES.map((r) => r.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
  });

  it('puts nothing but the sign-in page outside sign-in', () => {
    expect(ROUTES.filter((r) => r.public).map((r) => r.path)).toEqual(['/masuk']);
  });

  it('opens to everyone only the public service pages (tracking, letter verification)', () => {
    expect(ROUTES.filter((r) => r.open).map((r) => r.path).sort()).toEqual(['/lacak', '/lacak-rujukan/:code', '/tautan-rujukan/:token', '/verifikasi/:token']);
  });

  it('names the namespaces each lazy page uses, so that they load with its code', () => {
    // The page of each line of the table, as the table's source names it.
    const table = readFileSync(new URL('routes.tsx', import.meta.url), 'utf8');
    const pages = new Map([...table.matchAll(/\{ path: '([^']+)', component: lazy\(\(\) => import\('([^']+)'\)/g)].map(([, path = '', page = '']) => [path, new URL(page, new URL('app/', SRC))]));
    expect(pages.size).toBeGreaterThan(0);
    // Every namespace the page uses, except one it preloads itself; none it does not use.
    const wrong = [...pages].flatMap(([path, page]) => {
      const declared = new Set(ROUTES.find((r) => r.path === path)?.namespaces ?? []);
      const { used, preloaded } = namespacesOf(page);
      const missing = [...used].filter((ns) => !declared.has(ns as never) && !preloaded.has(ns));
      const unused = [...declared].filter((ns) => !used.has(ns));
      return missing.length + unused.length === 0 ? [] : [{ path, missing, unused }];
    });
    expect(wrong).toEqual([]);
  });
});
