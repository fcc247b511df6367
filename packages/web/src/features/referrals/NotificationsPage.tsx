import { useCursorList } from '../../api/use-cursor-list.ts';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDate } from './labels.ts';
import { useLiveEvents } from './live.ts';
import type { NotificationView } from '@slrt/core';
import { notificationApi } from './referral-api.ts';
import { CursorCards } from '../../ui/CursorCards.tsx';
import './referrals.css';

/** `/notifikasi`: the user's notifications, newest first, unread marked; arrive live. */
export default function NotificationsPage() {
  const t = useT('referrals');
  const date = useDate();
  const list = useCursorList<NotificationView>('/notifications', { limit: 30 });
  useLiveEvents(['notification'], () => list.reload());
  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      <p>
        <button type="button" className="button" onClick={() => notificationApi.readAll().then(list.reload, list.reload)}>
          {t('notifications.readAll')}
        </button>
      </p>
      <CursorCards list={list} empty={t('notifications.empty')} testId="notifications">
        {(n) => (
          <li key={n.id} className={n.readAt ? 'card card--muted' : 'card'} data-kind={n.kind}>
            <p className="card__title">
              {n.link ? (
                <Link to={n.link} onClick={() => void notificationApi.read(n.id)}>
                  {n.message}
                </Link>
              ) : (
                n.message
              )}
            </p>
            <p className="card__meta">
              {date(n.createdAt, true)}
              {!n.readAt && ` · ${t('notifications.unread')}`}
            </p>
          </li>
        )}
      </CursorCards>
    </section>
  );
}
