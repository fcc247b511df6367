import type { ReactNode } from 'react';
import { navigate } from '../../app/router.tsx';

/**
 * A tab of a list page: the tabs share one path and differ by query, so the current one is
 * marked here by the caller (the shell's Link marks every link to the current path).
 */
export function TabLink({ to, current, children, ...data }: { to: string; current: boolean; children: ReactNode } & Record<`data-${string}`, string>) {
  return (
    <a
      {...data}
      href={to}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
