import { useEffect } from 'react';
import { useOutboxCount } from './outbox-count.ts';

/**
 * Sends what waits in the officer's outbox on app start and whenever the link returns, once the
 * session is confirmed (the CSRF token comes with the confirmation). Loads the outbox's code
 * only when something waits.
 */
export function useOutboxSync(userId: string, online: boolean, confirmed: boolean): void {
  const { unsent } = useOutboxCount(userId);
  const pending = unsent > 0;
  useEffect(() => {
    if (!online || !confirmed || !pending) return;
    // through the outbox page's chunk (a route's lazy import already): importing outbox.ts itself,
    // a chunk the intake and verification pages share, made the bundler split the entry in two
    // (one more script on every cold first screen)
    void import('./OutboxPage.tsx').then((m) => m.sendOutbox(userId)).catch(() => {
      // the outbox's code did not arrive: the next start or online event tries again
    });
  }, [userId, online, confirmed, pending]);
}
