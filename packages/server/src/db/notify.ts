import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { NotifyChannel, Queryable, Subscriber, Tx } from './database.ts';

/**
 * A small notification channel between the server processes of one database: invalidations of
 * caches (sessions and tokens, settings, SLA days) today, live events later.
 *
 * - `publish(q, topic, payload)` inside a transaction is delivered only once that transaction
 *   commits, and not at all if it rolls back: on PostgreSQL by `pg_notify` (which the server
 *   itself holds back until COMMIT), in this process by an after-commit hook. Outside a
 *   transaction it is delivered at once.
 * - Every process keeps one listening connection (`LISTEN slrt_notify`) and hands each message
 *   to its subscribers; its own messages it has already delivered locally. When that
 *   connection drops, every subscriber hears `RESYNC` (messages may have been lost: empty the
 *   cache) and the listener reconnects.
 * - PGlite is one process: delivery is in-process only.
 *
 * Payloads are small strings (PostgreSQL caps a notification at 8000 bytes).
 */
export const RESYNC = '*resync*';
const PG_CHANNEL = 'slrt_notify';

const isTx = (q: Queryable): q is Tx => (q as Partial<Tx>).inTransaction === true;

function localBus() {
  const subscribers = new Map<string, Set<Subscriber>>();
  return {
    subscribers,
    deliver(topic: string, payload: string) {
      for (const fn of subscribers.get(topic) ?? []) {
        try {
          fn(payload);
        } catch {
          // a subscriber's failure must not stop the others
        }
      }
    },
    subscribe(topic: string, fn: Subscriber) {
      let set = subscribers.get(topic);
      if (!set) subscribers.set(topic, (set = new Set()));
      set.add(fn);
      return () => void set.delete(fn);
    },
    resyncAll() {
      for (const [topic] of subscribers) this.deliver(topic, RESYNC);
    },
  };
}

/** Runs a committed transaction's hooks; one failing does not stop the others. */
export function runAfterCommit(hooks: ReadonlyArray<() => void>): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // an after-commit hook (a cache invalidation) must not turn a committed write into an error
    }
  }
}

/** In-process delivery only (PGlite, one process). */
export function inProcessChannel(): NotifyChannel {
  const bus = localBus();
  return {
    async publish(q, topic, payload) {
      if (isTx(q)) q.afterCommit(() => bus.deliver(topic, payload));
      else bus.deliver(topic, payload);
    },
    subscribe: (topic, fn) => bus.subscribe(topic, fn),
    start: async () => {},
    close: async () => {},
  };
}

/** LISTEN/NOTIFY on a PostgreSQL server, with one listening connection per process. */
export function postgresChannel(connectionString: string, opts: { reconnectMs?: number } = {}): NotifyChannel {
  const bus = localBus();
  const origin = randomUUID();
  const reconnectMs = opts.reconnectMs ?? 1000;
  let client: pg.Client | null = null;
  let starting: Promise<void> | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (msg.channel !== PG_CHANNEL || !msg.payload) return;
      try {
        const m = JSON.parse(msg.payload) as { o: string; t: string; p: string };
        if (m.o !== origin) bus.deliver(m.t, m.p);
      } catch {
        // not ours
      }
    });
    const lost = () => {
      if (client !== c) return;
      client = null;
      c.removeAllListeners('end');
      void c.end().catch(() => {});
      bus.resyncAll();
      if (!closed) timer = setTimeout(() => void connect().catch(lost), reconnectMs);
    };
    c.on('error', lost);
    c.on('end', lost);
    await c.connect();
    await c.query(`LISTEN ${PG_CHANNEL}`);
    if (closed) {
      await c.end();
      return;
    }
    client = c;
  };

  return {
    async publish(q, topic, payload) {
      await q.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, JSON.stringify({ o: origin, t: topic, p: payload })]);
      if (isTx(q)) q.afterCommit(() => bus.deliver(topic, payload));
      else bus.deliver(topic, payload);
    },
    subscribe(topic, fn) {
      return bus.subscribe(topic, fn);
    },
    start() {
      // a server that cannot listen still serves (the caches' few seconds are the backstop)
      // and keeps trying
      starting ??= connect().catch(() => {
        bus.resyncAll();
        if (!closed) timer = setTimeout(() => { starting = null; void this.start(); }, reconnectMs);
      });
      return starting;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        c.removeAllListeners('error');
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
