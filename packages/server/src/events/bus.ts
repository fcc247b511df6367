import type { Actor } from '../access/actor.ts';
import type { Db, Queryable } from '../db/database.ts';
import { eventsAfter, insertLiveEvent, lastEventSeq, type LiveEvent, type LiveEventInput } from './queries.ts';

export { pruneEvents } from './queries.ts';

/**
 * Live events for the boards, across server processes.
 *
 * Choice: an outbox table polled by every process, not LISTEN/NOTIFY. A writer inserts the
 * event in the same transaction as its change (`publishEvent(tx, ...)`), so an event exists
 * exactly when the change committed. Each process polls `live_events` (one indexed query a
 * second while someone is subscribed) and fans out to its own SSE subscribers. This works
 * the same on PGlite and on PostgreSQL, needs no dedicated connection (our Db hands out
 * pooled connections only), and lets a reconnecting browser resume from `Last-Event-ID`.
 * A local publish pokes the poller, so the writing process's own subscribers hear at once;
 * other processes hear within a poll interval.
 *
 * Sequence gaps: a `bigserial` value is taken at insert but becomes visible at commit, so a
 * lower number can appear after a higher one. The poller advances its floor only over
 * contiguous numbers, and skips a gap after GAP_WAIT_MS (a rolled-back insert leaves a
 * permanent gap).
 */

export function publishEvent(q: Queryable, e: LiveEventInput): Promise<void> {
  return insertLiveEvent(q, e);
}

/** May `actor` see `event`? The same scope rules as the records it is about. */
export function eventVisibleTo(event: LiveEvent, actor: Actor): boolean {
  if (event.kab_code !== actor.kabCode) return false;
  if (event.user_id) return event.user_id === actor.userId;
  if (event.organization_id && actor.organizationsFor(event.permission).includes(event.organization_id)) return true;
  if (event.village_code && actor.coversArea(event.permission, event.village_code)) return true;
  return false;
}

const GAP_WAIT_MS = 5000;

type Listener = (event: LiveEvent) => void;

/** The fan-out of one process (one per Db): polls while anyone listens. */
export class EventHub {
  private readonly db: Db;
  private readonly listeners = new Set<Listener>();
  private floor = -1;
  private readonly seen = new Set<number>();
  private gapSince: { seq: number; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private again = false;
  pollMs: number;

  constructor(db: Db, pollMs = 1000) {
    this.db = db;
    this.pollMs = pollMs;
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Starts listening from now; resolves once the starting point is known. */
  async subscribe(listener: Listener): Promise<() => void> {
    if (this.floor < 0) this.floor = await lastEventSeq(this.db);
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => this.poke(), this.pollMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** Polls now (after a local commit), or once more after the poll in progress. */
  poke(): void {
    if (this.listeners.size === 0) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.poll()
      .catch(() => {
        // a failed poll (database restarting) is retried at the next interval
      })
      .finally(() => {
        this.polling = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  private async poll(): Promise<void> {
    const rows = await eventsAfter(this.db, this.floor);
    for (const e of rows) {
      if (this.seen.has(e.seq)) continue;
      this.seen.add(e.seq);
      for (const l of this.listeners) l(e);
    }
    // advance over what is contiguous; skip a gap that stays open too long
    for (;;) {
      const next = this.floor + 1;
      if (this.seen.has(next)) {
        this.seen.delete(next);
        this.floor = next;
        this.gapSince = null;
        continue;
      }
      if (this.seen.size === 0) break;
      if (!this.gapSince || this.gapSince.seq !== next) this.gapSince = { seq: next, at: Date.now() };
      if (Date.now() - this.gapSince.at < GAP_WAIT_MS) break;
      // every missing number below the lowest seen one was taken before it became visible:
      // after the wait they are rolled back, not late
      this.floor = Math.min(...this.seen) - 1;
      this.gapSince = null;
    }
  }
}

const hubs = new WeakMap<Db, EventHub>();

/** The hub of the process for this database. */
export function eventHub(db: Db): EventHub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new EventHub(db);
    hubs.set(db, hub);
  }
  return hub;
}

/** Tells this process's hub that the caller committed events (after the transaction). */
export function eventsCommitted(db: Db): void {
  hubs.get(db)?.poke();
}
