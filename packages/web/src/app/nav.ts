import { createContext, useContext } from 'react';
import type { ShellKey } from '../i18n/namespaces.ts';
import type { WorkspaceId } from './workspaces.ts';

/** One entry of the user's navigation: a route they may open that has a label. */
export interface NavItem {
  path: string;
  label: ShellKey;
  /** Workspaces whose page links to it. */
  workspaces: readonly WorkspaceId[];
  /** True for the workspaces themselves. */
  isWorkspace: boolean;
}

/** The signed-in user's navigation, computed once from the route table by the app. */
export const NavContext = createContext<readonly NavItem[]>([]);

export function useNav(): readonly NavItem[] {
  return useContext(NavContext);
}
