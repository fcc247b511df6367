import { useState } from 'react';
import { REFERRAL_OUTCOMES, type ReferralOutcome, type ReferralView } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { FilePicker, UploadStatus, useUploader, type Send } from '../../ui/Upload.tsx';
import { isCancelled } from '../../ui/use-form-action.ts';
import { useReferralLabels } from '../referrals/labels.ts';

/** What answering a referral needs: the partner's API calls, or the signed link's. */
export interface Responder {
  accept(): Promise<ReferralView>;
  start?(): Promise<ReferralView>;
  decline(reason: string): Promise<ReferralView>;
  complete(outcome: ReferralOutcome, notes: string, documentIds: string[]): Promise<ReferralView>;
  /** Sends the evidence file, before `complete` names it. */
  uploadEvidence: Send<{ id: string }>;
  /** Whether the outcome form offers a file (signed-in partners, and the signed link's one piece of evidence). */
  evidence: boolean;
}

/**
 * The partner's buttons: exactly the actions the API says are allowed now (accept, decline
 * with a reason, start, complete with an outcome, notes and evidence).
 */
export function RespondPanel({ r, responder, onDone }: { r: ReferralView; responder: Responder; onDone: (next: ReferralView, message: string) => void }) {
  const t = useT('referrals');
  const { outcome: outcomeLabel } = useReferralLabels();
  const [form, setForm] = useState<'decline' | 'complete' | null>(null);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<ReferralOutcome | ''>('');
  const [notes, setNotes] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const uploader = useUploader();
  const allowed = r.allowedActions;
  if (allowed.length === 0) return null;

  const run = async (work: () => Promise<ReferralView>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await work();
      setForm(null);
      onDone(next, message);
    } catch (e) {
      if (!isCancelled(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel no-print" data-testid="respond">
      <h2>{t('respond.title')}</h2>
      <FormErrors error={error} placed={['reason', 'outcome', 'notes']} />
      <div className="actions">
        {allowed.includes('accept') && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => responder.accept(), t('respond.accepted'))}>
            {t('respond.accept')}
          </button>
        )}
        {allowed.includes('start') && responder.start && (
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => responder.start!(), t('respond.started'))}>
            {t('respond.start')}
          </button>
        )}
        {allowed.includes('complete') && (
          <button type="button" className={allowed.includes('start') ? 'button' : 'button button--primary'} aria-expanded={form === 'complete'} onClick={() => setForm(form === 'complete' ? null : 'complete')}>
            {t('respond.complete')}
          </button>
        )}
        {allowed.includes('decline') && (
          <button type="button" className="button" aria-expanded={form === 'decline'} onClick={() => setForm(form === 'decline' ? null : 'decline')}>
            {t('respond.decline')}
          </button>
        )}
      </div>

      {form === 'decline' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => responder.decline(reason), t('respond.declined'));
          }}
        >
          <TextAreaField rows={3} id="decline-reason" label={t('respond.declineReason')} hint={t('respond.declineHint')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
          <button type="submit" className="button button--primary" disabled={busy || reason.trim().length < 3}>
            {t('respond.declineConfirm')}
          </button>
        </form>
      )}

      {form === 'complete' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!outcome) return;
            void run(async () => {
              // a retry after a failed completion sends the same file: the server answers the one it holds
              const documentIds = file ? [(await uploader.send(file, responder.uploadEvidence)).id] : [];
              return responder.complete(outcome, notes, documentIds);
            }, t('respond.completed'));
          }}
        >
          <fieldset className="choices">
            <legend>{t('respond.outcome')}</legend>
            {fieldError(error, 'outcome') && <p className="field-error">{fieldError(error, 'outcome')}</p>}
            {REFERRAL_OUTCOMES.map((o) => (
              <label key={o} className="choice">
                <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
                {outcomeLabel(o)}
              </label>
            ))}
          </fieldset>
          <TextAreaField rows={3} id="outcome-notes" label={t('respond.notes')} hint={t('respond.notesHint')} value={notes} onChange={(e) => setNotes(e.target.value)} error={fieldError(error, 'notes')} />
          {responder.evidence && (
            <FilePicker id="evidence" labels={{ file: t('respond.evidence'), hint: t('respond.evidenceHint'), tooBig: t('respond.evidenceTooBig') }} onPick={(files) => setFile(files[0] ?? null)} />
          )}
          <UploadStatus uploader={uploader} />
          <button type="submit" className="button button--primary" disabled={busy || !outcome}>
            {t('respond.completeConfirm')}
          </button>
        </form>
      )}
    </div>
  );
}
