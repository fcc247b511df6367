import { useMemo } from 'react';
import type React from 'react';
import type { MonthlyReport } from '@slrt/core';
import { apiFetch, buildUrl } from '../../api/client.ts';
import { saveDownload } from '../../ui/download.ts';
import { useFormAction } from '../../ui/use-form-action.ts';
import { useUser } from '../../api/session.tsx';
import { useResource } from '../../api/use-resource.ts';
import { useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { PeriodPicker, usePeriod } from '../../ui/PeriodPicker.tsx';
import { formatDate } from '../registry/format.ts';
import { formats } from './format.ts';
import '../stats/stats.css';
import './puskesos.css';

/**
 * `/laporan`: the SLRT report of the user's area (or `?wilayah=`) for the period picked (this
 * month by default, last month, this quarter, this year or two dates): headline figures on screen, the whole report as PDF (printable, with the Dinas
 * letterhead) or XLSX, and the villages that reported nothing.
 */
export default function ReportPage() {
  const t = useT('puskesos');
  const { locale } = useLocale();
  const user = useUser();
  const own = user.roles.map((r) => r.areaCode).filter((c): c is string => Boolean(c)).sort((a, b) => a.length - b.length)[0];
  const area = useSearchParam('wilayah') ?? own ?? '';
  const period = usePeriod();
  const { data, error, loading } = useResource<MonthlyReport>(area ? '/reports/monthly' : null, { area, ...period.asked });
  const f = useMemo(() => formats(locale), [locale]);
  const n = (v: number | string) => (typeof v === 'number' ? f.n(v) : v);
  const downloading = useFormAction();

  // fetched rather than followed, so the file is written in the language of the screen
  const download = async (event: React.MouseEvent<HTMLAnchorElement>, format: 'pdf' | 'xlsx') => {
    event.preventDefault();
    if (!data) return;
    await downloading.run(async () => saveDownload(await apiFetch('GET', '/reports/monthly', { query: { area: data.area.code, ...period.asked, format } }), `laporan.${format}`));
  };

  return (
    <section className="report" data-period={data?.period.label} data-area={data?.area.code}>
      <h1>{data ? t('report.title', { name: data.area.name }) : t('report.title.plain')}</h1>
      <p className="lead">{t('report.intro')}</p>
      <PeriodPicker state={period} />
      {error && <div className="alert alert--error" role="alert"><p>{error}</p></div>}
      {loading && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          <p className="hint">{t('report.period', { period: data.period.kind === 'custom' ? `${formatDate(period.asked.from, locale)} – ${formatDate(period.asked.to, locale)}` : data.period.label })}</p>
          <div className="report-downloads">
            <a className="button button--primary" data-testid="report-pdf" href={buildUrl('/reports/monthly', { area: data.area.code, ...period.asked, format: 'pdf' })} download onClick={(e) => void download(e, 'pdf')}>{t('report.pdf')}</a>
            <a className="button" data-testid="report-xlsx" href={buildUrl('/reports/monthly', { area: data.area.code, ...period.asked, format: 'xlsx' })} download onClick={(e) => void download(e, 'xlsx')}>{t('report.xlsx')}</a>
          </div>
          {downloading.message && <div className="alert alert--error" role="alert"><p>{downloading.message}</p></div>}
          {data.suppressed && <p className="alert alert--info">{t('report.suppressed')}</p>}
          <dl className="dash-tiles" data-testid="report-headline">
            <Tile label={t('report.cases')} value={n(data.cases.registered)} />
            <Tile label={t('report.referrals')} value={n(data.referrals.sent)} />
            <Tile label={t('report.proposals')} value={n(data.proposals.entered)} />
            <Tile label={t('report.assistance')} value={f.rupiah(data.assistance.valueIdr)} />
            <Tile label={t('report.outreach')} value={f.n(data.outreach.reached)} />
            <Tile label={t('report.puskesos')} value={f.n(data.capacity.puskesos)} />
            <Tile label={t('report.officers')} value={f.n(data.capacity.officers)} />
          </dl>
          <p data-testid="report-vacancies">
            {data.capacity.vacancies === 0 ? t('officers.noVacancies') : t('officers.vacancies', {
              positions: data.capacity.vacanciesByPosition.filter((v) => v.vacancies > 0).map((v) => `${t(`position.${v.position}`)} (${f.n(v.vacancies)})`).join(', '),
            })}
          </p>
          {data.area.level !== 'village' && (
            <>
              <h2>{t('report.silent', { n: data.silentVillages.length })}</h2>
              <ul data-testid="report-silent">
                {data.silentVillages.map((v) => <li key={v.code}>{v.name} <span className="hint">({v.kecamatanName})</span></li>)}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function Tile({ label, value }: { label: string; value: string }) {
  return (
    <div className="dash-tile">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
