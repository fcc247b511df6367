import { useState } from 'react';
import type { PrivacyRecord, PrivacyRecordKind } from '@slrt/core';
import { apiFetch, buildUrl } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { formatDateTime } from '../registry/format.ts';
import './privacy.css';

/**
 * `/privasi/catatan`: the record of processing activities and the DPIA for the regulator,
 * generated from the configuration as PDF; every version kept (a new one only when the
 * configuration changed).
 */
export default function RecordsPage() {
  const t = useT('privacy');
  const { locale } = useLocale();
  const records = useResource<{ items: PrivacyRecord[] }>('/privacy/records');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<'created' | 'unchanged' | null>(null);
  const generate = async (kind: PrivacyRecordKind) => {
    setError(null);
    setNotice(null);
    try {
      const res = await apiFetch('POST', '/privacy/records', { body: { kind } });
      setNotice(res.status === 201 ? 'created' : 'unchanged');
      records.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="privacy">
      <h1>{t('records.title')}</h1>
      <p className="lead">{t('records.intro')}</p>
      <p className="privacy__actions">
        <button type="button" className="button button--primary" onClick={() => void generate('ropa')}>{t('records.generateRopa')}</button>
        <button type="button" className="button button--primary" onClick={() => void generate('dpia')}>{t('records.generateDpia')}</button>
      </p>
      {notice && <Notice>{t(notice === 'created' ? 'records.created' : 'records.unchanged')}</Notice>}
      <FormErrors error={error} placed={[]} />
      {records.error && <div className="alert alert--error" role="alert">{records.error}</div>}
      {!records.data ? (
        <p role="status">{t('app.loading')}</p>
      ) : records.data.items.length === 0 ? (
        <p>{t('records.empty')}</p>
      ) : (
        <ul className="cards" data-testid="privacy-records">
          {records.data.items.map((r) => (
            <li key={r.id} className="card" data-record={r.id} data-kind={r.kind}>
              <p className="card__title">{t('records.version', { kind: t(`records.kind.${r.kind}`), version: r.version })}</p>
              <p className="card__meta">
                {t('records.generated', { at: formatDateTime(r.generatedAt, locale) })} ·{' '}
                <a href={buildUrl(`/privacy/records/${r.id}/pdf`)} target="_blank" rel="noopener" data-testid="record-pdf">{t('records.pdf')}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
