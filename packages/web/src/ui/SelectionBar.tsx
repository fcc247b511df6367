import type { ReactNode } from 'react';
import './selection-bar.css';

/** A list's bar of actions on the selected rows, kept in view at the bottom of the screen. */
export function SelectionBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bulk-bar" role="region" aria-label={label}>
      {children}
    </div>
  );
}
