import type { ReferralListQuery } from '@slrt/core';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDate } from '../referrals/labels.ts';
import { useLiveEvents } from '../referrals/live.ts';
import type { ReferralListItem, ReferralSummary } from '../referrals/referral-api.ts';
import { StatusTags } from '../referrals/ReferralTimeline.tsx';
import '../referrals/referrals.css';
import { partnerInboxUrl } from '../../app/page-urls.ts';

type InboxTab = 'new' | 'active' | 'done';
const QUERY: Record<InboxTab, string> = { new: 'sent', active: 'accepted,in_service', done: 'completed,declined,cancelled' };

/**
 * `/mitra/rujukan`: the referrals sent to the partner's organization, newest first. New
 * ones appear live, without reloading, as the Puskesos sends them.
 */
export default function PartnerInboxPage() {
  const t = useT('referrals');
  const date = useDate();
  const tab = (useSearchParam('tab') as InboxTab | null) ?? 'new';
  const current: InboxTab = tab in QUERY ? tab : 'new';
  const summary = useResource<ReferralSummary>('/referrals/summary');
  const list = useCursorList<ReferralListItem>('/referrals', { status: QUERY[current], limit: 30 } satisfies ReferralListQuery);
  useLiveEvents(['referral'], () => {
    list.reload();
    summary.reload();
  });
  const count = (x: InboxTab) => {
    const s = summary.data?.byStatus;
    if (!s) return null;
    if (x === 'new') return s.sent;
    if (x === 'active') return s.accepted + s.in_service;
    return null;
  };
  return (
    <section>
      <h1>{t('inbox.title')}</h1>
      <p className="lead">{t('inbox.lead')}</p>
      <ul className="tabs" aria-label={t('list.tabs')}>
        {(['new', 'active', 'done'] as const).map((x) => (
          <li key={x}>
            <Link to={partnerInboxUrl({ tab: x })} aria-current={x === current ? 'page' : undefined} data-tab={x}>
              {t(`inbox.${x}`)}
              {count(x) !== null && <span className="count">{count(x)}</span>}
            </Link>
          </li>
        ))}
      </ul>
      {list.error && <p className="alert alert--error" role="alert">{list.error}</p>}
      {list.loading && list.items.length === 0 ? (
        <p role="status">{t('app.loading')}</p>
      ) : list.items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <ul className="cards" data-testid="inbox">
          {list.items.map((r) => (
            <li key={r.id} className="card" data-referral-id={r.id} data-number={r.number} data-status={r.status}>
              <p className="card__title">
                <Link to={`/mitra/rujukan/${r.id}`}>{r.number}</Link>
              </p>
              <StatusTags r={r} />
              <p className="card__meta">{r.service.name}</p>
              {r.subjectName && <p className="card__meta">{r.subjectName}</p>}
              <p className="card__meta">{t('inbox.from', { village: r.village.name ?? r.village.code, date: date(r.createdAt) })}</p>
              <p className="card__meta">{t('list.due', { date: date(r.dueDate) })}</p>
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="button" onClick={list.loadMore}>
          {t('action.loadMore')}
        </button>
      )}
    </section>
  );
}
