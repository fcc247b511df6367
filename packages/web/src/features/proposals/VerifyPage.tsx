import { useState } from 'react';
import { HOUSING_INDICATORS, MET_ROLES, type MetRole, type ProposalDetail, type VerificationInput } from '@slrt/core';
import { useUser } from '../../api/session.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { FilePicker, UploadStatus, useUploader } from '../../ui/Upload.tsx';
import { isCancelled } from '../../ui/use-form-action.ts';
import { FieldInput, isSimpleField, TextArea, WithProposal } from './controls.tsx';
import { useFieldLabel, useValueText } from './labels.ts';
import { proposalApi } from './proposal-api.ts';
import { addToOutbox, canKeepOffline } from '../outbox/outbox.ts';
import { failureOf } from '../outbox/outbox-rules.ts';
import './proposals.css';
import { proposalUrl } from '../../app/page-urls.ts';

interface ItemState {
  confirmed: boolean | null;
  corrected: unknown;
}

function todayInJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

/**
 * `/usulan/:id/verifikasi`: the facilitator's visit, on a phone. Each proposed value beside the
 * registry's, confirmed or corrected; the visit's date and whom they met; photos; the position;
 * the verdict, with its reason when invalid. A new household's visit also sees every housing
 * indicator for itself (filled in where intake entered none), needs a photo of the house, and the
 * place: the phone's GPS, or a typed landmark (the same rule the server holds, in core).
 */
export default function VerifyPage() {
  return <WithProposal>{(p) => <VerifyOrNotNow p={p} />}</WithProposal>;
}

function VerifyOrNotNow({ p }: { p: ProposalDetail }) {
  const t = useT('proposals');
  if (!p.allowedActions.includes('verify')) {
    return (
      <section>
        <h1>{t('verify.title')}</h1>
        <p className="alert alert--info">{t('verify.notNow')}</p>
        <Link to={`/usulan/${p.id}`}>{t('verify.back')}</Link>
      </section>
    );
  }
  return <VerifyForm p={p} />;
}

function VerifyForm({ p }: { p: ProposalDetail }) {
  const t = useT('proposals');
  const field = useFieldLabel();
  const value = useValueText();
  const newHousehold = p.type === 'new' && p.targetKind === 'new_household';
  // housing indicators intake did not enter: the visit fills them in
  const fillIn: string[] = newHousehold ? HOUSING_INDICATORS.filter((f) => !p.changedFields.includes(f)) : [];
  const fields = [...p.changedFields, ...fillIn];
  const [items, setItems] = useState<Record<string, ItemState>>(() =>
    Object.fromEntries(fields.map((f) => [f, fillIn.includes(f) ? { confirmed: false, corrected: undefined } : { confirmed: null, corrected: p.changes[f] }])));
  const [landmark, setLandmark] = useState('');
  const [visitDate, setVisitDate] = useState(todayInJakarta);
  const [metName, setMetName] = useState('');
  const [metRole, setMetRole] = useState<MetRole>('head');
  const [verdict, setVerdict] = useState<'valid' | 'invalid' | null>(null);
  const [reason, setReason] = useState('');
  const [gps, setGps] = useState<{ lat: number; lon: number; accuracyM: number } | null>(null);
  const [gpsState, setGpsState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const uploader = useUploader();
  const [error, setError] = useState<unknown>(null);
  const [queued, setQueued] = useState(false);
  const user = useUser();
  const unchecked = fields.filter((f) => items[f]?.confirmed === null || (fillIn.includes(f) && items[f]?.corrected === undefined));
  const photosHeld = photos.length + p.documents.filter((d) => d.kind === 'photo').length;
  const missingPhoto = newHousehold && verdict === 'valid' && photosHeld === 0;
  const missingPlace = newHousehold && !gps && landmark.trim().length < 3;

  const setItem = (f: string, next: Partial<ItemState>) => setItems((old) => ({ ...old, [f]: { ...(old[f] ?? { confirmed: null, corrected: undefined }), ...next } }));

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGpsState('failed');
      return;
    }
    setGpsState('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGps({ lat: pos.coords.latitude, lon: pos.coords.longitude, accuracyM: Math.round(pos.coords.accuracy) });
        setGpsState('idle');
      },
      () => setGpsState('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const submit = async () => {
    if (!verdict) return;
    const body: VerificationInput = {
      verdict,
      visitDate,
      metName: metName.trim(),
      metRole,
      items: fields
        .filter((f) => items[f]?.confirmed !== null)
        .map((f) => (items[f]?.confirmed ? { field: f, confirmed: true } : { field: f, confirmed: false, correctedValue: items[f]?.corrected ?? null })),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(gps ? { gps } : {}),
      ...(landmark.trim() ? { landmark: landmark.trim() } : {}),
    };
    setBusy(true);
    setError(null);
    // without a link (or when it drops on the way) the visit waits in the outbox, photos included
    const keepOffline = async (): Promise<boolean> => {
      if (!canKeepOffline()) return false;
      await addToOutbox(user.id, { kind: 'proposalVerification', proposalId: p.id, code: p.code, subjectName: p.subjectName, body }, photos);
      setQueued(true);
      window.scrollTo(0, 0);
      return true;
    };
    try {
      if (!navigator.onLine && (await keepOffline())) return;
      // a photo sent before a failure is sent again with the rest: the server answers the one it holds
      for (const [i, photo] of photos.entries()) {
        await uploader.send(photo, (file, options) => proposalApi.upload(p.id, 'photo', file, options), { n: i + 1, of: photos.length });
      }
      setPhotos([]);
      const result = await proposalApi.step(p.id, 'verify', body);
      navigate(proposalUrl(p.id, { hasil: result.status }));
    } catch (e) {
      if (isCancelled(e)) return;
      if (!(failureOf(e) === 'later' && (await keepOffline()))) setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (queued) {
    return (
      <section>
        <h1>{t('verify.title')}</h1>
        <p className="alert alert--ok" role="status" data-testid="queued">
          {t('outbox.queued')}
        </p>
        <p>
          <Link to="/kotak-keluar">{t('outbox.title')}</Link> · <Link to={`/usulan/${p.id}`}>{t('verify.back')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section>
      <h1>{t('verify.title')}</h1>
      <p className="lead">
        <span className="p-code">{p.code}</span> · {p.subjectName ?? t('list.noName')} · {p.villageName}
      </p>
      <p>{t('verify.reasonGiven', { reason: p.reason })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <FormErrors error={error} placed={['visitDate', 'metName', 'metRole', 'reason', 'items', 'photos', 'landmark', ...fields.map((_, i) => `items.${i}.correctedValue`)]} />
        <fieldset className="field">
          <legend>{t('verify.visit')}</legend>
          <TextField id="visit-date" label={t('verify.visitDate')} type="date" max={todayInJakarta()} value={visitDate} onChange={(e) => setVisitDate(e.target.value)} error={fieldError(error, 'visitDate')} required />
          <TextField id="met-name" label={t('verify.metName')} value={metName} onChange={(e) => setMetName(e.target.value)} error={fieldError(error, 'metName')} required autoComplete="off" />
          <SelectField id="met-role" label={t('verify.metRole')} value={metRole} onChange={(e) => setMetRole(e.target.value as MetRole)}>
            {MET_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`metRole.${r}`)}
              </option>
            ))}
          </SelectField>
        </fieldset>

        <h2>{t('verify.items')}</h2>
        {fieldError(error, 'items') && <p className="field-error">{fieldError(error, 'items')}</p>}
        {fields.map((f, i) => {
          const item = items[f] ?? { confirmed: null, corrected: undefined };
          const simple = isSimpleField(f);
          const filling = fillIn.includes(f);
          return (
            <div key={f} className={item.confirmed === false ? 'p-item p-item--corrected' : 'p-item'} data-item={f}>
              <h3>{field(f)}</h3>
              <dl className="p-dl">
                <dt>{t('compare.current')}</dt>
                <dd>{p.current ? value(f, p.current[f]) : t('compare.new')}</dd>
                <dt>{t('compare.proposed')}</dt>
                <dd className="p-new">{filling ? t('verify.notEntered') : value(f, p.changes[f])}</dd>
              </dl>
              {!filling && <div className="p-choice" role="radiogroup" aria-label={t('verify.itemFound', { field: field(f) })}>
                <label>
                  <input type="radio" name={`item-${f}`} value="confirmed" checked={item.confirmed === true} onChange={() => setItem(f, { confirmed: true })} />
                  {t('verify.matches')}
                </label>
                <label>
                  <input type="radio" name={`item-${f}`} value="corrected" checked={item.confirmed === false} disabled={!simple} onChange={() => setItem(f, { confirmed: false })} />
                  {t('verify.differs')}
                </label>
              </div>}
              {!simple && <p className="hint">{t('verify.complexHint')}</p>}
              {item.confirmed === false && simple && (
                <FieldInput id={`corrected-${f}`} field={f} label={t('verify.found', { field: field(f) })} value={item.corrected} onChange={(v) => setItem(f, { corrected: v })} error={fieldError(error, `items.${i}.correctedValue`)} />
              )}
            </div>
          );
        })}

        <h2>{t('verify.evidence')}</h2>
        <FilePicker
          id="visit-photos"
          labels={{ file: t('verify.photos'), hint: newHousehold ? t('verify.housePhotoHint') : t('verify.photosHint'), tooBig: t('documents.tooBig') }}
          multiple
          photosOnly
          error={fieldError(error, 'photos')}
          onPick={setPhotos}
        />
        {photos.length > 0 && <p className="hint" data-testid="photos-picked">{t('verify.photosPicked', { n: photos.length })}</p>}
        <UploadStatus uploader={uploader} />
        <div className="field">
          <button type="button" className="button" onClick={locate} disabled={gpsState === 'busy'}>
            {gpsState === 'busy' ? t('verify.locating') : t('verify.locate')}
          </button>
          {gps && <p className="hint" data-testid="gps">{t('verify.located', { lat: gps.lat.toFixed(5), lon: gps.lon.toFixed(5), accuracy: gps.accuracyM })}</p>}
          {gpsState === 'failed' && <p className="hint">{t('verify.locateFailed')}</p>}
        </div>
        {newHousehold && !gps && (
          <TextField id="visit-landmark" label={t('verify.landmark')} hint={t('verify.landmarkHint')} value={landmark} onChange={(e) => setLandmark(e.target.value)} error={fieldError(error, 'landmark')} maxLength={300} autoComplete="off" />
        )}

        <h2>{t('verify.verdict')}</h2>
        <div className="p-choice" role="radiogroup" aria-label={t('verify.verdict')}>
          <label>
            <input type="radio" name="verdict" value="valid" checked={verdict === 'valid'} onChange={() => setVerdict('valid')} />
            {t('verdict.valid')}
          </label>
          <label>
            <input type="radio" name="verdict" value="invalid" checked={verdict === 'invalid'} onChange={() => setVerdict('invalid')} />
            {t('verdict.invalid')}
          </label>
        </div>
        <TextArea id="verdict-reason" label={verdict === 'invalid' ? t('verify.reasonInvalid') : t('verify.note')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
        {verdict === 'valid' && unchecked.length > 0 && <p className="hint" role="status">{t('verify.unchecked', { fields: unchecked.map(field).join(', ') })}</p>}
        {missingPhoto && <p className="hint" role="status">{t('verify.needPhoto')}</p>}
        {verdict && missingPlace && <p className="hint" role="status">{t('verify.needPlace')}</p>}
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !verdict || !metName.trim() || (verdict === 'valid' && unchecked.length > 0) || (verdict === 'invalid' && !reason.trim()) || missingPhoto || missingPlace}
        >
          {busy ? t('verify.saving') : t('verify.save')}
        </button>
      </form>
    </section>
  );
}
