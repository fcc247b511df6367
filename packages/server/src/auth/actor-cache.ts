import type { SessionActorRow } from './queries.ts';

/**
 * A few seconds' memory of who holds a session or token, so that a busy officer's requests
 * do not each cost a session lookup. Any change to users, roles, sessions or tokens in this
 * process empties it at once (the query functions that make those changes call
 * `forgetActors`); another server process on the same PostgreSQL database sees the change
 * after at most TTL_MS.
 */
export const ACTOR_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { row: SessionActorRow; until: number }>();

export function cachedActor(key: string): SessionActorRow | null {
  const hit = cache.get(key);
  if (!hit) return null;
  if (hit.until < Date.now()) {
    cache.delete(key);
    return null;
  }
  return hit.row;
}

export function rememberActor(key: string, row: SessionActorRow): void {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { row, until: Date.now() + ACTOR_CACHE_TTL_MS });
}

export function forgetActors(): void {
  cache.clear();
}
