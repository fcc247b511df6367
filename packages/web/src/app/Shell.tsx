import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { LOCALES } from '@slrt/core';
import { useSession, useUser } from '../api/session.tsx';
import { useLocale, useT, useTranslateQualified } from '../i18n/i18n.tsx';
import { homePath } from './access.ts';
import { clearAllDrafts, hasUnsentDraft } from '../features/intake/draft-store.ts';
import { clearOutbox, outboxCount, useOutboxCount } from '../features/outbox/outbox-count.ts';
import { useOutboxSync } from '../features/outbox/outbox-sync.ts';
import { useNav } from './nav.ts';
import { Link, useLocation } from './router.tsx';

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/** Switches to the other language; the button names that language in its own words. */
function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT('common');
  const other = LOCALES.find((l) => l !== locale) ?? locale;
  return (
    <button type="button" className="button button--header" lang={other} onClick={() => setLocale(other)}>
      {t('header.switchLanguage')}
    </button>
  );
}

/**
 * Offline, or started from the session last confirmed on this device: says so, and what works
 * (the intake and field verification go to the outbox and are sent when the link returns).
 */
function OfflineBanner({ signedIn }: { signedIn: boolean }) {
  const t = useT('common');
  const online = useOnline();
  const { unconfirmed } = useSession();
  if (online && !unconfirmed) return null;
  return (
    <div className="offline" role="status" data-testid="offline-banner">
      {t('status.offline')}
      {signedIn && (
        <>
          {' '}
          {t('status.offlineWorks')} <Link to="/kotak-keluar">{t('outbox.title')}</Link>
        </>
      )}
    </div>
  );
}

/** Moves focus to the page on navigation so screen readers announce the new page. */
function useFocusOnNavigate() {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [pathname]);
  return main;
}

/**
 * The main navigation. On a phone a "Menu" button (naming the page one is on) opens the list as
 * a column, so no item hides off screen; from 48rem the items sit in a row that wraps.
 */
function AppNav() {
  const t = useT('common');
  const label = useTranslateQualified();
  const nav = useNav();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  // a chosen page closes the menu
  useEffect(() => setOpen(false), [pathname]);
  const current = nav.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
  return (
    <nav className="app-nav" aria-label={t('nav.label')} data-open={open || undefined}>
      <button type="button" className="app-nav__toggle" aria-expanded={open} aria-controls="app-nav-list" onClick={() => setOpen(!open)}>
        <span className="app-nav__icon" aria-hidden="true" />
        {current ? t('nav.menuCurrent', { page: label(current.label) }) : t('nav.menu')}
      </button>
      <ul id="app-nav-list">
        {nav.map((item) => (
          <li key={item.path}>
            <Link to={item.path}>{label(item.label)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The header's link to the outbox, with how many items are not sent (and whether one needs attention). */
function OutboxLink({ userId }: { userId: string }) {
  const t = useT('common');
  const { unsent, attention } = useOutboxCount(userId);
  useOutboxSync(userId, useOnline(), !useSession().unconfirmed);
  return (
    <Link to="/kotak-keluar" data-testid="outbox-link">
      {t('outbox.title')}
      {unsent > 0 && (
        <>
          {' '}
          <span className="badge" data-testid="outbox-badge" data-attention={attention > 0 || undefined} aria-label={t('outbox.count', { n: unsent })}>
            {unsent}
          </span>
        </>
      )}
    </Link>
  );
}

/** The signed-in frame: header with user, language switch and sign-out; the user's navigation. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT('common');
  const user = useUser();
  const { logout } = useSession();
  const nav = useNav();
  const main = useFocusOnNavigate();

  const signOut = () => {
    // a shared phone: the next officer must not find this one's residents
    const unsent = outboxCount(user.id).unsent;
    if (unsent > 0 && !window.confirm(t('header.signOutOutbox', { n: unsent }))) return;
    if (unsent === 0 && hasUnsentDraft(user.id) && !window.confirm(t('header.signOutUnsentDraft'))) return;
    // every officer's intake draft, outbox and their key leave the device with the session
    void Promise.all([clearAllDrafts(), clearOutbox()]).then(logout);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <Link to={homePath(user)} className="brand">
            {t('app.name')}
          </Link>
          <div className="app-header__actions">
            <LanguageSwitch />
            <button type="button" className="button button--header" onClick={signOut}>
              {t('header.signOut')}
            </button>
          </div>
        </div>
        <div className="app-header__user">
          <span className="app-header__name" aria-label={t('header.signedInAs', { name: user.displayName })} data-user={user.username}>
            {user.displayName}
          </span>
          <Link to="/akun/kata-sandi">{t('header.changePassword')}</Link>
          <OutboxLink userId={user.id} />
        </div>
        {nav.length > 0 && <AppNav />}
      </header>
      <OfflineBanner signedIn />
      <main id="main" ref={main} tabIndex={-1} className="container">
        {children}
      </main>
    </>
  );
}

/** The frame of the pages before sign-in: name of the system and the language switch. */
export function PublicShell({ children }: { children: ReactNode }) {
  const t = useT('common');
  return (
    <>
      <header className="app-header">
        <div className="app-header__bar">
          <span className="brand">{t('app.name')}</span>
          <div className="app-header__actions">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <OfflineBanner signedIn={false} />
      <main id="main" className="container">
        {children}
      </main>
    </>
  );
}
