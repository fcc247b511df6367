import { useCallback, useEffect, useState } from 'react';
import type { AuditAnchorList, AuditVerification } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useLocale, useT, type Translate } from '../../i18n/i18n.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { formatDateTime } from '../registry/format.ts';
import './audit.css';

/**
 * `/audit/rantai`: the auditor (and the DPO) checks the audit chain: intact, or where and how
 * it was broken, including a tail cut off behind the last signed anchor; and the newest
 * anchors of its head outside the database, each with whether its signature holds.
 */
export default function ChainPage() {
  const t = useT('audit');
  return (
    <section className="audit">
      <h1>{t('chain.title')}</h1>
      <p className="lead">{t('chain.intro')}</p>
      <ChainPanel />
    </section>
  );
}

function ChainPanel() {
  const t = useT('audit');
  const { locale } = useLocale();
  const [result, setResult] = useState<(AuditVerification & { checkedAt: string }) | null>(null);
  const [anchors, setAnchors] = useState<AuditAnchorList | null>(null);
  const { busy, message, setError, run } = useFormAction();

  const loadAnchors = useCallback(async () => {
    try {
      setAnchors(await api.get<AuditAnchorList>('/audit/anchors'));
    } catch (e) {
      setError(e);
    }
  }, [setError]);
  useEffect(() => void loadAnchors(), [loadAnchors]);

  const verify = () =>
    run(async () => {
      const r = await api.get<AuditVerification>('/audit/verify');
      setResult({ ...r, checkedAt: new Date().toISOString() });
      await loadAnchors();
    });

  return (
    <div className="audit__panel" data-testid="chain-panel">
      <button type="button" className="button button--primary" onClick={() => void verify()} disabled={busy}>
        {busy ? t('chain.checking') : t('chain.verify')}
      </button>
      {message && <p role="alert" className="audit__bad">{message}</p>}
      {result && (
        <div role="status" data-testid="chain-result" className={result.ok ? 'audit__result audit__result--ok' : 'audit__result audit__result--bad'}>
          <p className="audit__verdict">
            {result.ok ? t('chain.ok', { events: result.events, seq: result.lastSeq ?? 0 }) : t('chain.broken', { reason: reasonText(t, result) })}
          </p>
          {result.ok && result.removedByRetention ? <p>{t('chain.removed', { n: result.removedByRetention })}</p> : null}
          <p>{t('chain.checkedAt', { at: formatDateTime(result.checkedAt, locale) })}</p>
          <p>{result.lastAnchor ? t('chain.lastAnchor', { seq: result.lastAnchor.seq, at: formatDateTime(result.lastAnchor.at, locale) }) : t('chain.noAnchor')}</p>
          {result.keyDerived && <p className="audit__bad">{t('chain.keyDerived')}</p>}
        </div>
      )}

      <h2>{t('anchors.title')}</h2>
      <p>{t('anchors.intro')}{anchors?.external ? ` ${t('anchors.external')}` : ''}</p>
      {anchors && anchors.items.length === 0 && <p>{t('anchors.empty')}</p>}
      {anchors && anchors.items.length > 0 && (
        <div className="audit__table-wrap">
          <table className="audit__table" data-testid="anchors">
            <thead>
              <tr>
                <th>{t('anchors.col.at')}</th>
                <th>{t('anchors.col.seq')}</th>
                <th>{t('anchors.col.hash')}</th>
                <th>{t('anchors.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {anchors.items.map((a, i) => (
                <tr key={`${a.seq}-${a.at}-${i}`} data-signed={a.signed}>
                  <td data-label={t('anchors.col.at')}>{formatDateTime(a.at, locale)}</td>
                  <td data-label={t('anchors.col.seq')}>{a.seq}</td>
                  <td data-label={t('anchors.col.hash')}><code title={a.hash}>{a.hash.slice(0, 16)}…</code></td>
                  <td data-label={t('anchors.col.status')} className={a.signed ? undefined : 'audit__bad'}>{a.signed ? t('anchors.signed') : t('anchors.unsigned')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function reasonText(t: Translate<'audit'>, r: AuditVerification): string {
  const seq = r.firstBrokenSeq ?? 0;
  const last = r.lastSeq ?? 0;
  switch (r.reason) {
    case 'hash_mismatch': return t('reason.hash_mismatch', { seq });
    case 'chain_broken': return t('reason.chain_broken', { seq });
    case 'head_mismatch': return t('reason.head_mismatch', { last });
    case 'unkeyed_after_keyed': return t('reason.unkeyed_after_keyed', { seq });
    case 'anchor_mismatch': return t('reason.anchor_mismatch', { seq });
    case 'truncated': return t('reason.truncated', { anchored: r.anchoredSeq ?? 0, last });
    case 'gap_unsigned': return t('reason.gap_unsigned', { seq });
    case undefined: return '';
  }
}
