import { useCallback, useEffect, useState } from 'react';
import type { DuplicatePairView, DuplicateRunView } from '@slrt/core';
import { api, errorMessage } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { formatDate } from './format.ts';
import './registry.css';

const duplicatePairPath = (id: string) => `/registri/data-ganda/${encodeURIComponent(id)}`;

/**
 * `/registri/data-ganda`: pairs of records that are likely one person, best score first; the
 * kabupaten starts a check of the whole registry and sees the weights it learned.
 */
export default function DuplicatesPage() {
  const t = useT('registry');
  const user = useUser();
  const mayRun = permissionsOf(user).has('registry.duplicates.run');
  const [runId, setRunId] = useState<string | null>(null);
  const pairs = useResource<{ items: DuplicatePairView[]; nextCursor: string | null }>('/registry/duplicate-pairs', { status: 'open', limit: 100 });
  return (
    <section className="registry duplicates">
      <h1>{t('duplicates.title')}</h1>
      <p className="lead">{t('duplicates.lead')}</p>
      {mayRun && <RunPanel runId={runId} onStarted={setRunId} onDone={pairs.reload} />}
      <h2>{t('duplicates.open')}</h2>
      {pairs.loading && !pairs.data && <p role="status">{t('app.loading')}</p>}
      {pairs.error && <p className="alert alert--error" role="alert">{pairs.error}</p>}
      {pairs.data && pairs.data.items.length === 0 && <p>{t('duplicates.none')}</p>}
      <ul className="duplicate-list">
        {pairs.data?.items.map((p) => (
          <li key={p.id} className="duplicate-list__item" data-pair-id={p.id}>
            <Link to={duplicatePairPath(p.id)}>
              <strong>{p.personA.fullName}</strong> · <strong>{p.personB.fullName}</strong>
            </Link>
            <span className="badge">{t('duplicates.score', { score: Math.round(p.score * 100) })}</span>
            {p.crossKabupaten && <span className="badge">{t('duplicates.national')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RunPanel({ runId, onStarted, onDone }: { runId: string | null; onStarted: (id: string) => void; onDone: () => void }) {
  const t = useT('registry');
  const { locale } = useLocale();
  const [run, setRun] = useState<DuplicateRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = useCallback(() => {
    setError(null);
    api.post<{ id: string }>('/registry/duplicate-runs').then((r) => onStarted(r.id), (e: unknown) => setError(errorMessage(e)));
  }, [onStarted]);
  useEffect(() => {
    if (!runId) return undefined;
    let stop = false;
    const poll = () => {
      api.get<DuplicateRunView>(`/registry/duplicate-runs/${runId}`).then((r) => {
        if (stop) return;
        setRun(r);
        if (r.status === 'running') setTimeout(poll, 1500);
        else onDone();
      }, (e: unknown) => setError(errorMessage(e)));
    };
    poll();
    return () => { stop = true; };
  }, [runId, onDone]);
  return (
    <section aria-labelledby="duplicates-run" className="duplicate-run">
      <h2 id="duplicates-run">{t('duplicates.run.title')}</h2>
      <p className="hint">{t('duplicates.run.hint')}</p>
      <button type="button" className="button" onClick={start} disabled={run?.status === 'running'}>
        {t('duplicates.run.start')}
      </button>
      {error && <p className="alert alert--error" role="alert">{error}</p>}
      {run && (
        <p role="status" data-run-status={run.status}>
          {run.status === 'running' ? t('duplicates.run.running')
            : run.status === 'failed' ? t('duplicates.run.failed', { error: run.error ?? '' })
            : t('duplicates.run.done', { pairs: run.pairsFound, persons: run.personsCompared ?? 0, date: formatDate(run.finishedAt, locale) })}
        </p>
      )}
      {run?.model && (
        <details className="duplicate-weights">
          <summary>{t('duplicates.weights.title', { threshold: Math.round(run.model.threshold * 100) })}</summary>
          <table>
            <thead>
              <tr><th>{t('duplicates.weights.comparison')}</th><th>{t('duplicates.weights.level')}</th><th>m</th><th>u</th><th>{t('duplicates.weights.weight')}</th></tr>
            </thead>
            <tbody>
              {run.model.comparisons.flatMap((c) => c.levels.map((level, i) => {
                const m = c.m[i] ?? 0;
                const u = c.u[i] ?? 0;
                return (
                  <tr key={`${c.key}-${level}`}>
                    <td>{t(`duplicates.comparison.${c.key}` as 'duplicates.comparison.name')}</td>
                    <td>{t(`duplicates.level.${level}` as 'duplicates.level.exact')}</td>
                    <td>{m.toFixed(3)}</td>
                    <td>{u.toExponential(1)}</td>
                    <td>{Math.log2(Math.max(m, 1e-6) / Math.max(u, 1e-6)).toFixed(1)}</td>
                  </tr>
                );
              }))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
