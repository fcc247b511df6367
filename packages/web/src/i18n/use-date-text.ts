import { useCallback } from 'react';
import { formatDate } from '@slrt/core';
import { useLocale } from './i18n.tsx';

/**
 * Dates (and times, `withTime`) as people read them, in the UI language and the kabupaten's
 * zone (Indonesia has no DST); `missing` stands for an empty value.
 */
export function useDateText(missing: string): (iso: string | null | undefined, withTime?: boolean) => string {
  const { locale } = useLocale();
  return useCallback((iso: string | null | undefined, withTime = false) => (iso ? formatDate(iso, locale, { withTime }) : missing), [locale, missing]);
}
