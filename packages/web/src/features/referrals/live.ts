import { useEffect, useRef } from 'react';

export interface LiveEvent {
  type: string;
  at: string;
  referralId?: string;
  caseId?: string | null;
  status?: string;
  what?: string;
  number?: string;
}

/**
 * Listens to the server's live events (`/api/v1/events`, server-sent events) while the page
 * is open: the server sends only what the user may see, and the browser reconnects and
 * resumes by itself after a dropped link. Boards refresh what changed without reloading.
 */
export function useLiveEvents(types: readonly string[], onEvent: (event: LiveEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const key = types.join(',');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/v1/events');
    const listener = (e: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(e.data) as LiveEvent);
      } catch {
        // a malformed event is ignored; the next one or a reload brings the state
      }
    };
    const names = key.split(',');
    for (const name of names) source.addEventListener(name, listener);
    return () => {
      for (const name of names) source.removeEventListener(name, listener);
      source.close();
    };
  }, [key]);
}
