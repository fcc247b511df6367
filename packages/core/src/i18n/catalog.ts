import { DEFAULT_LOCALE, type Locale } from './locale.ts';
import { formatMessage } from './message-format.ts';

/**
 * A message catalog: the same keys in every language. Each domain keeps its own catalog
 * (`messages/<domain>.ts`) so teams do not edit one shared file; `messages.test.ts` fails
 * when a key exists in one language and not the other.
 * Placeholders are `{name}`.
 */
export type Catalog = Record<Locale, Record<string, string>>;

export function defineCatalog<const K extends string>(catalog: { id: Record<K, string>; en: Record<K, string> }) {
  return catalog;
}

/** Fills `{name}` placeholders and plural forms (`message-format.ts`) in `locale` (default Indonesian). */
export function format(template: string, params?: Record<string, string | number>, locale: Locale = DEFAULT_LOCALE): string {
  return formatMessage(template, params, locale);
}
