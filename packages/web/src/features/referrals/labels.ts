import { useCallback } from 'react';
import { useDateText } from '../../i18n/use-date-text.ts';
import { subjectValueText, type ReferralSubject, type ShareableField } from '@slrt/core';
import { useLocale, useT } from '../../i18n/i18n.tsx';

/** Labels of referral codes in the UI language (the `referrals` namespace). */
export function useReferralLabels() {
  const t = useT('referrals');
  const { locale } = useLocale();
  const status = useCallback((s: string) => t(`status.${s}` as 'status.sent'), [t]);
  const outcome = useCallback((o: string) => t(`outcome.${o}` as 'outcome.fulfilled'), [t]);
  const priority = useCallback((p: string) => t(`priority.${p}` as 'priority.routine'), [t]);
  const field = useCallback((f: ShareableField) => t(`field.${f}` as 'field.fullName'), [t]);
  const event = useCallback((a: string) => {
    const key = `event.${a}`;
    const known = ['sent', 'accept', 'decline', 'start', 'complete', 'cancel', 'overdue', 'letter_issued', 'link_created', 'link_revoked', 'evidence_attached', 'evidence_removed'];
    return known.includes(a) ? t(key as 'event.sent') : a;
  }, [t]);
  /** A shared field's value as people read it (codes of the registry lists as their labels). */
  const value = useCallback((f: ShareableField, v: ReferralSubject[ShareableField]): string => {
    // one rule with the surat rujukan (core subjectValueText): labels, never codes
    return subjectValueText(f, v, locale);
  }, [locale]);
  return { status, outcome, priority, field, event, value };
}

/** Dates as people read them, in the UI language and the kabupaten's zone (Indonesia has no DST). */
export function useDate() {
  return useDateText('-');
}
