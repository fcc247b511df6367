import { DEFAULT_LOCALE, format } from '@slrt/core';
import type { Locale } from '@slrt/core';
import type { Namespace, QualifiedKey } from './namespaces.ts';

/** One namespace's messages in one language: flat dotted keys to templates with `{placeholders}`. */
export type Messages = Readonly<Record<string, string>>;

/** The key in the source-language (Indonesian) file that holds translator notes; never shown. */
export const NOTES_KEY = '_notes';

// Every `locales/<locale>/<namespace>.json` is bundled: a feature adds a namespace by adding files.
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

const catalog: Record<string, Record<string, Messages>> = {};
for (const [path, content] of Object.entries(files)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match) continue;
  const [, locale = '', namespace = ''] = match;
  const messages: Record<string, string> = {};
  for (const [key, value] of Object.entries(content)) {
    if (key !== NOTES_KEY && typeof value === 'string') messages[key] = value;
  }
  (catalog[locale] ??= {})[namespace] = messages;
}

/**
 * Translates `key` of `namespace`. Falls back to the same key in `common`, then to Indonesian,
 * then to the key itself, so that a gap shows as a visible key rather than a blank.
 */
export function translate(
  locale: Locale,
  namespace: Namespace,
  key: string,
  params?: Record<string, string | number>,
): string {
  const template =
    catalog[locale]?.[namespace]?.[key] ??
    catalog[locale]?.common?.[key] ??
    catalog[DEFAULT_LOCALE]?.[namespace]?.[key] ??
    catalog[DEFAULT_LOCALE]?.common?.[key] ??
    key;
  return format(template, params);
}

/** Translates a `namespace:key` reference, as route tables and other data hold them. */
export function translateQualified(locale: Locale, qualified: QualifiedKey, params?: Record<string, string | number>): string {
  const at = qualified.indexOf(':');
  return translate(locale, qualified.slice(0, at) as Namespace, qualified.slice(at + 1), params);
}
