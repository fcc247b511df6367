import { useMemo } from 'react';
import type React from 'react';
import type { TrainingGap, TrainingView } from '@slrt/core';
import { apiFetch, buildUrl } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { saveDownload } from '../../ui/download.ts';
import { useFormAction } from '../../ui/use-form-action.ts';
import './puskesos.css';
import { areaPageUrl } from '../../app/page-urls.ts';

/**
 * `/puskesos/pelatihan`: who in the area (the supervisor's kecamatan, the kabupaten) lacks a
 * training their position needs, grouped by training, with the invitation list of each as
 * PDF or XLSX for planning a session. The kabupaten's view first counts the gaps per kecamatan;
 * a kecamatan opens its own lists (`?wilayah=`).
 */
export default function TrainingGapsPage() {
  const t = useT('puskesos');
  const wilayah = useSearchParam('wilayah') ?? undefined;
  const gaps = useResource<{ area: { code: string; name: string }; items: TrainingGap[] }>('/trainings/gaps', { area: wilayah });
  const catalog = useResource<{ items: TrainingView[] }>('/trainings');
  const downloading = useFormAction();
  const byTraining = useMemo(() => {
    const m = new Map<string, TrainingGap[]>();
    for (const g of gaps.data?.items ?? []) for (const x of g.missing) m.set(x.trainingId, [...(m.get(x.trainingId) ?? []), g]);
    return m;
  }, [gaps.data]);
  const byKecamatan = useMemo(() => {
    const m = new Map<string, { name: string; officers: number; villages: Set<string> }>();
    for (const g of gaps.data?.items ?? []) {
      const k = m.get(g.kecamatanCode) ?? { name: g.kecamatanName, officers: 0, villages: new Set<string>() };
      k.officers++;
      k.villages.add(g.villageCode);
      m.set(g.kecamatanCode, k);
    }
    return [...m.entries()].sort((a, b) => b[1].officers - a[1].officers || a[1].name.localeCompare(b[1].name));
  }, [gaps.data]);
  const kabupatenView = gaps.data !== null && gaps.data.area.code.split('.').length === 2;

  const download = async (e: React.MouseEvent<HTMLAnchorElement>, trainingId: string, format: 'pdf' | 'xlsx') => {
    e.preventDefault();
    if (!gaps.data) return;
    const area = gaps.data.area.code;
    await downloading.run(async () => saveDownload(await apiFetch('GET', `/trainings/${trainingId}/invitations`, { query: { area, format } }), `undangan.${format}`));
  };

  return (
    <section className="training-gaps" data-area={gaps.data?.area.code}>
      <h1>{gaps.data ? t('training.title', { name: gaps.data.area.name }) : t('training.title.plain')}</h1>
      <p className="lead">{t('training.intro')}</p>
      <p><Link to="/puskesos/pelatihan/katalog">{t('nav.catalog')}</Link>{wilayah && <> · <Link to="/puskesos/pelatihan">{t('training.whole')}</Link></>}</p>
      {(gaps.error ?? catalog.error) && <div className="alert alert--error" role="alert"><p>{gaps.error ?? catalog.error}</p></div>}
      {downloading.message && <div className="alert alert--error" role="alert"><p>{downloading.message}</p></div>}
      {gaps.loading && <p role="status">{t('app.loading')}</p>}
      {kabupatenView && byKecamatan.length > 0 && (
        <>
          <h2>{t('training.byKecamatan')}</h2>
          <table className="equity-table" data-testid="training-by-kecamatan">
            <thead><tr><th scope="col">{t('training.col.kecamatan')}</th><th scope="col" className="num">{t('training.col.officers')}</th><th scope="col" className="num">{t('training.col.villages')}</th></tr></thead>
            <tbody>
              {byKecamatan.map(([code, k]) => (
                <tr key={code} data-code={code}>
                  <th scope="row"><Link to={areaPageUrl('/puskesos/pelatihan', code)} aria-label={t('training.open', { name: k.name })}>{k.name}</Link></th>
                  <td className="num">{k.officers}</td>
                  <td className="num">{k.villages.size}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {gaps.data && catalog.data && (
        byTraining.size === 0 ? <p>{t('training.none')}</p> : (
          catalog.data.items.filter((c) => byTraining.has(c.id)).map((c) => {
            const officers = byTraining.get(c.id) ?? [];
            return (
              <section key={c.id} className="card" data-training={c.id} aria-labelledby={`training-${c.id}`}>
                <h2 id={`training-${c.id}`}>{c.title}</h2>
                <p className="hint">{t('training.lacking', { n: officers.length, hours: c.hours })}</p>
                <ul>
                  {officers.map((o) => <li key={o.officerId}>{o.name} <span className="hint">({t(`position.${o.position}`)}, {o.villageName})</span></li>)}
                </ul>
                <div className="report-downloads">
                  <a className="button button--small" data-testid="invitation-pdf" href={buildUrl(`/trainings/${c.id}/invitations`, { area: gaps.data?.area.code, format: 'pdf' })} download onClick={(e) => void download(e, c.id, 'pdf')}>{t('training.pdf')}</a>
                  <a className="button button--small" data-testid="invitation-xlsx" href={buildUrl(`/trainings/${c.id}/invitations`, { area: gaps.data?.area.code, format: 'xlsx' })} download onClick={(e) => void download(e, c.id, 'xlsx')}>{t('training.xlsx')}</a>
                </div>
              </section>
            );
          })
        )
      )}
    </section>
  );
}
