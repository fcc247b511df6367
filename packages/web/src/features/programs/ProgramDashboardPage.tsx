import { useMemo } from 'react';
import type { AreaQuery, AssistanceTotals, ProgramStats } from '@slrt/core';
import { useUser } from '../../api/session.tsx';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { numberFormats } from '../../i18n/number-format.ts';
import './programs.css';
import { areaPageUrl } from '../../app/page-urls.ts';

type Shown = number | string | null;

/**
 * `/program/dasbor` (`?wilayah=`; default the user's area): per program in force, the
 * households screened, eligible, of unknown eligibility, enrolled, eligible but not enrolled
 * (exclusion) and enrolled but not eligible (inclusion); and the assistance delivered this year
 * by funding source, program and child area (each child area opens its own dashboard).
 * Aggregates only; small counts arrive as "<5" for readers without personal-data access.
 */
export default function ProgramDashboardPage() {
  const t = useT('programs');
  const { locale } = useLocale();
  const user = useUser();
  const own = user.roles.map((r) => r.areaCode).filter((c): c is string => Boolean(c)).sort((a, b) => a.length - b.length)[0];
  const area = useSearchParam('wilayah') ?? own ?? '';
  const year = new Date().getFullYear();
  const stats = useResource<ProgramStats>(area ? '/programs/stats' : null, { area } satisfies AreaQuery);
  const totals = useResource<AssistanceTotals>(area ? '/assistance/totals' : null, { area, from: `${year}-01`, to: `${year}-12` });
  const fmt = useMemo(() => {
    const numbers = numberFormats(locale);
    return { n: (v: Shown) => (typeof v === 'number' ? numbers.n(v) : v ?? '–'), rp: numbers.rupiah };
  }, [locale]);
  const error = stats.error ?? totals.error;

  return (
    <section className="program-dashboard" data-area={stats.data?.area.code}>
      <h1>{stats.data ? t('dashboard.title', { name: stats.data.area.name }) : t('dashboard.title.plain')}</h1>
      <p className="lead">{t('dashboard.lead')}</p>
      {error && <div className="alert alert--error" role="alert"><p>{error}</p></div>}
      {(stats.loading || totals.loading) && <p role="status">{t('screening.loading')}</p>}
      {stats.data && (
        <>
          {stats.data.suppressedBelow !== null && <p className="alert alert--info">{t('dashboard.suppressed', { n: stats.data.suppressedBelow })}</p>}
          <p className="hint">{t('dashboard.asOf', { date: stats.data.date, n: fmt.n(stats.data.households) })}</p>
          <div className="program-dashboard__scroll">
            <table className="program-table" data-testid="program-stats">
              <caption>{t('dashboard.targeting')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.program')}</th>
                  <th scope="col" className="num">{t('dashboard.eligible')}</th>
                  <th scope="col" className="num">{t('dashboard.enrolled')}</th>
                  <th scope="col" className="num">{t('dashboard.exclusion')}</th>
                  <th scope="col" className="num">{t('dashboard.inclusion')}</th>
                  <th scope="col" className="num">{t('dashboard.unknown')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.data.programs.map((p) => (
                  <tr key={p.program} data-program={p.program}>
                    <th scope="row">{p.program}<span className="hint program-table__name">{p.programName}</span></th>
                    <td className="num" data-col="eligible">{fmt.n(p.eligible)}</td>
                    <td className="num" data-col="enrolled">{fmt.n(p.enrolled)}</td>
                    <td className="num" data-col="exclusion">{fmt.n(p.exclusion)}</td>
                    <td className="num" data-col="inclusion">{fmt.n(p.inclusion)}</td>
                    <td className="num" data-col="unknown">{fmt.n(p.unknown)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {totals.data && (
        <>
          <h2>{t('dashboard.assistance', { year })}</h2>
          <p data-testid="assistance-total">{t('dashboard.assistanceTotal', { value: fmt.rp(totals.data.total.valueIdr), n: fmt.n(totals.data.total.households) })}</p>
          {totals.data.duplicates !== 0 && <p className="alert alert--warning">{t('dashboard.duplicates', { n: fmt.n(totals.data.duplicates) })}</p>}
          <TotalsTable caption={t('dashboard.bySource')} rows={totals.data.bySource} fmt={fmt} testId="assistance-by-source" t={t} />
          <TotalsTable caption={t('dashboard.byProgram')} rows={totals.data.byProgram} fmt={fmt} t={t} />
          <TotalsTable caption={t('dashboard.byArea')} rows={totals.data.byArea} fmt={fmt} t={t} link={(key) => areaPageUrl('/program/dasbor', key)} />
        </>
      )}
    </section>
  );
}

function TotalsTable({ caption, rows, fmt, testId, link, t }: {
  caption: string;
  rows: AssistanceTotals['bySource'];
  fmt: { n: (v: Shown) => string; rp: (v: number) => string };
  testId?: string;
  link?: (key: string) => string;
  t: ReturnType<typeof useT<'programs'>>;
}) {
  if (rows.length === 0) return null;
  return (
    <div className="program-dashboard__scroll">
      <table className="program-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.name')}</th>
            <th scope="col" className="num">{t('dashboard.households')}</th>
            <th scope="col" className="num">{t('dashboard.value')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{link && r.key ? <Link to={link(r.key)}>{r.label}</Link> : r.label}</th>
              <td className="num">{fmt.n(r.households)}</td>
              <td className="num">{fmt.rp(r.valueIdr)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
