import { useState } from 'react';
import type { BreakGlassGrant, BreakGlassListQuery } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { fieldError, FormErrors } from '../../ui/FormErrors.tsx';
import { formatDateTime } from '../registry/format.ts';
import { CursorCards } from '../../ui/CursorCards.tsx';
import './privacy.css';

/**
 * `/privasi/akses-darurat`: the DPO reviews each emergency opening of a record outside the
 * officer's scope (who, whose record, why, when): approve it or flag it for follow-up, with a note.
 */
export default function BreakGlassPage() {
  const t = useT('privacy');
  const [unreviewed, setUnreviewed] = useState(true);
  const list = useCursorList<BreakGlassGrant>('/break-glass', { unreviewed: unreviewed ? 'true' : 'false', limit: 50 } satisfies BreakGlassListQuery);
  return (
    <section className="privacy">
      <h1>{t('breakGlass.title')}</h1>
      <p className="lead">{t('breakGlass.intro')}</p>
      <p className="privacy__actions" role="group">
        <button type="button" className={unreviewed ? 'button button--primary' : 'button'} aria-pressed={unreviewed} onClick={() => setUnreviewed(true)}>{t('breakGlass.unreviewed')}</button>
        <button type="button" className={unreviewed ? 'button' : 'button button--primary'} aria-pressed={!unreviewed} onClick={() => setUnreviewed(false)}>{t('breakGlass.all')}</button>
      </p>
      <CursorCards list={list} empty={t('breakGlass.empty')} testId="break-glass">
        {(g) => <GrantCard key={g.id} grant={g} onReviewed={list.reload} />}
      </CursorCards>
    </section>
  );
}

function GrantCard({ grant: g, onReviewed }: { grant: BreakGlassGrant; onReviewed: () => void }) {
  const t = useT('privacy');
  const { locale } = useLocale();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const review = async (result: 'approved' | 'flagged') => {
    setError(null);
    try {
      await api.post(`/break-glass/${g.id}/review`, { review: result, ...(note.trim() ? { note } : {}) });
      onReviewed();
    } catch (err) {
      setError(err);
    }
  };
  const noteId = `note-${g.id}`;
  return (
    <li className={g.review === 'flagged' ? 'card privacy__card--overdue' : 'card'} data-grant={g.id} data-review={g.review ?? 'none'}>
      <p className="card__title">{t('breakGlass.who', { user: g.user, person: g.personName })}</p>
      <p className="card__meta">{t('breakGlass.when', { from: formatDateTime(g.grantedAt, locale), to: formatDateTime(g.expiresAt, locale) })}</p>
      <p><strong>{t('breakGlass.reason')}:</strong> {g.reason}</p>
      {g.review ? (
        <p data-testid="grant-review"><strong>{t(`breakGlass.review.${g.review}`)}</strong>{g.reviewNote && ` · ${g.reviewNote}`}</p>
      ) : (
        <div>
          <TextField id={noteId} label={t('breakGlass.note')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(error, 'note', t('breakGlass.note'))} />
          <p className="privacy__actions">
            <button type="button" className="button button--primary" onClick={() => void review('approved')}>{t('breakGlass.approve')}</button>
            <button type="button" className="button" onClick={() => void review('flagged')}>{t('breakGlass.flag')}</button>
          </p>
          <FormErrors error={error} placed={['note']} />
        </div>
      )}
    </li>
  );
}
