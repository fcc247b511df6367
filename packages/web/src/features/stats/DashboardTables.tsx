import { useState } from 'react';
import { CASE_STATUS_LIST, DESIL_BANDS, PROPOSAL_STATUSES, REFERRAL_STATUSES, STATS_REGISTRY_STATUSES } from '@slrt/core';
import type { Locale, StatsOverview } from '@slrt/core';
import { Link } from '../../app/router.tsx';
import { BarChart } from './BarChart.tsx';
import type { Bar } from './BarChart.tsx';
import { ChartPanel } from './DashboardCharts.tsx';
import { amount, drillTo, positive, type Formats, type T } from './dashboard-format.ts';

/** The dashboard's tables: the Puskesos load per village, residents by desil, counts by status. */


/** Villages shown in the Puskesos load table before "show all". */
const LOAD_TOP = 10;

export function LoadTable({ data, t, f, pct }: { data: StatsOverview; t: T; f: Formats; pct: (r: number | null) => string }) {
  const [all, setAll] = useState(false);
  const rows = all ? data.puskesosLoad : data.puskesosLoad.slice(0, LOAD_TOP);
  // inside one kecamatan every row has the same one
  const showKecamatan = data.area.level === 'kabupaten' || data.area.level === 'province';
  return (
    <ChartPanel id="load" title={t('load.title')} note={t('load.note')}>
      <div className="dash-table-wrap">
        <table className="dash-table" data-testid="stats-load">
          {/* on a phone each row is a card whose figures carry their own labels: the header row is for screen readers */}
          <thead className="visually-hidden visually-hidden--phone">
            <tr>
              <th scope="col">{t('load.village')}</th>
              <th scope="col">{t('load.officers')}</th>
              <th scope="col">{t('load.open')}</th>
              <th scope="col">{t('load.perOfficer')}</th>
              <th scope="col">{t('load.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const unstaffed = r.officers === 0 && positive(r.openCases);
              return (
                <tr key={r.code} data-village={r.code} className={unstaffed ? 'dash-table__alert' : undefined}>
                  <th scope="row">
                    <Link to={drillTo(r.code)}>{r.name}</Link>
                    {showKecamatan && <span className="dash-table__sub">{t('load.kecamatan', { name: r.kecamatanName })}</span>}
                  </th>
                  <td data-label={t('load.officers')}>{f.n(r.officers)}</td>
                  <td data-label={t('load.open')}>{f.n(r.openCases)}</td>
                  <td data-label={t('load.perOfficer')}>{r.casesPerOfficer === null ? (unstaffed ? t('load.noOfficer') : t('value.none')) : f.dec(r.casesPerOfficer)}</td>
                  <td data-label={t('load.overdue')}>{r.overdueShare !== null ? t('load.overdueShare', { n: f.n(r.overdue), share: pct(r.overdueShare) }) : f.n(r.overdue)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {data.puskesosLoad.length > LOAD_TOP && (
        <button type="button" className="button button--small" onClick={() => setAll((v) => !v)} aria-expanded={all}>
          {all ? t('load.showTop', { n: LOAD_TOP }) : t('load.showAll', { n: f.n(data.puskesosLoad.length) })}
        </button>
      )}
    </ChartPanel>
  );
}

export function Residents({ data, t, f }: { data: StatsOverview; t: T; f: Formats }) {
  const bars: Bar[] = DESIL_BANDS.map((band) => ({
    key: band,
    label: band === 'none' ? t('desil.none') : t('desil.band', { band }),
    detail: f.n(data.residents.byDesil[band]),
    segments: [{ value: amount(data.residents.byDesil[band]), tone: band === 'none' ? 'muted' : 'main' }],
  }));
  return (
    <ChartPanel id="chart-desil" title={t('chart.desil')} note={t('chart.desil.note')}>
      {data.residents.total === 0 ? <p>{t('chart.empty')}</p> : <BarChart bars={bars} label={t('chart.desil')} testId="chart-desil" />}
      <h3>{t('section.residents')}</h3>
      <dl className="dash-counts">
        {STATS_REGISTRY_STATUSES.map((s) => (
          <div key={s}>
            <dt>{t(`registry.${s}`)}</dt>
            <dd>{f.n(data.residents.byStatus[s])}</dd>
          </div>
        ))}
      </dl>
    </ChartPanel>
  );
}

export function StatusCounts({ data, t, f, locale }: { data: StatsOverview; t: T; f: Formats; locale: Locale }) {
  const proposals = PROPOSAL_STATUSES.filter((s) => data.proposals.byStatus[s] !== 0);
  return (
    <div className="dash-columns">
      <ChartPanel id="case-status" title={t('section.cases')}>
        <dl className="dash-counts">
          {CASE_STATUS_LIST.map((s) => (
            <div key={s.code}>
              <dt>{s[locale]}</dt>
              <dd>{f.n(data.cases.byStatus[s.code])}</dd>
            </div>
          ))}
          <div>
            <dt>{t('total')}</dt>
            <dd>{f.n(data.cases.total)}</dd>
          </div>
        </dl>
      </ChartPanel>
      <ChartPanel id="referral-status" title={t('section.referrals')}>
        <dl className="dash-counts">
          {REFERRAL_STATUSES.map((s) => (
            <div key={s}>
              <dt>{t(`referral.${s}`)}</dt>
              <dd>{f.n(data.referrals.byStatus[s])}</dd>
            </div>
          ))}
          <div>
            <dt>{t('total')}</dt>
            <dd>{f.n(data.referrals.total)}</dd>
          </div>
        </dl>
      </ChartPanel>
      <ChartPanel id="proposal-status" title={t('section.proposals')}>
        <dl className="dash-counts">
          {proposals.map((s) => (
            <div key={s}>
              <dt>{t(`proposal.${s}`)}</dt>
              <dd>{f.n(data.proposals.byStatus[s])}</dd>
            </div>
          ))}
          <div>
            <dt>{t('proposals.inProgress')}</dt>
            <dd>{f.n(data.proposals.inProgress)}</dd>
          </div>
          <div>
            <dt>{t('total')}</dt>
            <dd>{f.n(data.proposals.total)}</dd>
          </div>
        </dl>
      </ChartPanel>
    </div>
  );
}
