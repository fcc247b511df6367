import { createContext, startTransition, use, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { DEFAULT_LOCALE, LOCALES } from '@slrt/core';
import type { Locale } from '@slrt/core';
import { configureApi } from '../api/client.ts';
import { isLoaded, loadNamespace, translate, translateQualified } from './catalog.ts';
import type { MessageKey, Namespace, ShellKey } from './namespaces.ts';

const STORAGE_KEY = 'slrt.locale';

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

function storedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // Storage can be disabled (private mode); the default language is fine then.
  }
  return DEFAULT_LOCALE;
}

/** Holds the UI language: Bahasa Indonesia unless the user chose English on this device. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  // The API speaks the same language (Accept-Language); set before children's effects fetch.
  configureApi({ locale });

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${translate(locale, 'common', 'app.name')} · ${translate(locale, 'common', 'app.fullName')}`;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered across visits, still switched now.
    }
    // A transition: while the page's namespaces load in the new language (useT suspends), the
    // page stays as it is instead of giving way to the loading notice.
    startTransition(() => setLocaleState(next));
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext value={value}>{children}</LocaleContext>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale needs a LocaleProvider');
  return state;
}

type Params = Record<string, string | number>;

/** A translator for one namespace; `common` keys work from every namespace. */
export type Translate<N extends Namespace> = (key: MessageKey<N> | MessageKey<'common'>, params?: Params) => string;

/**
 * Every UI string goes through this: `const t = useT('admin'); t('users.title')`.
 * Keys are checked at compile time against the Indonesian file of the namespace.
 *
 * A namespace other than `common` and `auth` loads when first used: the component suspends
 * until then (the page's `<Suspense>` shows the loading notice). The route table names a
 * page's namespaces so that they load together with its code (`usePreloadNamespaces`).
 */
export function useT<N extends Namespace>(namespace: N): Translate<N> {
  const { locale } = useLocale();
  // Called on every render, loaded or not: React replays a suspended component and expects the
  // same `use()` calls again (the promise of a loaded namespace does not suspend).
  use(loadNamespace(locale, namespace));
  return useCallback<Translate<N>>((key, params) => translate(locale, namespace, key, params), [locale, namespace]);
}

/**
 * Translates `namespace:key` references held in data, such as the route table's nav labels.
 * Only keys loaded up front (`ShellKey`): this never waits for a namespace.
 */
export function useTranslateQualified(): (key: ShellKey, params?: Params) => string {
  const { locale } = useLocale();
  return useCallback((key: ShellKey, params?: Params) => translateQualified(locale, key, params), [locale]);
}

/**
 * Starts loading namespaces in the current language before a component asks for them, so that
 * a page's messages come in parallel with its code rather than after it. Safe to call while
 * rendering: each namespace loads once; a failure shows when the page itself asks (`useT`).
 */
export function usePreloadNamespaces(namespaces: readonly Namespace[]): void {
  const { locale } = useLocale();
  for (const namespace of namespaces) {
    if (!isLoaded(locale, namespace)) loadNamespace(locale, namespace).catch(() => undefined);
  }
}
