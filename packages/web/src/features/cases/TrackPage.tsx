import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { PublicTrackQuery, PublicTrackView } from '@slrt/core';
import { api, ApiError } from '../../api/client.ts';
import { useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { PuskesosContactCard } from './PuskesosContactCard.tsx';
import { useCodeLabel, useDateFormat, useStatusLabel } from './labels.ts';
import './cases.css';

/**
 * `/lacak`: a resident follows their case with the tracking code from the receipt and the last
 * four digits of their NIK (or the receipt's PIN). Status, dates and sectors only; what happens
 * next for the status, and how to reach the Puskesos.
 */
export default function TrackPage() {
  const t = useT('cases');
  const label = useCodeLabel();
  const status = useStatusLabel();
  const date = useDateFormat();
  const [code, setCode] = useState(useSearchParam('kode') ?? '');
  const [nik4, setNik4] = useState('');
  const [result, setResult] = useState<PublicTrackView | null>(null);
  const { busy, error, run } = useFormAction();
  const problem =
    error === null ? null : error instanceof ApiError && error.status === 404 ? t('track.notFound') : error instanceof ApiError && error.status === 429 ? t('track.limited') : error instanceof Error ? error.message : String(error);

  useEffect(() => {
    setResult(null);
  }, [code, nik4]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    await run(async () => setResult(await api.get<PublicTrackView>(`/public/track/${encodeURIComponent(code.trim())}`, { nik4: nik4.trim() } satisfies PublicTrackQuery)));
  }

  return (
    <section className="narrow">
      <h1>{t('track.title')}</h1>
      <p className="lead">{t('track.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="track-code" label={t('track.code')} hint={t('track.codeHint')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        <TextField id="track-nik4" label={t('track.nik4')} hint={t('track.nik4Hint')} value={nik4} onChange={(e) => setNik4(e.target.value.replace(/\D/g, '').slice(0, 4))} inputMode="numeric" autoComplete="off" maxLength={4} />
        <button type="submit" className="button button--primary" disabled={busy || !code.trim() || nik4.length !== 4}>
          {t('track.submit')}
        </button>
      </form>
      {problem && (
        <p className="alert alert--error" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <div className="paper" role="status" data-testid="track-result" data-status={result.status}>
          <p className="big-code">{result.code}</p>
          <p className="verdict verdict--valid">{status(result.status)}</p>
          <dl className="dl">
            <dt>{t('track.level')}</dt>
            <dd>{label('level', result.level)}</dd>
            <dt>{t('case.registeredAt')}</dt>
            <dd>{date(result.registeredAt)}</dd>
            <dt>{t('track.updatedAt')}</dt>
            <dd>{date(result.updatedAt)}</dd>
            {result.resolvedAt && (
              <>
                <dt>{t('track.resolvedAt')}</dt>
                <dd>{date(result.resolvedAt)}</dd>
              </>
            )}
            {result.closedAt && (
              <>
                <dt>{t('track.closedAt')}</dt>
                <dd>{date(result.closedAt)}</dd>
              </>
            )}
          </dl>
          <h2>{t('case.needs')}</h2>
          <ul>
            {result.needs.map((n, i) => (
              <li key={i}>
                {label('sector', n.sector)}: {n.arrangingAgain ? t('track.arrangingAgain') : label('need_status', n.status)}
              </li>
            ))}
          </ul>
          <h2>{t('track.nextTitle')}</h2>
          <p data-testid="track-next">{t(`track.next.${result.status}`)}</p>
        </div>
      )}
      {result?.puskesos && <PuskesosContactCard contact={result.puskesos} />}
    </section>
  );
}
