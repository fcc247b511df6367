import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { isCurrentLink } from './path-match.ts';
import type { PathParams } from './path-match.ts';

// A router of a few lines on the History API: the app needs paths and params, not more.

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Goes to `to` (a path with optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === `${location.pathname}${location.search}`) return;
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
