import { useState } from 'react';
import type { FormEvent } from 'react';
import { REFUSAL_GROUNDS, type AccessLogEntry, type DataRequest } from '@slrt/core';
import { api, buildUrl } from '../../api/client.ts';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { useParams } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { fieldError, FormErrors } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { formatDateTime } from '../registry/format.ts';
import './privacy.css';

/**
 * `/privasi/permintaan/:id`: one request. For access, the answer is produced from the data: the
 * resident's access log on screen and the printable report (PDF) to hand over; then the DPO
 * records the answer (a restriction with the reason others will see) or the refusal's ground.
 */
export default function RequestPage() {
  const t = useT('privacy');
  const { locale } = useLocale();
  const { id } = useParams();
  const request = useResource<DataRequest>(id ? `/data-requests/${id}` : null);
  const r = request.data;
  if (request.error) return <div className="alert alert--error" role="alert">{request.error}</div>;
  if (!r) return <p role="status">{t('app.loading')}</p>;

  return (
    <section className="privacy" data-request={r.id} data-status={r.status}>
      <h1>{t('request.title', { kind: t(`kind.${r.kind}`), name: r.personName })}</h1>
      <dl className="privacy__facts">
        <dt>{t('request.channel')}</dt><dd>{t(`channel.${r.channel}`)}</dd>
        <dt>{t('request.receivedAt')}</dt><dd>{formatDateTime(r.receivedAt, locale)}</dd>
        <dt>{t('request.dueAt')}</dt><dd>{r.dueAt ? formatDateTime(r.dueAt, locale) : t('request.noClock')}{r.overdue && <strong className="privacy__overdue"> · {t('requests.overdue')}</strong>}</dd>
        <dt>{t('request.details')}</dt><dd>{r.details}</dd>
        <dt>{t('request.identityCheck')}</dt><dd>{r.identityCheck ?? '-'}</dd>
        <dt>{t('request.status')}</dt><dd data-testid="request-status">{t(`status.${r.status}`)}</dd>
        {r.answer && <><dt>{t('request.answer')}</dt><dd>{r.answer}</dd></>}
        {r.refusalGround && <><dt>{t('request.ground')}</dt><dd>{t(`ground.${r.refusalGround}`)}</dd></>}
      </dl>
      <p>
        <a className="button" href={buildUrl(`/persons/${r.personId}/access-log.pdf`)} target="_blank" rel="noopener" data-testid="access-report">
          {t('request.report')}
        </a>{' '}
        <a href={buildUrl(`/persons/${r.personId}/access-log.pdf`, { lang: 'en' })} target="_blank" rel="noopener" data-testid="access-report-en">
          {t('request.reportEn')}
        </a>
      </p>
      {r.status === 'received' && <AnswerForm request={r} onDone={request.reload} />}
      <AccessLog personId={r.personId} />
    </section>
  );
}

function AnswerForm({ request, onDone }: { request: DataRequest; onDone: () => void }) {
  const t = useT('privacy');
  const [action, setAction] = useState<'answer' | 'refuse'>('answer');
  const [answer, setAnswer] = useState('');
  const [ground, setGround] = useState<string>(REFUSAL_GROUNDS[0]);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useFormAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.post(`/data-requests/${request.id}/answer`, action === 'refuse'
        ? { action, ground, answer }
        : { action, answer, ...(request.kind === 'restriction' ? { restrictionReason: reason } : {}) });
      onDone();
    });
  };
  return (
    <form className="privacy__panel" onSubmit={(e) => void submit(e)} data-testid="answer-form">
      <h2>{t('answer.title')}</h2>
      <SelectField id="action" label={t('answer.action')} value={action} onChange={(e) => setAction(e.target.value === 'refuse' ? 'refuse' : 'answer')}>
        <option value="answer">{t('answer.answer')}</option>
        <option value="refuse">{t('answer.refuse')}</option>
      </SelectField>
      {action === 'refuse' && (
        <SelectField id="ground" label={t('answer.ground')} value={ground} onChange={(e) => setGround(e.target.value)} error={fieldError(error, 'ground')}>
          {REFUSAL_GROUNDS.map((g) => <option key={g} value={g}>{t(`ground.${g}`)}</option>)}
        </SelectField>
      )}
      {action === 'answer' && request.kind === 'restriction' && (
        <TextField id="restrictionReason" label={t('answer.restrictionReason')} hint={t('answer.restrictionReason.hint')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'restrictionReason')} />
      )}
      <TextAreaField id="answer" label={t('answer.text')} value={answer} onChange={(e) => setAnswer(e.target.value)} error={fieldError(error, 'answer')} required />
      <FormErrors error={error} placed={['ground', 'restrictionReason', 'answer']} />
      <button type="submit" className="button button--primary" disabled={busy}>{t('answer.save')}</button>
    </form>
  );
}

function AccessLog({ personId }: { personId: string }) {
  const t = useT('privacy');
  const { locale } = useLocale();
  const log = useCursorList<AccessLogEntry>(`/persons/${personId}/access-log`, { limit: 50 });
  return (
    <section aria-labelledby="access-log">
      <h2 id="access-log">{t('log.title')}</h2>
      <p className="hint">{t('log.intro')}</p>
      {log.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <div className="privacy__table-wrap">
          <table className="privacy__table" data-testid="access-log">
            <thead>
              <tr>
                <th scope="col">{t('log.at')}</th>
                <th scope="col">{t('log.actor')}</th>
                <th scope="col">{t('log.organization')}</th>
                <th scope="col">{t('log.action')}</th>
                <th scope="col">{t('log.purpose')}</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td data-label={t('log.at')}>{formatDateTime(e.at, locale)}</td>
                  <td data-label={t('log.actor')}>{e.actor}{e.roleLabel && <span className="privacy__sub"> ({e.roleLabel})</span>}</td>
                  <td data-label={t('log.organization')}>{e.organization ?? '-'}</td>
                  <td data-label={t('log.action')} title={e.action}>{e.actionLabel}</td>
                  <td data-label={t('log.purpose')} title={e.purpose ?? undefined}>{e.purposeLabel ?? '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasMore && (
        <button type="button" className="button" onClick={log.loadMore}>
          {t('action.loadMore')}
        </button>
      )}
    </section>
  );
}
