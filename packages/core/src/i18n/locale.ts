/** The languages SLRT speaks. Bahasa Indonesia first. */
export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';

/**
 * The language tag `Intl` formats a locale's numbers and dates with: Indonesian as written in
 * Indonesia ("1.234,5", "12 April 1978"), English as written in Britain (day before month). The
 * one place that choice is made, for core, the server and the web.
 */
export function intlTag(locale: Locale): 'id-ID' | 'en-GB' {
  return locale === 'id' ? 'id-ID' : 'en-GB';
}

/** Picks the locale from an Accept-Language header value; Indonesian unless English is preferred. */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('id') || tag.startsWith('in')) return 'id';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
