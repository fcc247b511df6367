import { useEffect, useMemo } from 'react';
import type { Locale, StatsOverview } from '@slrt/core';
import { buildUrl } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { PeriodPicker, usePeriod } from '../../ui/PeriodPicker.tsx';
import { AreaChart, PartnerChart, SectorChart } from './DashboardCharts.tsx';
import { LoadTable, Residents, StatusCounts } from './DashboardTables.tsx';
import { areaTitle, drillTo, formats, positive, type Formats, type T } from './dashboard-format.ts';
import { LoadError } from '../../ui/LoadError.tsx';
import './stats.css';

/** The figures are fetched again every minute while the page is visible. */
const REFRESH_MS = 60_000;
/** Fetches again every `REFRESH_MS` while the tab is visible (a wall screen in the office stays current). */
function useAutoRefresh(reload: () => void) {
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, REFRESH_MS);
    return () => window.clearInterval(id);
  }, [reload]);
}

/**
 * `/dasbor`: what an area is responsible for, live, in aggregates only (no resident, no
 * officer named): headline numbers, cases per child area (a bar drills down: kabupaten ->
 * kecamatan -> village), cases per sector, referrals per partner, the Puskesos load per
 * village, the registry by decile and status, proposals. `?wilayah=` picks the area (default
 * the user's own); "Unduh CSV" takes the same figures away for reporting upward.
 */
export default function DashboardPage() {
  const t = useT('stats');
  const { locale } = useLocale();
  const wilayah = useSearchParam('wilayah') ?? undefined;
  const period = usePeriod();
  const { asked } = period;
  const { data, error, loading, reload } = useResource<StatsOverview>('/stats/overview', { area: wilayah, from: asked.from, to: asked.to });
  useAutoRefresh(reload);
  const f = useMemo(() => formats(locale), [locale]);

  return (
    <section className="dash" data-area={data?.area.code}>
      <h1>{data ? t('title', { name: areaTitle(t, data.area) }) : t('title.plain')}</h1>
      <p className="lead">{t('intro')}</p>
      <PeriodPicker state={period} />
      {error && <LoadError error={error} onRetry={reload} />}
      {!data && loading && <p role="status">{t('app.loading')}</p>}
      {data && <Dashboard data={data} t={t} f={f} locale={locale} refreshing={loading} />}
    </section>
  );
}

function Dashboard({ data, t, f, locale, refreshing }: { data: StatsOverview; t: T; f: Formats; locale: Locale; refreshing: boolean }) {
  const pct = (rate: number | null) => (rate === null ? t('value.none') : t('value.percent', { n: Math.round(rate * 100) }));
  const days = (d: number | null) => (d === null ? t('value.none') : t('value.days', { n: f.dec(d) }));
  return (
    <>
      {data.parents.length > 0 && (
        <nav className="dash-crumbs" aria-label={t('breadcrumb')}>
          <ol>
            {data.parents.map((p) => (
              <li key={p.code}>
                <Link to={drillTo(p.code)}>{areaTitle(t, p)}</Link>
              </li>
            ))}
            <li aria-current="page">{areaTitle(t, data.area)}</li>
          </ol>
        </nav>
      )}
      <div className="dash-meta">
        <p role="status">
          {t('updated', { time: f.time(data.generatedAt) })}
          {refreshing && <span className="dash-meta__busy"> · {t('refreshing')}</span>}
        </p>
        {data.readFrom.replica && (
          <p data-testid="stats-replica">
            {data.readFrom.lagSeconds === null ? t('replica.unknown') : t('replica.lag', { seconds: f.dec(data.readFrom.lagSeconds) })}
          </p>
        )}
        <p data-testid="stats-period-shown">{t('period.shown', { from: f.date(data.period.from), to: f.date(data.period.to) })}</p>
        <a className="button button--small" href={buildUrl('/stats/overview.csv', { area: data.area.code, from: data.period.from, to: data.period.to, lang: locale })} download data-testid="stats-csv">
          {t('csv')}
        </a>
      </div>

      <dl className="dash-tiles" aria-label={t('headline.label')} data-testid="stats-headline">
        <Tile label={t('headline.casesOpen')} value={f.n(data.cases.open)} />
        <Tile label={t('headline.casesOverdue')} value={f.n(data.cases.overdue)} alert={positive(data.cases.overdue)} />
        <Tile label={t('headline.fastTrackOpen')} value={f.n(data.cases.fastTrackOpen)} />
        <Tile label={t('headline.escalatedOpen')} value={f.n(data.cases.escalatedOpen)} />
        <Tile label={t('headline.toFirstAction')} value={days(data.cases.medianDaysToFirstAction)} />
        <Tile label={t('headline.toClose')} value={days(data.cases.medianDaysToClose)} />
        <Tile label={t('headline.referralsOpen')} value={f.n(data.referrals.open)} />
        <Tile label={t('headline.referralsOverdue')} value={f.n(data.referrals.overdue)} alert={positive(data.referrals.overdue)} />
        <Tile label={t('headline.acceptance')} value={pct(data.referrals.acceptanceRate)} />
        <Tile label={t('headline.toAccept')} value={days(data.referrals.medianDaysToAccept)} />
        <Tile label={t('headline.waitingNational')} value={f.n(data.proposals.waitingNational)} />
        <Tile label={t('headline.residents')} value={f.n(data.residents.active)} />
      </dl>

      {data.suppressed && <p className="hint" data-testid="stats-suppressed">{t('suppressed.note')}</p>}
      {data.childLevel && <AreaChart data={data} t={t} f={f} />}
      <SectorChart data={data} t={t} f={f} locale={locale} />
      <PartnerChart partners={data.referrals.partners} t={t} f={f} pct={pct} />
      <LoadTable data={data} t={t} f={f} pct={pct} />
      <Residents data={data} t={t} f={f} />
      <StatusCounts data={data} t={t} f={f} locale={locale} />
    </>
  );
}

function Tile({ label, value, alert = false }: { label: string; value: string; alert?: boolean }) {
  return (
    <div className={alert ? 'dash-tile dash-tile--alert' : 'dash-tile'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

