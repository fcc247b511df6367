import type { OrganizationListQuery, OrganizationView, ReferralListQuery } from '@slrt/core';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, navigate, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { referralListUrl } from '../../app/page-urls.ts';
import { useDate } from './labels.ts';
import { useLiveEvents } from './live.ts';
import type { ReferralListItem, ReferralSummary } from './referral-api.ts';
import { TABS, tabCount, tabQuery, type ReferralTab } from './tabs.ts';
import { StatusTags } from './ReferralTimeline.tsx';
import { CursorCards } from '../../ui/CursorCards.tsx';
import './referrals.css';

/**
 * `/rujukan`: the back office's referrals by status, partner and overdue, kept current live
 * (a partner's answer moves a referral between tabs without a reload).
 */
export default function ReferralListPage() {
  const t = useT('referrals');
  const date = useDate();
  const tab = (useSearchParam('tab') as ReferralTab | null) ?? 'open';
  const org = useSearchParam('mitra') ?? '';
  const summary = useResource<ReferralSummary>('/referrals/summary');
  const orgs = useResource<{ items: OrganizationView[] }>('/organizations', { limit: 200, active: 'true' } satisfies OrganizationListQuery);
  const list = useCursorList<ReferralListItem>('/referrals', { ...tabQuery(TABS.includes(tab) ? tab : 'open'), ...(org ? { organizationId: org } : {}), limit: 30 } satisfies ReferralListQuery);
  useLiveEvents(['referral'], () => {
    list.reload();
    summary.reload();
  });
  const href = (next: { tab?: ReferralTab; mitra?: string }) => referralListUrl({ tab: next.tab ?? tab, mitra: next.mitra ?? org });

  return (
    <section>
      <h1>{t('list.title')}</h1>
      <ul className="tabs" aria-label={t('list.tabs')}>
        {TABS.map((x) => (
          <li key={x}>
            <Link to={href({ tab: x })} aria-current={x === tab ? 'page' : undefined} data-tab={x}>
              {t(`tab.${x}` as 'tab.open')}
              {tabCount(x, summary.data) !== null && <span className="count">{tabCount(x, summary.data)}</span>}
            </Link>
          </li>
        ))}
      </ul>
      <SelectField id="partner-filter" label={t('list.partner')} value={org} onChange={(e) => navigate(href({ mitra: e.target.value }))}>
        <option value="">{t('list.allPartners')}</option>
        {orgs.data?.items.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </SelectField>
      {list.error && <p className="alert alert--error" role="alert">{list.error}</p>}
      <CursorCards list={list} empty={t('list.empty')} testId="referral-list">
        {(r) => (
          <li key={r.id} className="card" data-referral-id={r.id} data-status={r.status}>
            <p className="card__title">
              <Link to={`/rujukan/${r.id}`}>{r.number}</Link>
            </p>
            <StatusTags r={r} />
            <p className="card__meta">{r.subjectName ?? t('list.noName')} · {r.village.name ?? r.village.code}</p>
            <p className="card__meta">{r.service.name} · {r.organization.name}</p>
            <p className="card__meta">{t('list.due', { date: date(r.dueDate) })}</p>
            {r.outcome && <p className="card__meta">{t(`outcome.${r.outcome}` as 'outcome.fulfilled')}</p>}
          </li>
        )}
      </CursorCards>
    </section>
  );
}
