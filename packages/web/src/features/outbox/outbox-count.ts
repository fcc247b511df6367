import { useSyncExternalStore } from 'react';

/**
 * The part of the outbox the app's frame needs on every page, kept tiny so that the first
 * screen carries none of the outbox's code: how many of the officer's items are not sent yet
 * (and how many of those need attention), kept in localStorage as two numbers (no personal
 * data). The outbox itself (outbox.ts: IndexedDB, encrypted) loads only when there is something
 * to send (outbox-sync.ts) or the outbox page is opened.
 */

const PREFIX = 'slrt.outbox.count.v1.';
/** The outbox's IndexedDB database (outbox-store.ts). */
export const OUTBOX_DB = 'slrt-outbox';
const EVENT = 'slrt-outbox';

export interface OutboxCount {
  /** Waiting, sending, or needing attention: everything not sent. */
  unsent: number;
  attention: number;
}

function read(userId: string): string {
  try {
    return localStorage.getItem(PREFIX + userId) ?? '';
  } catch {
    return '';
  }
}

function parse(raw: string): OutboxCount {
  const [unsent = 0, attention = 0] = raw.split(',').map((n) => Number.parseInt(n, 10) || 0);
  return { unsent, attention };
}

/** The officer's outbox counts as last written by the outbox. */
export function outboxCount(userId: string): OutboxCount {
  return parse(read(userId));
}

/** Written by the outbox after every change; the header's badge follows (this tab and others). */
export function setOutboxCount(userId: string, count: OutboxCount): void {
  if (read(userId) === (count.unsent || count.attention ? `${count.unsent},${count.attention}` : '')) return;
  try {
    if (count.unsent === 0 && count.attention === 0) localStorage.removeItem(PREFIX + userId);
    else localStorage.setItem(PREFIX + userId, `${count.unsent},${count.attention}`);
  } catch {
    // storage disabled: no badge
  }
  window.dispatchEvent(new Event(EVENT));
}

/**
 * At sign-out (after the warning, joined with the intake draft's): every officer's outbox and
 * counts leave the device. Here, not in outbox.ts, so that signing out loads no outbox code.
 */
export async function clearOutbox(): Promise<void> {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // storage disabled: nothing kept
  }
  window.dispatchEvent(new Event(EVENT));
  if (typeof indexedDB === 'undefined') return;
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(OUTBOX_DB);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    // another tab holds it open: deleted once it lets go
    req.onblocked = () => resolve();
  });
}

/** Calls `listener` whenever the outbox changes (this tab or another). */
export function subscribe(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  window.addEventListener('storage', listener);
  return () => {
    window.removeEventListener(EVENT, listener);
    window.removeEventListener('storage', listener);
  };
}

/** The counts for the header's badge, live. */
export function useOutboxCount(userId: string): OutboxCount {
  return parse(useSyncExternalStore(subscribe, () => read(userId)));
}
