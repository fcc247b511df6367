import { Component, Suspense, useEffect, useMemo } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { SessionProvider, useSession } from '../api/session.tsx';
import type { User } from '../api/user.ts';
import { LocaleProvider, usePreloadNamespaces, useT } from '../i18n/i18n.tsx';
import { canOpen, homePath } from './access.ts';
import { NavContext } from './nav.ts';
import type { NavItem } from './nav.ts';
import { matchPath, safeNextPath } from './path-match.ts';
import type { PathParams } from './path-match.ts';
import { Link, ParamsContext, navigate, useLocation } from './router.tsx';
import { ROUTES } from './routes.tsx';
import type { AppRoute } from './routes.tsx';
import { PublicShell, Shell } from './Shell.tsx';

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </LocaleProvider>
  );
}

function findRoute(pathname: string): { route: AppRoute; params: PathParams } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

function navFor(user: User): NavItem[] {
  return ROUTES.filter((r) => r.navKey && canOpen(user, r)).map((r) => ({
    path: r.path,
    label: r.navKey as NonNullable<AppRoute['navKey']>,
    workspaces: r.workspaces ?? [],
    isWorkspace: r.roles !== undefined,
  }));
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function AppRoutes() {
  const { status, user, ended } = useSession();
  const { pathname, search } = useLocation();
  const nav = useMemo(() => (user ? navFor(user) : []), [user]);
  const match = findRoute(pathname);

  // A page anyone may open (sign-in, tracking, a partner's link) does not wait for the session
  // check: shown at once, and left for the workspace if the check finds a session.
  if (status === 'loading' && !match?.route.public && !match?.route.open) return <Loading />;

  if (!user) {
    if (match?.route.public || match?.route.open) {
      return (
        <PublicShell>
          <RouteView route={match.route} params={match.params} />
        </PublicShell>
      );
    }
    const back = pathname !== '/' && ended !== 'by-user' ? `?next=${encodeURIComponent(pathname + search)}` : '';
    return <Redirect to={`/masuk${back}`} />;
  }

  if (pathname === '/' || match?.route.public) {
    const next = safeNextPath(new URLSearchParams(search).get('next'));
    return <Redirect to={next ?? homePath(user)} />;
  }

  return (
    <NavContext value={nav}>
      <Shell>
        {!match ? (
          <NotFound />
        ) : canOpen(user, match.route) ? (
          <RouteView route={match.route} params={match.params} key={match.route.path} />
        ) : (
          <Forbidden />
        )}
      </Shell>
    </NavContext>
  );
}

function RouteView({ route, params }: { route: AppRoute; params: PathParams }) {
  const Page = route.component;
  // The page's messages load alongside its code (the lazy import starts as <Page/> renders).
  usePreloadNamespaces(route.namespaces ?? []);
  return (
    <ParamsContext value={params}>
      <PageErrorBoundary>
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      </PageErrorBoundary>
    </ParamsContext>
  );
}

function Loading() {
  const t = useT('common');
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

function NotFound() {
  const t = useT('common');
  return (
    <section>
      <h1>{t('page.notFound.title')}</h1>
      <p>{t('page.notFound.body')}</p>
      <p>
        <Link to="/">{t('page.home')}</Link>
      </p>
    </section>
  );
}

function Forbidden() {
  const t = useT('common');
  return (
    <section>
      <h1>{t('page.forbidden.title')}</h1>
      <p>{t('page.forbidden.body')}</p>
      <p>
        <Link to="/">{t('page.home')}</Link>
      </p>
    </section>
  );
}

function PageFailed() {
  const t = useT('common');
  return (
    <div className="alert alert--error" role="alert">
      <p>{t('error.pageFailed')}</p>
      <button type="button" className="button" onClick={() => location.reload()}>
        {t('action.reload')}
      </button>
    </div>
  );
}

/**
 * A page never opened on this device, opened without a link (its code is not kept yet): what
 * can be done offline instead, not a blank screen or the sign-in. Tries again when the link returns.
 */
function OfflinePage() {
  const t = useT('common');
  const { user } = useSession();
  const intake = ROUTES.find((r) => r.path === '/kantor-depan/penerimaan');
  return (
    <section data-testid="offline-page">
      <h1>{t('offlinePage.title')}</h1>
      <p>{t('offlinePage.body')}</p>
      <ul>
        {user && intake && canOpen(user, intake) && (
          <li>
            <Link to={intake.path}>{t('offlinePage.intake')}</Link>
          </li>
        )}
        <li>{t('offlinePage.verification')}</li>
        <li>
          <Link to="/kotak-keluar">{t('offlinePage.outbox')}</Link>
        </li>
      </ul>
      <p>{t('offlinePage.later')}</p>
    </section>
  );
}

/** The failure of a lazy page's code or messages to arrive, as opposed to a fault in the page. */
function isLoadFailure(error: unknown): boolean {
  if (!navigator.onLine) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Failed to fetch|error loading dynamically|ChunkLoadError/i.test(message);
}

/**
 * A page that throws shows a reload button (often a lazy chunk gone after an update), or,
 * when its code could not be fetched without a link, the offline page; never a blank screen.
 */
class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: 'offline' | 'error' | null }> {
  override state: { failed: 'offline' | 'error' | null } = { failed: null };

  static getDerivedStateFromError(error: unknown): { failed: 'offline' | 'error' } {
    return { failed: isLoadFailure(error) ? 'offline' : 'error' };
  }

  // a lazy page keeps its failed import: the link back means a fresh load
  private readonly retry = () => {
    if (this.state.failed === 'offline') location.reload();
  };

  override componentDidMount(): void {
    window.addEventListener('online', this.retry);
  }

  override componentWillUnmount(): void {
    window.removeEventListener('online', this.retry);
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.failed === 'offline') return <OfflinePage />;
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}
