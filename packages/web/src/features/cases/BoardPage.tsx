import type { CaseBoard } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { PeriodPicker, usePeriod } from '../../ui/PeriodPicker.tsx';
import { LoadError } from '../../ui/LoadError.tsx';
import './cases.css';
import { caseBoardUrl, caseListUrl } from '../../app/page-urls.ts';

/**
 * `/kasus/papan`: the supervisor's kecamatan with its villages side by side (the Manajer SLRT
 * sees the kecamatan of the kabupaten and opens one): open, new, overdue, waiting for a
 * decision, escalated (as they stand now); registered and resolved in the period (this month
 * by default).
 */
export default function BoardPage() {
  const t = useT('cases');
  const area = useSearchParam('wilayah') ?? undefined;
  const period = usePeriod();
  const { data, error, loading, reload } = useResource<CaseBoard>('/cases/board', { area, ...period.asked });
  return (
    <section>
      <h1>{data ? t('board.titleOf', { name: data.area.name }) : t('board.title')}</h1>
      <PeriodPicker state={period} />
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && <p role="status">{t('app.loading')}</p>}
      {data && (
        <ul className="board" data-testid="board">
          {data.rows.map((r) => {
            const drill = data.area.level === 'kabupaten';
            return (
              <li key={r.code} data-area={r.code}>
                <p className="board__name">
                  <Link to={drill ? caseBoardUrl({ wilayah: r.code }) : caseListUrl({ daftar: 'open', wilayah: r.code })}>{r.name}</Link>
                </p>
                <dl>
                  <dt>{t('board.open')}</dt>
                  <dd>{r.open}</dd>
                  <dt>{t('board.new')}</dt>
                  <dd>{r.new}</dd>
                  <dt className={r.overdue ? 'board__alert' : undefined}>{t('board.overdue')}</dt>
                  <dd className={r.overdue ? 'board__alert' : undefined}>{r.overdue}</dd>
                  <dt>{t('board.awaitingDecision')}</dt>
                  <dd>{r.awaitingDecision}</dd>
                  <dt>{t('board.escalated')}</dt>
                  <dd>{r.escalated}</dd>
                  <dt>{t('board.registered')}</dt>
                  <dd>{r.registered}</dd>
                  <dt>{t('board.resolved')}</dt>
                  <dd>{r.resolved}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
