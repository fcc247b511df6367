import type { CaseEventView } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/namespaces.ts';
import { useActionLabel, useCodeLabel, useDateFormat, useStatusLabel } from './labels.ts';

const EVENT_KEYS: Record<string, MessageKey<'cases'>> = {
  register: 'event.register',
  assign: 'event.assign',
  note: 'event.note',
  need_status: 'event.need_status',
  document_attached: 'event.document_attached',
  document_removed: 'event.document_removed',
  letter_issued: 'event.letter_issued',
  letter_revoked: 'event.letter_revoked',
  registry_proposal_linked: 'event.registry_proposal_linked',
  // written by the referral network on the referral's case (referrals/acting.ts, overdue.ts)
  referral_sent: 'event.referral_sent',
  referral_accepted: 'event.referral_accepted',
  referral_declined: 'event.referral_declined',
  referral_started: 'event.referral_started',
  referral_completed: 'event.referral_completed',
  referral_cancelled: 'event.referral_cancelled',
  referral_overdue: 'event.referral_overdue',
  transferred: 'event.transferred',
  need_escalate: 'event.need_escalate',
  need_send_back: 'event.need_send_back',
  need_decide: 'event.need_decide',
  transfer_requested: 'event.transfer_requested',
};

const OUTCOME_KEYS: Record<string, MessageKey<'cases'>> = {
  fulfilled: 'event.outcome.fulfilled',
  partly: 'event.outcome.partly',
  not_fulfilled: 'event.outcome.not_fulfilled',
};

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** Every event of the case, oldest first: who, when, what, and the words recorded with it. */
export function Timeline({ events }: { events: CaseEventView[] }) {
  const t = useT('cases');
  const action = useActionLabel();
  const status = useStatusLabel();
  const label = useCodeLabel();
  const date = useDateFormat();
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((e) => {
        const key = EVENT_KEYS[e.action];
        const d = e.details ?? {};
        // a closed case's reason is a code (close_reason), shown by its label, never as words typed
        const closeReason = e.action === 'close' ? text(d.reason) : null;
        const words = (closeReason ? null : text(d.reason)) ?? text(d.notes) ?? text(d.text) ?? text(d.feedback) ?? text(d.recommendation) ?? text(d.note);
        const outcome = OUTCOME_KEYS[text(d.outcome) ?? ''];
        const place = (village: unknown, kecamatan: unknown) => (text(kecamatan) ? t('event.place', { village: text(village) ?? '', kecamatan: text(kecamatan)! }) : (text(village) ?? ''));
        return (
          <li key={e.id} data-event={e.action}>
            <strong>{key ? t(key) : action(e.action)}</strong>
            {e.toStatus && e.fromStatus && e.toStatus !== e.fromStatus && <> · {status(e.toStatus)}</>}
            {e.toLevel && e.fromLevel && e.toLevel !== e.fromLevel && <> · {t('event.levelChange', { from: label('level', e.fromLevel), to: label('level', e.toLevel) })}</>}
            {Array.isArray(d.sectors) && <> · {d.sectors.map((x) => label('sector', String(x))).join(', ')}</>}
            {text(d.decision) && <> · {label('decision', text(d.decision)!)}</>}
            {closeReason && <> · <span data-close-reason={closeReason}>{label('close_reason', closeReason)}</span></>}
            {text(d.number) && <> · {text(d.number)}</>}
            {e.action.startsWith('referral_') && text(d.organization) && <> · {text(d.organization)}</>}
            {outcome && <> · <span data-outcome={text(d.outcome)}>{t(outcome)}</span></>}
            {e.action === 'transfer_requested' && text(d.toVillageName) && <> · {t('event.transferRequestedBy', { village: text(d.toVillageName)! })}</>}
            {e.action === 'transferred' && <> · {t('event.villageChange', { from: place(d.fromVillageName, d.fromKecamatanName), to: place(d.toVillageName, d.toKecamatanName) })}</>}
            {text(d.assigneeName) && <> · {text(d.assigneeName)}</>}
            {words && <p>{words}</p>}
            <p className="timeline__meta">
              {date(e.at, true)} · {e.actor?.name ?? t('event.system')}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
