import { useState } from 'react';
import type { ProposalSummary, SubmissionView } from '@slrt/core';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { TextArea } from './controls.tsx';
import { useDateText } from './labels.ts';
import type { AnswerReport } from '@slrt/core';
import { proposalApi } from './proposal-api.ts';
import { ProposalCard } from './ProposalListPage.tsx';
import './proposals.css';

/**
 * `/usulan/kiriman`: approved proposals gathered into a batch for the national side, exported
 * as CSV or XLSX, marked sent, and marked row by row by the national side's answer file.
 */
export default function SubmissionsPage() {
  const t = useT('proposals');
  const waiting = useCursorList<ProposalSummary>('/proposals', { queue: 'to_submit', limit: 200 });
  const batches = useCursorList<SubmissionView>('/proposal-submissions');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const reload = () => {
    waiting.reload();
    batches.reload();
  };
  return (
    <section>
      <h1>{t('submissions.title')}</h1>
      <p className="lead">{t('submissions.intro')}</p>
      {done && <Notice>{done}</Notice>}
      <h2>{t('submissions.waiting', { count: waiting.items.length })}</h2>
      {waiting.items.length === 0 ? (
        <p>{t('submissions.nothingWaiting')}</p>
      ) : (
        <>
          <ul className="cards">
            {waiting.items.map((p) => (
              <ProposalCard key={p.id} p={p} />
            ))}
          </ul>
          <FormErrors error={error} placed={[]} />
          <TextArea id="batch-note" label={t('submissions.note')} value={note} onChange={(e) => setNote(e.target.value)} />
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              setError(null);
              proposalApi
                .prepareSubmission(note.trim() ? { note: note.trim() } : {})
                .then((s) => {
                  setDone(t('submissions.prepared', { code: s.code, rows: s.rows }));
                  setNote('');
                  reload();
                }, setError)
                .finally(() => setBusy(false));
            }}
          >
            {t('submissions.prepare')}
          </button>
        </>
      )}
      <h2>{t('submissions.batches')}</h2>
      {batches.items.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ul className="cards" data-testid="submission-list">
          {batches.items.map((s) => (
            <Batch key={s.id} s={s} onChange={reload} />
          ))}
        </ul>
      )}
      {batches.hasMore && (
        <button type="button" className="button" onClick={batches.loadMore}>
          {t('action.loadMore')}
        </button>
      )}
    </section>
  );
}

function Batch({ s, onChange }: { s: SubmissionView; onChange: () => void }) {
  const t = useT('proposals');
  const { locale } = useLocale();
  const date = useDateText();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<AnswerReport | null>(null);
  return (
    <li className="card" data-submission-code={s.code} data-submission-status={s.status}>
      <h3 className="card__title">
        {s.code} · {t(`submission.status.${s.status}`)}
      </h3>
      <p className="card__meta">
        {t('submissions.meta', { proposals: s.proposals, rows: s.rows, date: date(s.createdAt), name: s.createdByName ?? '—' })}
      </p>
      <p className="p-meta">{t('submissions.results', { accepted: s.accepted, rejected: s.rejected, waiting: s.waiting })}</p>
      {s.note && <p>{s.note}</p>}
      <p className="p-meta">{t('submissions.readableNote')}</p>
      <div className="p-actions">
        <a className="button button--small" href={proposalApi.exportUrl(s.id, 'xlsx')} download>
          {t('submissions.exportXlsx')}
        </a>
        <a className="button button--small" href={proposalApi.exportUrl(s.id, 'csv')} download>
          {t('submissions.exportCsv')}
        </a>
        <a className="button button--small" href={proposalApi.readableExportUrl(s.id, 'xlsx', locale)} download data-testid="submission-readable-xlsx">
          {t('submissions.exportReadableXlsx')}
        </a>
        <a className="button button--small" href={proposalApi.readableExportUrl(s.id, 'csv', locale)} download>
          {t('submissions.exportReadableCsv')}
        </a>
        {s.status === 'prepared' && (
          <button
            type="button"
            className="button button--small button--primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              setError(null);
              proposalApi.sendSubmission(s.id).then(onChange, setError).finally(() => setBusy(false));
            }}
          >
            {t('submissions.markSent')}
          </button>
        )}
      </div>
      <FormErrors error={error} placed={[]} />
      {report && <Notice>{t('submissions.answerDone', { ...report, status: t(`submission.status.${report.status}`) })}</Notice>}
      {s.status === 'sent' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return;
            setBusy(true);
            setError(null);
            proposalApi
              .answer(s.id, file)
              .then((r) => {
                setReport(r);
                onChange();
              }, setError)
              .finally(() => setBusy(false));
          }}
        >
          <div className="field">
            <label htmlFor={`answer-${s.id}`}>{t('submissions.answerFile')}</label>
            <p className="hint">{t('submissions.answerHint')}</p>
            <input id={`answer-${s.id}`} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <button type="submit" className="button" disabled={busy || !file}>
            {t('submissions.importAnswer')}
          </button>
        </form>
      )}
    </li>
  );
}
