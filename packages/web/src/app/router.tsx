import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { isCurrentLink } from './path-match.ts';
import type { PathParams } from './path-match.ts';

// A router of a few lines on the History API: the app needs paths and params, not more.

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

// Work that leaving the page would abandon (an upload in flight): each guard gives the question
// to ask, or null when there is nothing to lose.
const guards = new Set<() => string | null>();

/** Asks each guard's question; false when the user chose to stay. */
function mayLeave(): boolean {
  for (const guard of guards) {
    const question = guard();
    if (question !== null && !window.confirm(question)) return false;
  }
  return true;
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    // the browser's back button has already moved: go forward to where the user stayed
    if (!mayLeave()) {
      history.pushState(null, '', `${cached.pathname}${cached.search}`);
      return;
    }
    notify();
  });
}

/**
 * While the component is shown, leaving the page asks `question()` first when it is not null: in-app
 * links and `navigate`, the browser's back button, and a reload or a closed tab (the browser's own
 * question). `question` is read at the moment of leaving, so pass a stable function reading a ref.
 */
export function useLeaveGuard(question: () => string | null): void {
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (question() !== null) event.preventDefault();
    };
    guards.add(question);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      guards.delete(question);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [question]);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Goes to `to` (a path with optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === `${location.pathname}${location.search}`) return;
  if (!mayLeave()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

export interface Location {
  pathname: string;
  search: string;
}

let cached: Location = { pathname: '', search: '' };

function snapshot(): Location {
  if (cached.pathname !== location.pathname || cached.search !== location.search) {
    cached = { pathname: location.pathname, search: location.search };
  }
  return cached;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export function useSearchParam(name: string): string | null {
  const { search } = useLocation();
  return new URLSearchParams(search).get(name);
}

export const ParamsContext = createContext<PathParams>({});

/** The `:name` parameters of the current route. */
export function useParams(): PathParams {
  return useContext(ParamsContext);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * An ordinary link (open in new tab still works) that navigates in-app on a plain click. It is
 * marked `aria-current="page"` when it points at the page shown (`isCurrentLink`: the path, and
 * the query when the link has one, so tabs that differ by query mark only the chosen one); an
 * `aria-current` given by the caller (even `undefined`) is used instead, for a page that knows
 * better, such as a tab that is chosen by default without a query.
 */
export function Link({ to, onClick, target, ...rest }: LinkProps) {
  const current = useLocation();
  const active = isCurrentLink(to, current);
  return (
    <a
      aria-current={active ? 'page' : undefined}
      {...rest}
      href={to}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainLeftClick(event) || (target && target !== '_self')) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
