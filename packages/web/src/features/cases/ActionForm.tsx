import { Suspense, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { DECISIONS, MANUAL_CLOSE_REASONS, VERIFICATION_OUTCOMES, type CaseAction } from '@slrt/core';
import { useUser } from '../../api/session.tsx';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { FilePicker, UploadStatus, useUploader } from '../../ui/Upload.tsx';
import { isCancelled } from '../../ui/use-form-action.ts';
import { addToOutbox, canKeepOffline, type CaseVerificationBody } from '../outbox/outbox.ts';
import { failureOf } from '../outbox/outbox-rules.ts';
import { AreaPicker } from '../admin/AreaPicker.tsx';
import { caseApi, type CaseTransferResult, type CaseView } from './case-api.ts';
import { useActionLabel, useCodeLabel } from './labels.ts';

type Values = Record<string, string>;

/** The fields each workflow action asks for (the API's body for `POST /cases/:id/<action>`). */
function bodyOf(action: CaseAction, v: Values, needs: CaseView['needs']): Record<string, unknown> {
  const opt = (key: string) => (v[key]?.trim() ? v[key].trim() : undefined);
  switch (action) {
    case 'close_at_front_office':
      return { feedback: v.feedback ?? '' };
    case 'check_registry':
      return { notes: opt('notes') };
    case 'request_verification':
      return { notes: opt('notes'), assigneeId: opt('assigneeId') };
    case 'record_verification':
      return { outcome: v.outcome ?? 'confirmed', notes: v.notes ?? '', visitedOn: opt('visitedOn') };
    case 'recommend':
      return {
        recommendation: v.recommendation ?? '',
        needs: needs.filter((n) => v[`need.${n.id}`]?.trim()).map((n) => ({ needId: n.id, recommendation: v[`need.${n.id}`]!.trim() })),
      };
    case 'decide':
      return { decision: v.decision ?? 'refer', notes: opt('notes') };
    case 'escalate':
    case 'send_back':
      return { reason: v.reason ?? '' };
    case 'transfer':
      return { villageCode: v.villageCode ?? '', reason: v.reason ?? '' };
    case 'resolve':
      return { notes: opt('notes') };
    case 'close':
      return { reason: v.reason ?? 'withdrawn', notes: opt('notes') };
  }
}

/**
 * One workflow action as a small form under its button; the case comes back updated. A
 * transfer answers where the case went instead (`onTransferred`): the caller may no longer
 * see it.
 */
export function ActionForm({ c, action, onDone, onTransferred, onCancel }: {
  c: CaseView;
  action: CaseAction;
  onDone: (next: CaseView) => void;
  onTransferred: (result: CaseTransferResult) => void;
  onCancel: () => void;
}) {
  const t = useT('cases');
  const actionLabel = useActionLabel();
  const label = useCodeLabel();
  const [values, setValues] = useState<Values>(() => (action === 'recommend' ? { recommendation: c.recommendation ?? '' } : ({} as Values)));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [assignees, setAssignees] = useState<Array<{ id: string; name: string }>>([]);
  const [photos, setPhotos] = useState<File[]>([]);
  const [queued, setQueued] = useState(false);
  const uploader = useUploader();
  const user = useUser();
  const set = (key: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const id = (key: string) => `action-${action}-${key}`;

  useEffect(() => {
    if (action !== 'request_verification') return;
    caseApi.assignees(c.id).then((r) => setAssignees(r.items), () => setAssignees([]));
  }, [action, c.id]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body = bodyOf(action, values, c.needs);
    // a field verification without a link (or when it drops on the way) waits in the outbox, photos included
    const keepOffline = async (): Promise<boolean> => {
      if (action !== 'record_verification' || !canKeepOffline()) return false;
      await addToOutbox(user.id, { kind: 'caseVerification', caseId: c.id, caseCode: c.code, personName: c.person.fullName, body: body as CaseVerificationBody }, photos);
      setQueued(true);
      setBusy(false);
      return true;
    };
    let stepTaken = false;
    try {
      if (!navigator.onLine && (await keepOffline())) return;
      if (action === 'transfer') onTransferred(await caseApi.transfer(c.id, body as { villageCode: string; reason: string }));
      else {
        const next = await caseApi.action(c.id, action, body);
        stepTaken = true;
        for (const [i, photo] of photos.entries()) {
          await uploader.send(photo, (file, options) => caseApi.upload(c.id, 'house_photo', file, options), { n: i + 1, of: photos.length });
        }
        onDone(photos.length ? await caseApi.get(c.id) : next);
      }
    } catch (e) {
      // once the step is recorded only photos can be missing: said, not queued as a second visit
      if (!stepTaken && failureOf(e) === 'later' && (await keepOffline())) return;
      // the officer cancelled the photos after the step was recorded: the step stands, the case shows it
      if (stepTaken && isCancelled(e)) {
        const fresh = await caseApi.get(c.id).catch(() => null);
        if (fresh) return onDone(fresh);
      }
      setError(e);
      setBusy(false);
    }
  }

  if (queued) {
    return (
      <div className="inline-form" data-action-form={action}>
        <p className="alert alert--ok" role="status" data-testid="queued">
          {t('outbox.queued')} <Link to="/kotak-keluar">{t('outbox.title')}</Link>
        </p>
        <button type="button" className="button" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    );
  }

  const placed = ['feedback', 'notes', 'outcome', 'recommendation', 'decision', 'reason', 'visitedOn', 'assigneeId', 'villageCode'];
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate data-action-form={action}>
      <h3>{actionLabel(action)}</h3>
      <FormErrors error={error} placed={placed} />
      {action === 'close_at_front_office' && (
        <TextAreaField id={id('feedback')} label={t('action.feedback')} hint={t('action.feedbackHint')} value={values.feedback ?? ''} onChange={set('feedback')} error={fieldError(error, 'feedback')} />
      )}
      {action === 'record_verification' && (
        <>
          <SelectField id={id('outcome')} label={t('action.outcome')} value={values.outcome ?? 'confirmed'} onChange={set('outcome')} error={fieldError(error, 'outcome')}>
            {VERIFICATION_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {label('verification_outcome', o)}
              </option>
            ))}
          </SelectField>
          <TextField id={id('visitedOn')} type="date" label={t('action.visitedOn')} value={values.visitedOn ?? ''} onChange={set('visitedOn')} error={fieldError(error, 'visitedOn')} />
          <FilePicker id={id('photos')} labels={{ file: t('action.photos'), hint: t('action.photosHint'), tooBig: t('documents.tooBig') }} multiple photosOnly onPick={setPhotos} />
          <UploadStatus uploader={uploader} />
        </>
      )}
      {action === 'request_verification' && (
        <SelectField id={id('assigneeId')} label={t('action.verifier')} value={values.assigneeId ?? ''} onChange={set('assigneeId')} error={fieldError(error, 'assigneeId')}>
          <option value="">{t('action.noAssignee')}</option>
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      )}
      {action === 'recommend' && (
        <>
          <TextAreaField id={id('recommendation')} label={t('action.recommendation')} value={values.recommendation ?? ''} onChange={set('recommendation')} error={fieldError(error, 'recommendation')} />
          {c.needs.map((n, i) => (
            <TextField
              key={n.id}
              id={id(`need-${i}`)}
              label={t('action.needRecommendation', { n: i + 1, sector: label('sector', n.sector) })}
              value={values[`need.${n.id}`] ?? n.recommendation ?? ''}
              onChange={set(`need.${n.id}`)}
              error={fieldError(error, `needs.${i}.recommendation`)}
            />
          ))}
        </>
      )}
      {action === 'decide' && (
        <fieldset>
          <legend>{t('action.decision')}</legend>
          {fieldError(error, 'decision') && <p className="field-error">{fieldError(error, 'decision')}</p>}
          {DECISIONS.map((d) => (
            <label key={d} className="check">
              <input type="radio" name={id('decision')} value={d} checked={(values.decision ?? 'refer') === d} onChange={set('decision')} />
              {label('decision', d)}
            </label>
          ))}
        </fieldset>
      )}
      {action === 'escalate' && (
        <TextAreaField id={id('reason')} label={t('action.escalateReason')} value={values.reason ?? ''} onChange={set('reason')} error={fieldError(error, 'reason')} />
      )}
      {action === 'send_back' && (
        <TextAreaField id={id('reason')} label={t('action.sendBackReason')} value={values.reason ?? ''} onChange={set('reason')} error={fieldError(error, 'reason')} />
      )}
      {action === 'transfer' && (
        <>
          <p className="hint">{t('action.transferHint', { village: c.villageName })}</p>
          {/* the admin screens' area picker (its words may load on first use): kecamatan, then village, in the case's kabupaten */}
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <AreaPicker
              id={id('village')}
              level="village"
              roots={[c.villageCode.split('.').slice(0, 2).join('.')]}
              onChange={(code) => setValues((v) => ({ ...v, villageCode: code }))}
              error={fieldError(error, 'villageCode')}
            />
          </Suspense>
          <TextAreaField id={id('reason')} label={t('action.transferReason')} value={values.reason ?? ''} onChange={set('reason')} error={fieldError(error, 'reason')} />
        </>
      )}
      {action === 'close' && (
        <SelectField id={id('reason')} label={t('action.closeReason')} value={values.reason ?? 'withdrawn'} onChange={set('reason')} error={fieldError(error, 'reason')}>
          {MANUAL_CLOSE_REASONS.map((r) => (
            <option key={r} value={r}>
              {label('close_reason', r)}
            </option>
          ))}
        </SelectField>
      )}
      {(['check_registry', 'request_verification', 'record_verification', 'decide', 'resolve', 'close'] as CaseAction[]).includes(action) && (
        <TextAreaField id={id('notes')} label={action === 'record_verification' ? t('action.verificationNotes') : t('action.notes')} value={values.notes ?? ''} onChange={set('notes')} error={fieldError(error, 'notes')} />
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('action.confirm', { action: actionLabel(action) })}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
