import type { PROPOSAL_STATUSES, ProgressRow } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { PeriodPicker, usePeriod } from '../../ui/PeriodPicker.tsx';
import './proposals.css';
import { proposalListUrl, proposalProgressUrl } from '../../app/page-urls.ts';

/** The statuses the board shows as columns; the rest are counted in the total. */
const COLUMNS = ['awaiting_verification', 'needs_review', 'verified', 'reviewed', 'kab_verified', 'approved', 'sent', 'accepted'] as const satisfies readonly (typeof PROPOSAL_STATUSES)[number][];

/** `/usulan/rekap`: proposals opened in the period (this month by default) per village or kecamatan in the caller's area, with those past the cut-off. */
export default function ProgressPage() {
  const t = useT('proposals');
  const level = useSearchParam('tingkat') === 'kecamatan' ? 'kecamatan' : 'village';
  const period = usePeriod();
  const progress = useResource<{ items: ProgressRow[]; today: string }>('/proposals/progress', { level, ...period.asked });
  const rows = progress.data?.items ?? [];
  return (
    <section>
      <h1>{t('progress.title')}</h1>
      <ul className="tabs" aria-label={t('progress.level')}>
        {(['village', 'kecamatan'] as const).map((l) => (
          <li key={l}>
            <Link to={proposalProgressUrl({ tingkat: l })} aria-current={l === level ? 'page' : undefined}>
              {t(`progress.by.${l}`)}
            </Link>
          </li>
        ))}
      </ul>
      <PeriodPicker state={period} />
      {progress.error && <p className="alert alert--error">{progress.error}</p>}
      {progress.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <div className="p-table-wrap">
          <table className="p-table" data-testid="progress">
            <thead>
              <tr>
                <th>{t(`progress.by.${level}`)}</th>
                {COLUMNS.map((c) => (
                  <th key={c} className="num">
                    {t(`status.${c}`)}
                  </th>
                ))}
                <th className="num">{t('progress.overdue')}</th>
                <th className="num">{t('progress.total')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.areaCode} data-area={r.areaCode}>
                  <td>
                    <Link to={proposalListUrl({ daftar: 'all', wilayah: r.areaCode })}>{r.areaName}</Link>
                  </td>
                  {COLUMNS.map((c) => (
                    <td key={c} className="num">
                      {r.counts[c] ?? 0}
                    </td>
                  ))}
                  <td className="num">{r.overdue}</td>
                  <td className="num">{r.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
