import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api, apiFetch } from '../../api/client.ts';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { formatDateTime } from './format.ts';
import type { HeaderMappingView, ImportStatusView } from '@slrt/core';
import './registry.css';

/** A CSV's header is in its first bytes: the preview sends only those over a weak link. */
const PREVIEW_BYTES = 256 * 1024;

function formOf(file: File | Blob, name: string, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
  form.append('file', file, name);
  return form;
}

/** `/registri/impor`: upload an extract, map unknown headers, follow the progress, download the error report. */
export default function ImportPage() {
  const t = useT('registry');
  const [file, setFile] = useState<File | null>(null);
  const [desilSource, setDesilSource] = useState('');
  const [desilDate, setDesilDate] = useState('');
  const [mapping, setMapping] = useState<HeaderMappingView | null>(null);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const { busy, error, run } = useFormAction();
  const [current, setCurrent] = useState<string | null>(null);
  const recent = useCursorList<ImportStatusView>('/registry/imports', { limit: 10 });

  const explicit = () => JSON.stringify(Object.fromEntries(Object.entries(chosen).filter(([, c]) => c !== undefined)));
  const fields = () => ({ mapping: explicit(), desilSource, desilDate });

  async function check() {
    if (!file) return;
    await run(async () => {
      const isCsv = !/\.xlsx$/i.test(file.name);
      const part = isCsv ? file.slice(0, PREVIEW_BYTES) : file;
      const response = await apiFetch('POST', '/registry/imports/preview', { body: formOf(part, file.name, fields()) });
      setMapping((await response.json()) as HeaderMappingView);
    });
  }

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    await run(async () => {
      const response = await apiFetch('POST', '/registry/imports', { body: formOf(file, file.name, fields()) });
      const { id } = (await response.json()) as { id: string };
      setCurrent(id);
      setMapping(null);
      setChosen({});
      recent.reload();
    });
  }

  const columnOf = (header: string, auto: string | null) => (header in chosen ? chosen[header] : auto ?? '');
  const mapped = mapping ? mapping.headers.map((h) => columnOf(h.header, h.column)) : [];
  const missing = mapping
    ? mapping.requiredColumns.filter((c) => !mapped.includes(c) && !(c === 'village_code' && mapped.includes('village_code_bps')))
    : [];

  return (
    <section className="registry">
      <h1>{t('import.title')}</h1>
      <p className="lead">{t('import.lead')}</p>
      <form className="registry-import" onSubmit={(e) => void start(e)} noValidate>
        <FormErrors error={error} placed={['file', 'desilSource', 'desilDate']} />
        <TextField
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          label={t('import.file')}
          hint={t('import.fileHint')}
          error={fieldError(error, 'file')}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setMapping(null);
            setChosen({});
          }}
        />
        <TextField id="import-desil-source" label={t('import.desilSource')} value={desilSource} maxLength={100} onChange={(e) => setDesilSource(e.target.value)} error={fieldError(error, 'desilSource')} />
        <TextField id="import-desil-date" type="date" label={t('import.desilDate')} value={desilDate} onChange={(e) => setDesilDate(e.target.value)} error={fieldError(error, 'desilDate')} />
        <div className="actions">
          <button type="button" className="button" disabled={!file || busy} onClick={() => void check()}>
            {t('import.check')}
          </button>
          <button type="submit" className="button button--primary" disabled={!file || busy || missing.length > 0}>
            {t('import.start')}
          </button>
        </div>
        {mapping && (
          <fieldset className="registry-mapping">
            <legend>{t('import.mapping.title')}</legend>
            <p className="hint">{t('import.mapping.lead')}</p>
            {missing.length > 0 && <p className="field-error">{t('import.mapping.missing', { columns: missing.join(', ') })}</p>}
            {mapping.headers.map((h, i) => (
              <SelectField
                key={`${h.header}-${i}`}
                id={`mapping-${i}`}
                label={t('import.mapping.target', { header: h.header })}
                value={columnOf(h.header, h.column)}
                onChange={(e) => setChosen((c) => ({ ...c, [h.header]: e.target.value }))}
              >
                <option value="">{t('import.mapping.ignore')}</option>
                {mapping.canonicalColumns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </SelectField>
            ))}
          </fieldset>
        )}
      </form>
      {current && <ImportProgress id={current} onFinished={recent.reload} />}
      <section aria-labelledby="registry-imports">
        <h2 id="registry-imports">{t('import.recent')}</h2>
        {recent.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : recent.items.length === 0 ? (
          <p>{t('import.none')}</p>
        ) : (
          <ul className="cards">
            {recent.items.map((i) => (
              <ImportCard key={i.id} status={i} onResumed={() => setCurrent(i.id)} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/** Polls an import until it is done or failed, with a progress bar. */
function ImportProgress({ id, onFinished }: { id: string; onFinished: () => void }) {
  const [status, setStatus] = useState<ImportStatusView | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const s = await api.get<ImportStatusView>(`/registry/imports/${encodeURIComponent(id)}`);
        if (stopped) return;
        setStatus(s);
        if (s.status === 'done' || s.status === 'failed') {
          onFinished();
          return;
        }
      } catch {
        // a lost connection: keep trying
      }
      if (!stopped) timer = setTimeout(() => void poll(), 2000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, onFinished]);
  if (!status) return null;
  return (
    <div className="registry-progress" data-import-id={id} data-status={status.status}>
      <ImportCardBody status={status} />
    </div>
  );
}

function ImportCard({ status, onResumed }: { status: ImportStatusView; onResumed: () => void }) {
  const t = useT('registry');
  const { busy, error, run } = useFormAction();
  return (
    <li className="card">
      <ImportCardBody status={status} />
      {status.status === 'failed' && (
        <>
          <FormErrors error={error} placed={[]} />
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await api.post(`/registry/imports/${encodeURIComponent(status.id)}/resume`);
                onResumed();
              })
            }
          >
            {t('import.resume')}
          </button>
        </>
      )}
    </li>
  );
}

/** Every phase of a running import with its own bar (the one under way marked), and the time left. */
function ImportPhases({ status: s }: { status: ImportStatusView }) {
  const t = useT('registry');
  if (!s.phases.length) return null;
  const left = s.secondsLeft;
  return (
    <>
      <ol className="registry-progress__phases" aria-label={t('import.phasesLabel')}>
        {s.phases.map((p) => {
          const byRows = p.phase === 'read' || p.phase === 'check' || p.phase === 'stage';
          return (
            <li key={p.phase} className="registry-progress__phase" aria-current={p.phase === s.phase ? 'step' : undefined}>
              <span>{t(`import.phase.${p.phase}`)}</span>
              <progress max={p.total ?? 1} value={p.total === null ? undefined : p.done} aria-label={t(`import.phase.${p.phase}`)} />
              {p.total !== null && <span className="registry-progress__count">{byRows ? t('import.progress', { done: p.done, total: p.total }) : t('import.steps', { done: p.done, total: p.total })}</span>}
            </li>
          );
        })}
      </ol>
      {left !== null && <p className="registry-progress__left">{t('import.timeLeft', { minutes: Math.floor(left / 60), seconds: left % 60 })}</p>}
    </>
  );
}

function ImportCardBody({ status: s }: { status: ImportStatusView }) {
  const t = useT('registry');
  const { locale } = useLocale();
  const total = s.rowsTotal;
  return (
    <>
      <h3 className="card__title">
        {s.fileName} <span className={`badge badge--import-${s.status}`}>{t(`import.status.${s.status}`)}</span>
      </h3>
      <p className="card__meta">{t('import.by', { name: s.createdByName ?? '—', when: formatDateTime(s.createdAt, locale) })}</p>
      {s.status !== 'done' && (
        <>
          <progress className="registry-progress__bar" aria-label={t('import.progressLabel')} max={total ?? 1} value={total ? s.rowsDone : undefined} />
          <p role="status">{total === null ? t('import.counting') : t('import.progress', { done: s.rowsDone, total })}</p>
          {s.status === 'running' && <ImportPhases status={s} />}
        </>
      )}
      <p>{t('import.result', { ok: s.rowsOk, rejected: s.rowsRejected })}</p>
      {s.error && <p className="field-error">{s.error}</p>}
      {s.errorReportUrl && (
        <p>
          <a href={s.errorReportUrl} download>
            {t('import.errorReport')}
          </a>
        </p>
      )}
    </>
  );
}
