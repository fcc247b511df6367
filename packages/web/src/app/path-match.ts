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
