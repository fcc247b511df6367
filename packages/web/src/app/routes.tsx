import { lazy } from 'react';
import type { ComponentType } from 'react';
import type { QualifiedKey } from '../i18n/namespaces.ts';
import type { RouteAccess } from './access.ts';
import { WORKSPACES } from './workspaces.ts';
import type { WorkspaceId } from './workspaces.ts';
import SignInPage from '../features/auth/SignInPage.tsx';
import WorkspacePage from '../features/workspaces/WorkspacePage.tsx';

/**
 * One page of the app. Access: exactly one of `public`, `anyUser`, `permission`, `roles`
 * (default deny). `permission` is the one the API behind the page demands, so the web hides
 * exactly what the API forbids.
 */
export interface AppRoute extends RouteAccess {
  /** `/kasus/:id`: segments starting with `:` are params (`useParams()`). */
  path: string;
  /** The page; features use `lazy(() => import(...))` so each loads only when opened. */
  component: ComponentType;
  /** Shown in the navigation under this label when the user may open it. */
  navKey?: QualifiedKey;
  /** Workspaces whose page links to this feature. */
  workspaces?: readonly WorkspaceId[];
}

/**
 * The route table. A feature adds its pages here, one line each, with the page in
 * `src/features/<feature>/` exporting it as default:
 *
 *   { path: '/kasus', component: lazy(() => import('../features/cases/CaseListPage.tsx')),
 *     permission: 'cases.read', navKey: 'cases:nav.cases', workspaces: ['back-office'] },
 */
export const ROUTES: readonly AppRoute[] = [
  { path: '/masuk', component: SignInPage, public: true },
  ...WORKSPACES.map((w): AppRoute => ({ path: w.path, component: WorkspacePage, roles: w.roles, navKey: w.title })),
  { path: '/akun/kata-sandi', component: lazy(() => import('../features/auth/ChangePasswordPage.tsx')), anyUser: true },

  // admin
  { path: '/admin/pengguna', component: lazy(() => import('../features/admin/UsersPage.tsx')), permission: 'users.manage', navKey: 'admin:nav.users', workspaces: ['admin'] },
  { path: '/admin/pengguna/baru', component: lazy(() => import('../features/admin/NewUserPage.tsx')), permission: 'users.manage' },
];
