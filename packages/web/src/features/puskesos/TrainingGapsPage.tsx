import { useMemo, useState } from 'react';
import type React from 'react';
import type { TrainingGap, TrainingView } from '@slrt/core';
import { apiFetch, buildUrl, errorMessage } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { saveBlob } from '../cases/case-api.ts';
import './puskesos.css';

/**
 * `/puskesos/pelatihan`: who in the area (the supervisor's kecamatan, the kabupaten) lacks a
 * training their position needs, grouped by training, with the invitation list of each as
 * PDF or XLSX for planning a session.
 */
export default function TrainingGapsPage() {
  const t = useT('puskesos');
  const wilayah = useSearchParam('wilayah') ?? undefined;
  const gaps = useResource<{ area: { code: string; name: string }; items: TrainingGap[] }>('/trainings/gaps', { area: wilayah });
  const catalog = useResource<{ items: TrainingView[] }>('/trainings');
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const byTraining = useMemo(() => {
    const m = new Map<string, TrainingGap[]>();
    for (const g of gaps.data?.items ?? []) for (const x of g.missing) m.set(x.trainingId, [...(m.get(x.trainingId) ?? []), g]);
    return m;
  }, [gaps.data]);

  const download = async (e: React.MouseEvent<HTMLAnchorElement>, trainingId: string, format: 'pdf' | 'xlsx') => {
    e.preventDefault();
    if (!gaps.data) return;
    setDownloadError(null);
    try {
      const response = await apiFetch('GET', `/trainings/${trainingId}/invitations`, { query: { area: gaps.data.area.code, format } });
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `undangan.${format}`;
      saveBlob(await response.blob(), name);
    } catch (err) {
      setDownloadError(errorMessage(err));
    }
  };

  return (
    <section className="training-gaps" data-area={gaps.data?.area.code}>
      <h1>{gaps.data ? t('training.title', { name: gaps.data.area.name }) : t('training.title.plain')}</h1>
      <p className="lead">{t('training.intro')}</p>
      <p><Link to="/puskesos/pelatihan/katalog">{t('nav.catalog')}</Link></p>
      {(gaps.error ?? catalog.error) && <div className="alert alert--error" role="alert"><p>{gaps.error ?? catalog.error}</p></div>}
      {downloadError && <div className="alert alert--error" role="alert"><p>{downloadError}</p></div>}
      {gaps.loading && <p role="status">{t('app.loading')}</p>}
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
