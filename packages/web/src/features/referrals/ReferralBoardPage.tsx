import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { PeriodPicker, usePeriod } from '../../ui/PeriodPicker.tsx';
import { useLiveEvents } from './live.ts';
import type { ReferralBoard } from '@slrt/core';
import { useReferralLabels } from './labels.ts';
import './referrals.css';

/**
 * `/rujukan/papan`: for supervisors and the kabupaten, referrals of their area sent in the
 * period (this month by default) by status and overdue, and each partner's acceptance rate and time to accept and to complete. Counts
 * only: no resident appears here.
 */
export default function ReferralBoardPage() {
  const t = useT('referrals');
  const { status } = useReferralLabels();
  const period = usePeriod();
  const board = useResource<ReferralBoard>('/referrals/board', period.asked);
  useLiveEvents(['referral'], () => board.reload());
  const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v * 100)}%`);
  const num = (v: number | null, key: 'board.hours' | 'board.days') => (v === null ? '-' : t(key, { n: v }));
  return (
    <section>
      <h1>{t('board.title')}</h1>
      <PeriodPicker state={period} />
      {board.error && <p className="alert alert--error" role="alert">{board.error}</p>}
      {board.data && (
        <>
          <dl className="dl" data-testid="board-counts">
            {(['sent', 'accepted', 'in_service', 'completed', 'declined', 'cancelled'] as const).map((s) => (
              <div key={s}>
                <dt>{status(s)}</dt>
                <dd>{board.data!.byStatus[s]}</dd>
              </div>
            ))}
            <div>
              <dt>{t('tab.overdue')}</dt>
              <dd>{board.data.overdue}</dd>
            </div>
          </dl>
          <h2>{t('board.partners')}</h2>
          {board.data.partners.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <div className="stats-wrap">
              <table className="stats">
                <thead>
                  <tr>
                    <th scope="col">{t('board.partner')}</th>
                    <th scope="col">{t('board.total')}</th>
                    <th scope="col">{t('board.acceptance')}</th>
                    <th scope="col">{t('board.toAccept')}</th>
                    <th scope="col">{t('board.toComplete')}</th>
                    <th scope="col">{t('tab.overdue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.data.partners.map((p) => (
                    <tr key={p.organizationId} data-partner={p.organizationName}>
                      <th scope="row">{p.organizationName}</th>
                      <td>{p.total}</td>
                      <td>{pct(p.acceptanceRate)}</td>
                      <td>{num(p.avgHoursToAccept, 'board.hours')}</td>
                      <td>{num(p.avgDaysToComplete, 'board.days')}</td>
                      <td>{p.overdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
