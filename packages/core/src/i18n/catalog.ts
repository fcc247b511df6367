import type { Locale } from './locale.ts';

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

export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
