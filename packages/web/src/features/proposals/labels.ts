import { useCallback } from 'react';
import { useDateText as useDateTextOr } from '../../i18n/use-date-text.ts';
import { codeLabel, intlTag, proposalFieldKind, PROPOSAL_FIELD_NAMES } from '@slrt/core';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/namespaces.ts';

type Key = MessageKey<'proposals'>;

/** `field.<name>` when the namespace has it (every proposal field does), else the name itself. */
export function useFieldLabel() {
  const t = useT('proposals');
  return useCallback((field: string) => (PROPOSAL_FIELD_NAMES.includes(field) ? t(`field.${field}` as Key) : field), [t]);
}

/**
 * A field's value as people read it: a code's label in the UI language, a set's labels, yes/no,
 * a disability's domains and severities, a new household's members by name; a dash when unknown.
 */
export function useValueText() {
  const t = useT('proposals');
  const { locale } = useLocale();
  return useCallback(
    (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === '') return '—';
      const kind = proposalFieldKind(field);
      if (typeof value === 'boolean') return value ? t('value.yes') : t('value.no');
      if (kind.kind === 'code' && typeof value === 'string') return codeLabel(kind.list, value, locale);
      if (kind.kind === 'codes' && Array.isArray(value)) return value.length ? value.map((v) => codeLabel(kind.list, String(v), locale)).join(', ') : t('value.none');
      if (field === 'disability' && typeof value === 'object') {
        return Object.entries(value as Record<string, string>)
          .map(([domain, severity]) => `${codeLabel('disability_domain', domain, locale)}: ${codeLabel('disability_severity', severity, locale)}`)
          .join('; ') || t('value.none');
      }
      if (field === 'members' && Array.isArray(value)) {
        return value.map((m) => (m && typeof m === 'object' ? String((m as { fullName?: unknown }).fullName ?? '') : '')).join(', ');
      }
      if (typeof value === 'object') {
        return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`).join('; ');
      }
      return String(value);
    },
    [t, locale],
  );
}

/** Dates and times as people read them, in the UI language and the kabupaten's zone. */
export function useDateText() {
  return useDateTextOr('—');
}

/** A round's month (`2025-03`) as "Maret 2025". */
export function usePeriodText() {
  const { locale } = useLocale();
  return useCallback(
    (period: string | null | undefined) => {
      if (!period) return '—';
      const [y, m] = period.split('-').map(Number);
      return new Intl.DateTimeFormat(intlTag(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 15)));
    },
    [locale],
  );
}
