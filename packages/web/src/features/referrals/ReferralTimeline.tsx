import type { ReferralEventView } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { useDate, useReferralLabels } from './labels.ts';

/** The referral's steps, oldest first, seen alike by both sides. */
export function ReferralTimeline({ events }: { events: ReferralEventView[] }) {
  const t = useT('referrals');
  const { event, status } = useReferralLabels();
  const date = useDate();
  return (
    <ol className="timeline" data-testid="referral-timeline">
      {events.map((e, i) => (
        <li key={`${e.at}-${i}`} data-event={e.action}>
          <strong>{event(e.action)}</strong>
          {e.toStatus && e.fromStatus !== e.toStatus && <> · {status(e.toStatus)}</>}
          {e.note && <p>{e.note}</p>}
          <p className="timeline__meta">
            {date(e.at, true)} · {e.actorKind === 'link' ? (e.actorName && !e.actorName.startsWith('link:') ? t('actor.linkHolder', { name: e.actorPosition ? `${e.actorName}, ${e.actorPosition}` : e.actorName }) : t('actor.link')) : e.actorKind === 'system' ? t('actor.system') : (e.actorName ?? '-')}
            {e.actorKind === 'token' && ` (${t('actor.token')})`}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The status as a coloured tag, with "overdue" beside it when past due. */
export function StatusTags({ r }: { r: { status: string; overdue: boolean } }) {
  const t = useT('referrals');
  const { status } = useReferralLabels();
  const closed = r.status === 'completed' || r.status === 'declined' || r.status === 'cancelled';
  return (
    <span className="tags">
      <span className={`status status--${closed ? 'closed' : 'open'}`} data-status={r.status}>
        {status(r.status)}
      </span>
      {r.overdue && <span className="status status--overdue">{t('list.overdue')}</span>}
    </span>
  );
}
