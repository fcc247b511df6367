import { codeLabel, formatDate as coreFormatDate, isCode, type CodeListName, type Locale } from '@slrt/core';

/** `2025-10-01` as the reader's date (`1 Oktober 2025`), never shifted by the time zone: the one formatter of core. */
export function formatDate(ymd: string | null, locale: Locale): string {
  if (!ymd) return '';
  return coreFormatDate(/^\d{4}-\d{2}-\d{2}/.exec(ymd)?.[0] ?? ymd, locale);
}

export function formatDateTime(iso: string, locale: Locale): string {
  return coreFormatDate(iso, locale, { withTime: true });
}

/** A code's label from the code lists, or the code itself when unknown. */
export function label(list: CodeListName, code: string | null | undefined, locale: Locale): string {
  if (code === null || code === undefined) return '';
  return isCode(list, code) ? codeLabel(list, code, locale) : code;
}

export function labels(list: CodeListName, codes: readonly string[] | null | undefined, locale: Locale): string {
  return (codes ?? []).map((c) => label(list, c, locale)).join(', ');
}
