import { useCallback } from 'react';
import { useDateText } from '../../i18n/use-date-text.ts';
import { CASE_ACTION_LIST, CASE_STATUS_LIST, caseCodeLabel, LETTER_KIND_LIST, type CaseCodeListName } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { useLocale } from '../../i18n/i18n.tsx';

/**
 * Labels of the case code lists (sector, urgency, status, ...) in the UI language: they live
 * in core with both languages, beside the codes, so the API, the printed letters and the
 * screens say the same thing.
 */
export function useCodeLabel() {
  const { locale } = useLocale();
  return useCallback((list: CaseCodeListName, code: string) => caseCodeLabel(list, code, locale), [locale]);
}

export function useStatusLabel() {
  const { locale } = useLocale();
  return useCallback((status: string) => CASE_STATUS_LIST.find((s) => s.code === status)?.[locale] ?? status, [locale]);
}

export function useActionLabel() {
  const { locale } = useLocale();
  return useCallback((action: string) => CASE_ACTION_LIST.find((s) => s.code === action)?.[locale] ?? action, [locale]);
}

const REGISTRY_STATUSES = ['registered', 'proposed', 'not_registered', 'inactive'] as const;

/** A resident's registry status (the registry's code list has them too; the web keeps the four words here to stay small). */
export function useRegistryStatusLabel() {
  const t = useT('cases');
  return useCallback(
    (status: string) => ((REGISTRY_STATUSES as readonly string[]).includes(status) ? t(`registry.${status as (typeof REGISTRY_STATUSES)[number]}`) : status),
    [t],
  );
}

export function useLetterKindLabel() {
  const { locale } = useLocale();
  return useCallback((kind: string) => LETTER_KIND_LIST.find((s) => s.code === kind)?.[locale] ?? kind, [locale]);
}

/** Dates as people read them, in the UI language and the kabupaten's time zone. */
export function useDateFormat() {
  return useDateText('-');
}
