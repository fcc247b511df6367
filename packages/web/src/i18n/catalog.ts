import { DEFAULT_LOCALE, format } from '@slrt/core';
import type { Locale } from '@slrt/core';
import type { Namespace, QualifiedKey } from './namespaces.ts';

/** One namespace's messages in one language: flat dotted keys to templates with `{placeholders}`. */
type Messages = Readonly<Record<string, string>>;

/** The key in the source-language (Indonesian) file that holds translator notes; never shown. */
export const NOTES_KEY = '_notes';

/** The keys of a namespace the shell shows (menu, workspace pages), loaded up front: `nav.*`. */
const NAV_PREFIX = 'nav.';

type LocaleFile = Record<string, unknown>;

// Every `locales/<locale>/<namespace>.json` is found by these globs: a feature adds a namespace
// by adding files. The build drops `_notes` from them (vite.config.ts, `slrt-locales`).
//
// Up front, in the entry chunk: `common` and `auth` whole (shell, sign-in, errors), ...
const eagerFiles = import.meta.glob<LocaleFile>(['./locales/*/common.json', './locales/*/auth.json'], { eager: true, import: 'default' });
// ... and the `nav.*` keys of the other namespaces (`?nav`: the build keeps only those), ...
const navFiles = import.meta.glob<LocaleFile>(['./locales/*/*.json', '!./locales/*/common.json', '!./locales/*/auth.json'], {
  eager: true,
  import: 'default',
  query: '?nav&lang.json',
});
// ... while the rest of a namespace is a chunk of its own, loaded when a page first needs it.
const lazyFiles = import.meta.glob<LocaleFile>(['./locales/*/*.json', '!./locales/*/common.json', '!./locales/*/auth.json'], { import: 'default' });

function fileId(path: string): string {
  const match = /\.\/locales\/([^/]+)\/([^/.]+)\.json/.exec(path);
  return match ? `${match[1]}/${match[2]}` : path;
}

function messagesOf(content: LocaleFile, onlyNav: boolean): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [key, value] of Object.entries(content)) {
    if (key !== NOTES_KEY && typeof value === 'string' && (!onlyNav || key.startsWith(NAV_PREFIX))) messages[key] = value;
  }
  return messages;
}

/** Messages by `<locale>/<namespace>`; a lazily loaded namespace holds only its `nav.*` keys until loaded. */
const catalog = new Map<string, Messages>();

/**
 * A namespace's loading, as React's `use()` reads it: once settled it carries `status` (and
 * `reason`), so that `use()` returns at once, without suspending, for a namespace already loaded.
 */
type Loading = Promise<void> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: undefined; reason?: unknown };

/** `<locale>/<namespace>` loaded or loading; a failed load is dropped, to be tried again. */
const loadings = new Map<string, Loading>();

function loaded(): Loading {
  return Object.assign(Promise.resolve(), { status: 'fulfilled' as const, value: undefined });
}

for (const [path, content] of Object.entries(eagerFiles)) {
  catalog.set(fileId(path), messagesOf(content, false));
  loadings.set(fileId(path), loaded());
}
for (const [path, content] of Object.entries(navFiles)) catalog.set(fileId(path), messagesOf(content, true));

const lazyById = new Map(Object.entries(lazyFiles).map(([path, load]) => [fileId(path), load]));

/** Whether `namespace` is loaded whole in `locale`, so that `translate` finds all its keys. */
export function isLoaded(locale: Locale, namespace: Namespace): boolean {
  return loadings.get(`${locale}/${namespace}`)?.status === 'fulfilled';
}

/**
 * Loads `namespace` in `locale`, once: the same promise every time (as React's `use()` needs),
 * fulfilled for good once loaded; after a failure the next call tries again.
 */
export function loadNamespace(locale: Locale, namespace: Namespace): Promise<void> {
  const id = `${locale}/${namespace}`;
  const known = loadings.get(id);
  if (known) return known;
  const load = lazyById.get(id);
  if (!load) {
    // No such file (the parity test prevents that): translate falls back to the key.
    const none = loaded();
    loadings.set(id, none);
    return none;
  }
  const loading: Loading = load().then(
    (content) => {
      catalog.set(id, { ...catalog.get(id), ...messagesOf(content, false) });
      loading.status = 'fulfilled';
    },
    (error: unknown) => {
      loadings.delete(id);
      loading.status = 'rejected';
      loading.reason = error;
      throw error;
    },
  );
  loading.status = 'pending';
  loadings.set(id, loading);
  return loading;
}

/** Every namespace that has a locale file, whether loaded up front or not. */
export const NAMESPACES: readonly Namespace[] = [...new Set([...catalog.keys(), ...lazyById.keys()].map((id) => id.split('/')[1] as Namespace))].sort();

/**
 * Translates `key` of `namespace`. Falls back to the same key in `common`, then to Indonesian,
 * then to the key itself, so that a gap shows as a visible key rather than a blank. A namespace
 * not loaded yet (`loadNamespace`) has only its `nav.*` keys: `useT` waits for it.
 */
export function translate(
  locale: Locale,
  namespace: Namespace,
  key: string,
  params?: Record<string, string | number>,
): string {
  const template =
    catalog.get(`${locale}/${namespace}`)?.[key] ??
    catalog.get(`${locale}/common`)?.[key] ??
    catalog.get(`${DEFAULT_LOCALE}/${namespace}`)?.[key] ??
    catalog.get(`${DEFAULT_LOCALE}/common`)?.[key] ??
    key;
  return format(template, params, locale);
}

/** Translates a `namespace:key` reference, as route tables and other data hold them. */
export function translateQualified(locale: Locale, qualified: QualifiedKey, params?: Record<string, string | number>): string {
  const at = qualified.indexOf(':');
  return translate(locale, qualified.slice(0, at) as Namespace, qualified.slice(at + 1), params);
}
