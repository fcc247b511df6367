import type { ReactNode } from 'react';

/** A confirmation after an action; announced politely to screen readers. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--ok" role="status">
      {children}
    </div>
  );
}
