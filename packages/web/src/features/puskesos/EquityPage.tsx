import { useMemo, useState } from 'react';
import { EQUITY_HIGHER_IS_BETTER, EQUITY_METRICS, sortEquity } from '@slrt/core';
import type { EquityMetric, EquityRow, EquityView } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import type { Translate } from '../../i18n/i18n.tsx';
import { formats, metricText, type Formats } from './format.ts';
import './puskesos.css';
import { areaPageUrl, puskesosUrl } from '../../app/page-urls.ts';

type T = Translate<'puskesos'>;

/**
 * `/puskesos/kesetaraan`: the equity view. Per kecamatan (kabupaten) or per village
 * (kecamatan): one metric at a time on a tile map drawn from the area codes (no map server:
 * a square per area, in code order, shaded by quintile, worst darkest) and in a table sorted
 * by it. A kecamatan square drills down; a village row opens its Puskesos profile.
 */
export default function EquityPage() {
  const t = useT('puskesos');
  const { locale } = useLocale();
  const wilayah = useSearchParam('wilayah') ?? undefined;
  const [metric, setMetric] = useState<EquityMetric>('fundingPerResident');
  const [direction, setDirection] = useState<'asc' | 'desc'>(EQUITY_HIGHER_IS_BETTER.fundingPerResident ? 'asc' : 'desc');
  const { data, error, loading } = useResource<EquityView>('/puskesos/equity', { area: wilayah });
  const f = useMemo(() => formats(locale), [locale]);

  const pick = (m: EquityMetric) => {
    setMetric(m);
    // worst first: the kabupaten looks for who falls behind
    setDirection(EQUITY_HIGHER_IS_BETTER[m] ? 'asc' : 'desc');
  };
  const drill = data?.area.level === 'kabupaten';
  const rows = data ? (drill ? data.kecamatan : data.villages) : [];

  return (
    <section className="equity" data-area={data?.area.code}>
      <h1>{data ? t('equity.title', { name: data.area.name }) : t('equity.title.plain')}</h1>
      <p className="lead">{t('equity.intro')}</p>
      {error && <div className="alert alert--error" role="alert"><p>{error}</p></div>}
      {!data && loading && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          {!drill && data.area.level === 'kecamatan' && (
            <p><Link to="/puskesos/kesetaraan">{t('equity.back')}</Link></p>
          )}
          <div className="equity-controls">
            <div className="field">
              <label htmlFor="equity-metric">{t('equity.metric')}</label>
              <select id="equity-metric" value={metric} onChange={(e) => pick(e.target.value as EquityMetric)}>
                {EQUITY_METRICS.map((m) => <option key={m} value={m}>{t(`metric.${m}`)}</option>)}
              </select>
            </div>
            <button type="button" className="button button--small" data-testid="equity-direction" onClick={() => setDirection((d) => (d === 'asc' ? 'desc' : 'asc'))}>
              {direction === 'asc' ? t('equity.sort.asc') : t('equity.sort.desc')}
            </button>
          </div>
          <TileMap rows={rows} metric={metric} drill={drill} t={t} f={f} />
          <EquityTable rows={sortEquity(rows, metric, direction)} metric={metric} drill={drill} t={t} f={f} />
        </>
      )}
    </section>
  );
}

/** Quintile shade 0 (best) .. 4 (worst) of each row, or null where the metric cannot be computed. */
function shades(rows: readonly EquityRow[], metric: EquityMetric): Map<string, number | null> {
  const sorted = sortEquity(rows.filter((r) => r[metric] !== null), metric, EQUITY_HIGHER_IS_BETTER[metric] ? 'desc' : 'asc');
  const out = new Map<string, number | null>(rows.map((r) => [r.code, null]));
  sorted.forEach((r, i) => out.set(r.code, Math.min(4, Math.floor((i * 5) / Math.max(1, sorted.length)))));
  return out;
}

function TileMap({ rows, metric, drill, t, f }: { rows: readonly EquityRow[]; metric: EquityMetric; drill: boolean; t: T; f: Formats }) {
  const shade = shades(rows, metric);
  const days = (n: string) => t('value.days', { n });
  return (
    <figure className="equity-map" aria-labelledby="equity-map-caption">
      <ol className="equity-map__grid" data-testid="equity-map">
        {[...rows].sort((a, b) => (a.code < b.code ? -1 : 1)).map((r) => {
          const s = shade.get(r.code);
          const label = `${r.name}: ${metricText(f, metric, r[metric], t('value.none'), days)}`;
          const cls = `equity-map__tile equity-map__tile--${s === null || s === undefined ? 'none' : s}`;
          const short = r.code.split('.').at(-1);
          return (
            <li key={r.code} data-code={r.code} data-shade={s ?? 'none'}>
              {drill ? (
                <Link to={areaPageUrl('/puskesos/kesetaraan', r.code)} className={cls} aria-label={label} title={label}>{short}</Link>
              ) : (
                <Link to={puskesosUrl('', r.code)} className={cls} aria-label={label} title={label}>{short}</Link>
              )}
            </li>
          );
        })}
      </ol>
      <figcaption id="equity-map-caption" className="hint">{t('equity.map.caption', { metric: t(`metric.${metric}`) })}</figcaption>
      <ul className="equity-legend" aria-label={t('equity.legend')}>
        {[0, 1, 2, 3, 4].map((s) => <li key={s}><span className={`equity-map__swatch equity-map__tile--${s}`} aria-hidden="true" />{t(`equity.legend.${s}` as 'equity.legend.0')}</li>)}
        <li><span className="equity-map__swatch equity-map__tile--none" aria-hidden="true" />{t('value.none')}</li>
      </ul>
    </figure>
  );
}

function EquityTable({ rows, metric, drill, t, f }: { rows: readonly EquityRow[]; metric: EquityMetric; drill: boolean; t: T; f: Formats }) {
  const days = (n: string) => t('value.days', { n });
  return (
    <table className="equity-table" data-testid="equity-table">
      <caption>{t('equity.table.caption', { metric: t(`metric.${metric}`) })}</caption>
      <thead>
        <tr>
          <th scope="col">{drill ? t('equity.col.kecamatan') : t('equity.col.village')}</th>
          <th scope="col" className="num" aria-sort="other">{t(`metric.${metric}`)}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} data-code={r.code}>
            <th scope="row">
              {drill ? <Link to={areaPageUrl('/puskesos/kesetaraan', r.code)}>{r.name}</Link> : <Link to={puskesosUrl('', r.code)}>{r.name}</Link>}
              <span className="equity-table__facts">
                {t('equity.facts', { officers: f.n(r.officers), cases: typeof r.cases === 'number' ? f.n(r.cases) : r.cases })}
                {r.host && ` · ${t(`host.${r.host}`)}`}
              </span>
            </th>
            <td className="num" data-value={r[metric] ?? ''}>{metricText(f, metric, r[metric], t('value.none'), days)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
