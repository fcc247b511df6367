import { codeLabel, isCode, type CodeListName, type Locale } from '@slrt/core';

/** `2025-10-01` as the reader's date (`1 Okt 2025`), never shifted by the time zone. */
export function formatDate(ymd: string | null, locale: Locale): string {
  if (!ymd) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) return ymd;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A code's label from the code lists, or the code itself when unknown. */
export function label(list: CodeListName, code: string | null | undefined, locale: Locale): string {
  if (code === null || code === undefined) return '';
  return isCode(list, code) ? codeLabel(list, code, locale) : code;
}

export function labels(list: CodeListName, codes: readonly string[] | null | undefined, locale: Locale): string {
  return (codes ?? []).map((c) => label(list, c, locale)).join(', ');
}
