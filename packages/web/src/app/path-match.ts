/** Path parameters captured by `:name` segments. */
export type PathParams = Readonly<Record<string, string>>;

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/**
 * Matches a pattern such as `/admin/pengguna/:id` against a pathname. Returns the captured
 * parameters, or null. Trailing slashes do not matter; segments compare exactly.
 */
export function matchPath(pattern: string, pathname: string): PathParams | null {
  const want = segments(pattern);
  const have = segments(pathname);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

/** A same-origin path that is safe to send the user to after sign-in (no `//evil.example`). */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

/**
 * Whether a link to `to` points at the page being shown, for `aria-current`. The paths must be
 * the same; a link with a query (tabs of one page: `/usulan?daftar=mine`) also needs each of its
 * parameters to have the same value(s) in the current query, where more parameters (a filter
 * added by the page) do not matter. A link without a query is current on its path whatever the
 * query (the menu's `/kasus` on `/kasus?daftar=open`).
 */
export function isCurrentLink(to: string, current: { pathname: string; search: string }): boolean {
  const withoutHash = to.split('#', 1)[0] ?? '';
  const at = withoutHash.indexOf('?');
  const path = at === -1 ? withoutHash : withoutHash.slice(0, at);
  if (segments(path).join('/') !== segments(current.pathname).join('/')) return false;
  if (at === -1) return true;
  const wanted = new URLSearchParams(withoutHash.slice(at + 1));
  const actual = new URLSearchParams(current.search);
  return [...new Set(wanted.keys())].every((key) => sameValues(wanted.getAll(key), actual.getAll(key)));
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  const sortedB = [...b].sort();
  return a.length === b.length && [...a].sort().every((v, i) => v === sortedB[i]);
}
