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
        const words = text(d.reason) ?? text(d.notes) ?? text(d.text) ?? text(d.feedback) ?? text(d.recommendation) ?? text(d.note);
        return (
          <li key={e.id} data-event={e.action}>
            <strong>{key ? t(key) : action(e.action)}</strong>
            {e.toStatus && e.fromStatus && e.toStatus !== e.fromStatus && <> · {status(e.toStatus)}</>}
            {e.toLevel && e.fromLevel && e.toLevel !== e.fromLevel && <> · {t('event.levelChange', { from: label('level', e.fromLevel), to: label('level', e.toLevel) })}</>}
            {text(d.decision) && <> · {label('decision', text(d.decision)!)}</>}
            {text(d.number) && <> · {text(d.number)}</>}
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
