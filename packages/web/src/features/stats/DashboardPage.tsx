import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { CASE_STATUS_LIST, caseCodeLabel, DESIL_BANDS, PROPOSAL_STATUSES, REFERRAL_STATUSES, STATS_REGISTRY_STATUSES, villageKind } from '@slrt/core';
import type { Locale, ShownCount, StatsArea, StatsChildRow, StatsOverview, StatsPartnerRow } from '@slrt/core';
import { buildUrl } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import type { Translate } from '../../i18n/i18n.tsx';
import { formatDate } from '../registry/format.ts';
import { BarChart, Legend } from './BarChart.tsx';
import { PeriodPicker, usePeriod } from '../../ui/PeriodPicker.tsx';
import type { Bar } from './BarChart.tsx';
import './stats.css';

/** The figures are fetched again every minute while the page is visible. */
const REFRESH_MS = 60_000;
/** Villages shown in the Puskesos load table before "show all". */
const LOAD_TOP = 10;

type T = Translate<'stats'>;

function formats(locale: Locale) {
  const tag = locale === 'id' ? 'id-ID' : 'en-GB';
  const whole = new Intl.NumberFormat(tag);
  const oneDecimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
  return {
    date: (ymd: string) => formatDate(ymd, locale),
    /** A count; for a reader without personal-data access a hidden one shows its marker (`<5`, `x`). */
    n: (v: ShownCount) => (typeof v === 'number' ? whole.format(v) : v),
    dec: (v: number) => oneDecimal.format(v),
    time: (iso: string) => time.format(new Date(iso)),
  };
}

function areaTitle(t: T, a: StatsArea): string {
  switch (a.level) {
    case 'kecamatan':
      return t('area.kecamatan', { name: a.name });
    case 'village':
      return villageKind(a.code) === 'kelurahan' ? t('area.kelurahan', { name: a.name }) : t('area.desa', { name: a.name });
    case 'kabupaten':
    case 'province':
      return a.name;
  }
}

/** A count for drawing a bar: a hidden count draws nothing (its size is what is hidden). */
const amount = (v: ShownCount) => (typeof v === 'number' ? v : 0);
/** True when a count is above zero (a small hidden count is; a complement may not be). */
const positive = (v: ShownCount) => v === '<5' || (typeof v === 'number' && v > 0);

const drillTo = (code: string) => `/dasbor?wilayah=${code}`;

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
      {error && (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={reload}>
            {t('action.retry')}
          </button>
        </div>
      )}
      {!data && loading && <p role="status">{t('app.loading')}</p>}
      {data && <Dashboard data={data} t={t} f={f} locale={locale} refreshing={loading} />}
    </section>
  );
}

type Formats = ReturnType<typeof formats>;

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

function ChartPanel({ title, note, children, id }: { title: string; note?: string; children: ReactNode; id: string }) {
  return (
    <section className="dash-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {note && <p className="hint">{note}</p>}
      {children}
    </section>
  );
}

function AreaChart({ data, t, f }: { data: StatsOverview; t: T; f: Formats }) {
  const rows = [...data.children].sort((a, b) => amount(b.casesOpen) - amount(a.casesOpen) || amount(b.casesTotal) - amount(a.casesTotal) || a.name.localeCompare(b.name));
  const title = data.childLevel === 'kecamatan' ? t('chart.kecamatan') : t('chart.village');
  const name = (c: StatsChildRow) => areaTitle(t, { code: c.code, name: c.name, level: data.childLevel ?? 'village' });
  const bars: Bar[] = rows.map((c) => ({
    key: c.code,
    label: name(c),
    detail: t('chart.areas.row', { open: f.n(c.casesOpen), overdue: f.n(c.casesOverdue), total: f.n(c.casesTotal) }),
    alert: positive(c.casesOverdue),
    segments: [
      { value: amount(c.casesOverdue), tone: 'alert' },
      { value: Math.max(0, amount(c.casesOpen) - amount(c.casesOverdue)), tone: 'main' },
      { value: Math.max(0, amount(c.casesTotal) - amount(c.casesOpen)), tone: 'soft' },
    ],
    to: drillTo(c.code),
  }));
  return (
    <ChartPanel id="chart-areas" title={title} note={t('chart.areas.note')}>
      <Legend
        label={t('legend.label')}
        items={[{ tone: 'alert', text: t('legend.overdue') }, { tone: 'main', text: t('legend.open') }, { tone: 'soft', text: t('legend.finished') }]}
      />
      <BarChart bars={bars} label={title} testId="chart-areas" />
    </ChartPanel>
  );
}

function SectorChart({ data, t, f, locale }: { data: StatsOverview; t: T; f: Formats; locale: Locale }) {
  const rows = data.cases.bySector.filter((s) => positive(s.total) || s.total === 'x').sort((a, b) => amount(b.total) - amount(a.total) || amount(b.open) - amount(a.open));
  const bars: Bar[] = rows.map((s) => ({
    key: s.sector,
    label: caseCodeLabel('sector', s.sector, locale),
    detail: t('chart.sectors.row', { open: f.n(s.open), total: f.n(s.total) }),
    segments: [{ value: amount(s.open), tone: 'main' }, { value: Math.max(0, amount(s.total) - amount(s.open)), tone: 'soft' }],
  }));
  return (
    <ChartPanel id="chart-sectors" title={t('chart.sectors')} note={t('chart.sectors.note')}>
      {bars.length === 0 ? (
        <p>{t('chart.empty')}</p>
      ) : (
        <>
          <Legend label={t('legend.label')} items={[{ tone: 'main', text: t('legend.open') }, { tone: 'soft', text: t('legend.finished') }]} />
          <BarChart bars={bars} label={t('chart.sectors')} testId="chart-sectors" />
        </>
      )}
    </ChartPanel>
  );
}

function PartnerChart({ partners, t, f, pct }: { partners: readonly StatsPartnerRow[]; t: T; f: Formats; pct: (r: number | null) => string }) {
  const bars: Bar[] = partners.map((p) => ({
    key: p.name,
    label: p.name,
    detail: t('chart.partners.row', { sent: f.n(p.sent), rate: pct(p.acceptanceRate), overdue: f.n(p.overdue) }),
    alert: positive(p.overdue),
    segments: [
      { value: amount(p.accepted), tone: 'ok' },
      { value: amount(p.declined), tone: 'alert' },
      { value: Math.max(0, amount(p.sent) - amount(p.accepted) - amount(p.declined)), tone: 'muted' },
    ],
  }));
  return (
    <ChartPanel id="chart-partners" title={t('chart.partners')} note={t('chart.partners.note')}>
      {bars.length === 0 ? (
        <p>{t('chart.empty')}</p>
      ) : (
        <>
          <Legend
            label={t('legend.label')}
            items={[{ tone: 'ok', text: t('legend.accepted') }, { tone: 'alert', text: t('legend.declined') }, { tone: 'muted', text: t('legend.unanswered') }]}
          />
          <BarChart bars={bars} label={t('chart.partners')} testId="chart-partners" />
        </>
      )}
    </ChartPanel>
  );
}

function LoadTable({ data, t, f, pct }: { data: StatsOverview; t: T; f: Formats; pct: (r: number | null) => string }) {
  const [all, setAll] = useState(false);
  const rows = all ? data.puskesosLoad : data.puskesosLoad.slice(0, LOAD_TOP);
  // inside one kecamatan every row has the same one
  const showKecamatan = data.area.level === 'kabupaten' || data.area.level === 'province';
  return (
    <ChartPanel id="load" title={t('load.title')} note={t('load.note')}>
      <div className="dash-table-wrap">
        <table className="dash-table" data-testid="stats-load">
          <thead>
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

function Residents({ data, t, f }: { data: StatsOverview; t: T; f: Formats }) {
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

function StatusCounts({ data, t, f, locale }: { data: StatsOverview; t: T; f: Formats; locale: Locale }) {
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
