import { LOCALES } from '@slrt/core';
import type { Locale } from '@slrt/core';
import type { Page } from 'playwright-core';
import { NAMESPACES, loadNamespace, translate } from '../../src/i18n/catalog.ts';
import type { MessageKey, Namespace } from '../../src/i18n/namespaces.ts';

// The app loads most namespaces with their pages; the tests need them all, at once.
await Promise.all(LOCALES.flatMap((locale) => NAMESPACES.map((namespace) => loadNamespace(locale, namespace))));

/**
 * What the UI says for a key, in a language: page objects find elements by the words a user
 * reads, taken from the same catalogs the app uses, so a re-worded label does not break tests.
 */
export function text<N extends Namespace>(locale: Locale, namespace: N, key: MessageKey<N> | MessageKey<'common'>, params?: Record<string, string | number>): string {
  return translate(locale, namespace, key, params);
}

/** The page's current UI language (the app keeps `<html lang>` in step). */
export async function pageLocale(page: Page): Promise<Locale> {
  const lang = await page.evaluate(() => document.documentElement.lang);
  return lang === 'en' ? 'en' : 'id';
}
