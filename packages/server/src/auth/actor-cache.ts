import type { Db, Tx } from '../db/database.ts';
import type { Col, Cols, With } from '../db/rows.ts';
import type { RoleGrant } from '@slrt/core';

export type GrantRow = With<Cols<'user_roles', 'role' | 'area_code' | 'organization_id'>, { role: RoleGrant['role'] }>;

export type SessionActorRow = Cols<'sessions', 'user_id'> & Cols<'users', 'kab_code' | 'username' | 'display_name'> & {
  csrf_token: Col<'sessions', 'csrf_token'> | null;
  last_seen_at: Col<'sessions', 'last_seen_at'> | null;
  grants: GrantRow[];
  /** For a bearer token: its id and its scopes (the permissions it may use). */
  token_id: Col<'api_tokens', 'id'> | null;
  scopes: Col<'api_tokens', 'scopes'> | null;
};

/**
 * A few seconds' memory of who holds a session or token, so that a busy officer's requests
 * do not each cost a session lookup. One cache per database handle (one per server process).
 *
 * Any change to users, roles, sessions or tokens calls `invalidateActors(db, tx)` inside its
 * transaction: once the transaction COMMITS, this process's cache is emptied and every other
 * server process is told through the database's notification channel (LISTEN/NOTIFY on
 * PostgreSQL), so a revoked token or an ended session fails everywhere at once. Emptying
 * after the commit, not before, matters: a request in flight could otherwise re-cache the old
 * row. The TTL stays as a backstop should a notification be lost (the channel also empties
 * the cache when its connection drops).
 */
export const ACTOR_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const TOPIC = 'cache.actors';

export class ActorCache {
  private readonly entries = new Map<string, { row: SessionActorRow; until: number }>();
  /** Bumped by every invalidation: a lookup that started before one must not be cached. */
  private generation = 0;

  get(key: string): SessionActorRow | null {
    const hit = this.entries.get(key);
    if (!hit) return null;
    if (hit.until < Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return hit.row;
  }

  /** The generation to pass to `set` once the row is read. */
  snapshot(): number {
    return this.generation;
  }

  set(key: string, row: SessionActorRow, generation: number): void {
    if (generation !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { row, until: Date.now() + ACTOR_CACHE_TTL_MS });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

const caches = new WeakMap<Db, ActorCache>();

/** This process's actor cache for `db`, listening for invalidations from every process. */
export function actorCacheOf(db: Db): ActorCache {
  let cache = caches.get(db);
  if (!cache) {
    const c = new ActorCache();
    db.notify.subscribe(TOPIC, () => c.clear());
    caches.set(db, (cache = c));
  }
  return cache;
}

/** Empties every process's actor cache once `q` commits (at once when `q` is the database). */
export function invalidateActors(q: Tx | Db): Promise<void> {
  return q.notify.publish(q, TOPIC, '*');
}
