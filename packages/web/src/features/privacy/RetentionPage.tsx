import { useState } from 'react';
import type { FormEvent } from 'react';
import type { RetentionRule, RetentionRunReport } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { fieldError, FormErrors } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { formatDateTime } from '../registry/format.ts';
import './privacy.css';

/**
 * `/privasi/retensi`: the kabupaten's retention schedule (days kept per record type, what happens
 * then), a dry run that lists what would go, a run, and the reports of earlier runs.
 */
export default function RetentionPage() {
  const t = useT('privacy');
  const schedule = useResource<{ rules: RetentionRule[] }>('/privacy/retention');
  const runs = useResource<{ items: RetentionRunReport[] }>('/privacy/retention/runs');
  const { busy, error, run } = useFormAction();
  const [latest, setLatest] = useState<RetentionRunReport | null>(null);

  const start = async (dryRun: boolean) => {
    if (!dryRun && !window.confirm(t('retention.confirm'))) return;
    await run(async () => {
      setLatest(await api.post<RetentionRunReport>('/privacy/retention/runs', { dryRun }));
      runs.reload();
    });
  };

  return (
    <section className="privacy">
      <h1>{t('retention.title')}</h1>
      <p className="lead">{t('retention.intro')}</p>
      {schedule.error && <div className="alert alert--error" role="alert">{schedule.error}</div>}
      {schedule.data ? <Schedule rules={schedule.data.rules} onSaved={schedule.reload} /> : <p role="status">{t('app.loading')}</p>}
      <p className="privacy__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void start(true)} data-testid="retention-dry-run">{t('retention.dryRun')}</button>
        <button type="button" className="button" disabled={busy} onClick={() => void start(false)}>{t('retention.run')}</button>
      </p>
      <FormErrors error={error} placed={[]} />
      {latest && <RunReport report={latest} testId="retention-report" />}
      {runs.data && runs.data.items.length > 0 && (
        <>
          <h2>{t('retention.runs')}</h2>
          {runs.data.items.filter((r) => r.id !== latest?.id).slice(0, 5).map((r) => <RunReport key={r.id} report={r} />)}
        </>
      )}
    </section>
  );
}

function Schedule({ rules, onSaved }: { rules: RetentionRule[]; onSaved: () => void }) {
  const t = useT('privacy');
  return (
    <div className="privacy__table-wrap">
      <table className="privacy__table" data-testid="retention-schedule">
        <thead>
          <tr>
            <th scope="col">{t('retention.recordType')}</th>
            <th scope="col">{t('retention.keepDays')}</th>
            <th scope="col">{t('retention.action')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => <RuleRow key={r.recordType} rule={r} onSaved={onSaved} />)}
        </tbody>
      </table>
    </div>
  );
}

function RuleRow({ rule, onSaved }: { rule: RetentionRule; onSaved: () => void }) {
  const t = useT('privacy');
  const [days, setDays] = useState(String(rule.keepDays));
  const { busy, error, run } = useFormAction();
  const [saved, setSaved] = useState(false);
  const id = `keepDays-${rule.recordType}`;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    await run(async () => {
      await api.put(`/privacy/retention/${rule.recordType}`, { keepDays: Number(days) });
      setSaved(true);
      onSaved();
    });
  };
  const message = fieldError(error, 'keepDays', t('retention.keepDays'));
  return (
    <tr data-record-type={rule.recordType}>
      <td data-label={t('retention.recordType')}>{t(`retention.type.${rule.recordType}`)}</td>
      <td data-label={t('retention.keepDays')}>
        <form className="privacy__inline" onSubmit={(e) => void save(e)}>
          <input id={id} aria-label={`${t('retention.keepDays')}: ${t(`retention.type.${rule.recordType}`)}`} type="number" inputMode="numeric" min={30} max={36500} value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={message ? true : undefined} />
          <button type="submit" className="button" disabled={busy}>{t('retention.save')}</button>
        </form>
        {message && <p className="field-error">{message}</p>}
        {saved && <Notice>{t('retention.saved')}</Notice>}
      </td>
      <td data-label={t('retention.action')}>{t(`retention.do.${rule.action}`)}</td>
    </tr>
  );
}

function RunReport({ report, testId }: { report: RetentionRunReport; testId?: string }) {
  const t = useT('privacy');
  const { locale } = useLocale();
  return (
    <div className="privacy__panel" data-testid={testId} data-dry-run={report.dryRun}>
      <h3>{t('retention.report', { kind: t(report.dryRun ? 'retention.report.dry' : 'retention.report.real'), at: formatDateTime(report.startedAt, locale) })}</h3>
      <div className="privacy__table-wrap">
        <table className="privacy__table">
          <thead>
            <tr>
              <th scope="col">{t('retention.recordType')}</th>
              <th scope="col">{t('retention.due')}</th>
              <th scope="col">{t('retention.held')}</th>
              <th scope="col">{t('retention.done')}</th>
              <th scope="col">{t('retention.batches')}</th>
              <th scope="col">{t('retention.sample')}</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((i) => (
              <tr key={i.recordType} data-record-type={i.recordType}>
                <td data-label={t('retention.recordType')}>{t(`retention.type.${i.recordType}`)} <span className="privacy__sub">({t(`retention.do.${i.action}`)})</span></td>
                <td data-label={t('retention.due')}>{i.due}</td>
                <td data-label={t('retention.held')}>{i.held}</td>
                <td data-label={t('retention.done')}>{i.done}</td>
                <td data-label={t('retention.batches')}>{i.batches}</td>
                <td data-label={t('retention.sample')}>{i.sample.join(', ') || '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
