import { useCallback, useState } from 'react';
import {
  CASE_DOCUMENT_KINDS, CASE_KINDS, CHANNELS, CONSENT_METHODS, CONSENT_PURPOSES, DOCUMENT_MAX_BYTES, DOCUMENT_MIME_TYPES,
  FAST_TRACK_REASONS, LEGAL_BASES, SECTORS, URGENCIES, type CaseDocumentKind, type CaseTransferResult, type CaseView,
} from '@slrt/core';
import { api, ApiError } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { navigate } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { caseApi } from '../cases/case-api.ts';
import { useCodeLabel } from '../cases/labels.ts';
import { stepOfField, toCaseAtResidentVillage, toCreateCase, useIntakeDraft, type IntakeDraft, type NeedDraft } from './intake-draft.ts';
import { ResidentStep } from './ResidentStep.tsx';
import { ProgramScreening } from '../programs/ProgramScreening.tsx';
import '../cases/cases.css';

const STEPS = ['resident', 'service', 'needs', 'consent', 'documents'] as const;

/**
 * `/kantor-depan/penerimaan`: the one door, on a phone. Five short steps (resident; channel,
 * kind and fast track; complaint and needs; legal basis and consent; documents and submit),
 * kept on the device while in progress, then the receipt with the tracking code.
 */
export default function IntakePage() {
  const t = useT('intake');
  const tp = useT('programs');
  const label = useCodeLabel();
  const user = useUser();
  const facilitator = user.roles.some((r) => r.role === 'facilitator');
  const { draft, setDraft, clear } = useIntakeDraft(facilitator ? 'facilitator_visit' : 'walk_in_puskesos', user.id);
  const [files, setFiles] = useState<Array<{ kind: CaseDocumentKind; file: File }>>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sentElsewhere, setSentElsewhere] = useState<{ code: string; village: string } | null>(null);
  const step = Math.min(draft.step, STEPS.length - 1);
  const patch = useCallback((p: Partial<IntakeDraft>) => setDraft((d) => ({ ...d, ...p })), [setDraft]);
  const setResident = useCallback((resident: IntakeDraft['resident']) => setDraft((d) => ({ ...d, resident })), [setDraft]);
  const setNeed = (i: number, p: Partial<NeedDraft>) => patch({ needs: draft.needs.map((n, j) => (i === j ? { ...n, ...p } : n)) });

  /** What must be there before leaving a step (the server checks everything again). */
  function missing(at: number): string | null {
    if (at === 0) {
      const r = draft.resident;
      if (!r) return t('check.resident');
      if (r.mode === 'new' && (!r.person.fullName.trim() || !r.person.sex || !r.person.villageCode)) return t('check.newResident');
    }
    if (at === 1 && draft.fastTrack && draft.fastTrackReasons.length === 0) return t('check.fastTrack');
    if (at === 2 && (!draft.complaint.trim() || draft.needs.some((n) => !n.sector || !n.request.trim()))) return t('check.needs');
    return null;
  }

  function go(to: number) {
    if (to > step) {
      const gap = missing(step);
      if (gap) {
        setProblem(gap);
        return;
      }
    }
    setProblem(null);
    patch({ step: to });
    window.scrollTo(0, 0);
  }

  async function submit() {
    for (let i = 0; i < STEPS.length; i++) {
      const gap = missing(i);
      if (gap) {
        setProblem(gap);
        patch({ step: i });
        return;
      }
    }
    setBusy(true);
    setError(null);
    setProblem(null);
    const r = draft.resident;
    if (r?.mode === 'elsewhere' && r.person.where !== 'here') {
      try {
        const sent = await api.post<CaseTransferResult>('/cases/at-resident-village', toCaseAtResidentVillage(draft, r.person.nik));
        clear();
        setFiles([]);
        setSentElsewhere({ code: sent.code, village: sent.villageName });
      } catch (e) {
        setError(e);
      }
      setBusy(false);
      return;
    }
    let created: CaseView;
    try {
      created = r?.mode === 'elsewhere'
        // held here anyway, for a resident of another village (issue 12)
        ? await api.post<CaseView>('/cases/here-for-resident', toCaseAtResidentVillage(draft, r.person.nik))
        : await api.post<CaseView>('/cases', toCreateCase(draft));
    } catch (e) {
      setError(e);
      setBusy(false);
      const first = e instanceof ApiError ? Object.keys(e.fields)[0] : undefined;
      if (first) patch({ step: stepOfField(first) });
      return;
    }
    // the case exists: from here a retry must not make a second one, so the draft goes now
    let failed = 0;
    for (const f of files) {
      try {
        await caseApi.upload(created.id, f.kind, f.file);
      } catch {
        failed++;
      }
    }
    clear();
    setFiles([]);
    navigate(`/kasus/${created.id}/tanda-terima${failed ? `?gagal=${failed}` : ''}`);
  }

  return (
    <section>
      <h1>{t('title')}</h1>
      <ol className="steps" aria-label={t('steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {t(`step.${s}`)}
          </li>
        ))}
      </ol>
      <FormErrors error={error} placed={[]} />
      {sentElsewhere && (
        <p className="alert alert--ok" role="status" data-testid="sent-elsewhere">
          {t('resident.sentThere', { code: sentElsewhere.code, village: sentElsewhere.village })}
        </p>
      )}
      {problem && (
        <p className="alert alert--error" role="alert">
          {problem}
        </p>
      )}

      {step === 0 && <ResidentStep draft={draft} onChange={setResident} error={error} />}

      {step === 1 && (
        <fieldset>
          <legend>{t('step.service')}</legend>
          <SelectField id="channel" label={t('service.channel')} value={draft.channel} onChange={(e) => patch({ channel: e.target.value as IntakeDraft['channel'] })} error={fieldError(error, 'channel')}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {label('channel', c)}
              </option>
            ))}
          </SelectField>
          <SelectField id="kind" label={t('service.kind')} value={draft.kind} onChange={(e) => patch({ kind: e.target.value as IntakeDraft['kind'] })} error={fieldError(error, 'kind')}>
            {CASE_KINDS.map((k) => (
              <option key={k} value={k}>
                {label('kind', k)}
              </option>
            ))}
          </SelectField>
          <label className="check">
            <input type="checkbox" checked={draft.fastTrack} onChange={(e) => patch({ fastTrack: e.target.checked, fastTrackReasons: e.target.checked ? draft.fastTrackReasons : [] })} />
            {t('service.fastTrack')}
          </label>
          {draft.fastTrack && (
            <fieldset>
              <legend>{t('service.fastTrackReasons')}</legend>
              {fieldError(error, 'fastTrackReasons') && <p className="field-error">{fieldError(error, 'fastTrackReasons')}</p>}
              {FAST_TRACK_REASONS.map((r) => (
                <label key={r} className="check">
                  <input
                    type="checkbox"
                    checked={draft.fastTrackReasons.includes(r)}
                    onChange={(e) => patch({ fastTrackReasons: e.target.checked ? [...draft.fastTrackReasons, r] : draft.fastTrackReasons.filter((x) => x !== r) })}
                  />
                  {label('fast_track_reason', r)}
                </label>
              ))}
            </fieldset>
          )}
        </fieldset>
      )}

      {step === 2 && (
        <fieldset>
          <legend>{t('step.needs')}</legend>
          <TextAreaField id="complaint" label={t('needs.complaint')} hint={t('needs.complaintHint')} value={draft.complaint} onChange={(e) => patch({ complaint: e.target.value })} error={fieldError(error, 'complaint')} />
          {draft.needs.map((n, i) => (
            <div key={i} className="need" data-need-index={i}>
              <div className="need__head">
                <strong>{t('needs.need', { n: i + 1 })}</strong>
                {draft.needs.length > 1 && (
                  <button type="button" className="button button--small" onClick={() => patch({ needs: draft.needs.filter((_x, j) => j !== i) })}>
                    {t('needs.remove')}
                  </button>
                )}
              </div>
              <SelectField id={`need-${i}-sector`} label={t('needs.sector')} value={n.sector} onChange={(e) => setNeed(i, { sector: e.target.value as NeedDraft['sector'] })} error={fieldError(error, `needs.${i}.sector`)}>
                <option value="">{t('needs.chooseSector')}</option>
                {SECTORS.map((s) => (
                  <option key={s} value={s}>
                    {label('sector', s)}
                  </option>
                ))}
              </SelectField>
              <SelectField id={`need-${i}-urgency`} label={t('needs.urgency')} value={n.urgency} onChange={(e) => setNeed(i, { urgency: e.target.value as NeedDraft['urgency'] })} error={fieldError(error, `needs.${i}.urgency`)}>
                {URGENCIES.map((u) => (
                  <option key={u} value={u}>
                    {label('urgency', u)}
                  </option>
                ))}
              </SelectField>
              <TextAreaField id={`need-${i}-request`} label={t('needs.request')} value={n.request} onChange={(e) => setNeed(i, { request: e.target.value })} error={fieldError(error, `needs.${i}.request`)} />
            </div>
          ))}
          {draft.needs.length < 12 && (
            <button type="button" className="button" onClick={() => patch({ needs: [...draft.needs, { sector: '', urgency: 'normal', request: '' }] })}>
              {t('needs.add')}
            </button>
          )}
          {draft.resident?.mode === 'found' && draft.resident.person.householdId && (
            <ProgramScreening
              householdId={draft.resident.person.householdId}
              used={draft.needs.flatMap((n) => (n.program ? [n.program] : []))}
              onUse={(item) => {
                // the suggestion becomes a need: the program's sector, its name and the reasons in the request
                const need: NeedDraft = {
                  sector: (SECTORS as readonly string[]).includes(item.sector) ? (item.sector as NeedDraft['sector']) : 'social_assistance',
                  urgency: 'normal',
                  request: tp('screening.needRequest', { program: item.programName, reasons: item.reasons.join('; ') }).slice(0, 2000),
                  program: item.program,
                };
                const blank = draft.needs.findIndex((n) => !n.sector && !n.request.trim());
                patch({ needs: blank >= 0 ? draft.needs.map((n, i) => (i === blank ? need : n)) : [...draft.needs, need].slice(0, 12) });
              }}
            />
          )}
        </fieldset>
      )}

      {step === 3 && (
        <fieldset>
          <legend>{t('step.consent')}</legend>
          <SelectField id="legal-basis" label={t('consent.legalBasis')} hint={t('consent.legalBasisHint')} value={draft.legalBasis} onChange={(e) => patch({ legalBasis: e.target.value as IntakeDraft['legalBasis'] })} error={fieldError(error, 'legalBasis')}>
            {LEGAL_BASES.map((b) => (
              <option key={b} value={b}>
                {label('legal_basis', b)}
              </option>
            ))}
          </SelectField>
          <label className="check">
            <input type="checkbox" checked={draft.consent.enabled} onChange={(e) => patch({ consent: { ...draft.consent, enabled: e.target.checked } })} />
            {t('consent.record')}
          </label>
          {fieldError(error, 'consents') && <p className="field-error">{fieldError(error, 'consents')}</p>}
          {draft.consent.enabled && (
            <>
              <SelectField id="consent-purpose" label={t('consent.purpose')} value={draft.consent.purpose} onChange={(e) => patch({ consent: { ...draft.consent, purpose: e.target.value as IntakeDraft['consent']['purpose'] } })}>
                {CONSENT_PURPOSES.map((p) => (
                  <option key={p} value={p}>
                    {label('consent_purpose', p)}
                  </option>
                ))}
              </SelectField>
              <TextAreaField id="consent-statement" label={t('consent.statement')} hint={t('consent.statementHint')} value={draft.consent.statement} onChange={(e) => patch({ consent: { ...draft.consent, statement: e.target.value } })} error={fieldError(error, 'consents.0.statement')} />
              <SelectField id="consent-method" label={t('consent.method')} value={draft.consent.method} onChange={(e) => patch({ consent: { ...draft.consent, method: e.target.value as IntakeDraft['consent']['method'] } })}>
                {CONSENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {label('consent_method', m)}
                  </option>
                ))}
              </SelectField>
              <SelectField id="consent-given-by" label={t('consent.givenBy')} value={draft.consent.givenBy} onChange={(e) => patch({ consent: { ...draft.consent, givenBy: e.target.value as 'subject' | 'guardian' } })} error={fieldError(error, 'consents.0.givenBy')}>
                <option value="subject">{t('consent.subject')}</option>
                <option value="guardian">{t('consent.guardian')}</option>
              </SelectField>
              {draft.consent.givenBy === 'guardian' && (
                <>
                  <TextField id="guardian-name" label={t('consent.guardianName')} value={draft.consent.guardianName} onChange={(e) => patch({ consent: { ...draft.consent, guardianName: e.target.value } })} error={fieldError(error, 'consents.0.guardianName')} />
                  <TextField id="guardian-relationship" label={t('consent.guardianRelationship')} value={draft.consent.guardianRelationship} onChange={(e) => patch({ consent: { ...draft.consent, guardianRelationship: e.target.value } })} />
                </>
              )}
            </>
          )}
        </fieldset>
      )}

      {step === 4 && <DocumentsStep files={files} setFiles={setFiles} draft={draft} />}

      <div className="wizard-nav">
        {step > 0 ? (
          <button type="button" className="button" onClick={() => go(step - 1)}>
            {t('nav.back')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => { if (window.confirm(t('nav.confirmReset'))) { clear(); setFiles([]); setError(null); } }}>
            {t('nav.reset')}
          </button>
        )}
        {step < STEPS.length - 1 ? (
          <button type="button" className="button button--primary" onClick={() => go(step + 1)}>
            {t('nav.next')}
          </button>
        ) : (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void submit()}>
            {busy ? t('nav.sending') : t('nav.submit')}
          </button>
        )}
      </div>
    </section>
  );
}

function DocumentsStep({ files, setFiles, draft }: { files: Array<{ kind: CaseDocumentKind; file: File }>; setFiles: (f: Array<{ kind: CaseDocumentKind; file: File }>) => void; draft: IntakeDraft }) {
  const t = useT('intake');
  const label = useCodeLabel();
  const [kind, setKind] = useState<CaseDocumentKind>('ktp');
  const [tooBig, setTooBig] = useState(false);
  const resident = draft.resident?.mode === 'found' ? draft.resident.person.fullName : draft.resident?.person.fullName;
  return (
    <fieldset>
      <legend>{t('step.documents')}</legend>
      <SelectField id="document-kind" label={t('documents.kind')} value={kind} onChange={(e) => setKind(e.target.value as CaseDocumentKind)}>
        {CASE_DOCUMENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {label('case_document_kind', k)}
          </option>
        ))}
      </SelectField>
      <div className={tooBig ? 'field field--error' : 'field'}>
        <label htmlFor="document-file">{t('documents.file')}</label>
        <p className="hint">{t('documents.hint')}</p>
        {tooBig && <p className="field-error">{t('documents.tooBig')}</p>}
        <input
          id="document-file"
          type="file"
          accept={DOCUMENT_MIME_TYPES.join(',')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setTooBig(file.size > DOCUMENT_MAX_BYTES);
            if (file.size <= DOCUMENT_MAX_BYTES) setFiles([...files, { kind, file }]);
          }}
        />
      </div>
      {files.length > 0 && (
        <ul className="cards" data-testid="intake-files">
          {files.map((f, i) => (
            <li key={i} className="card">
              {label('case_document_kind', f.kind)}: {f.file.name}{' '}
              <button type="button" className="button button--small" onClick={() => setFiles(files.filter((_x, j) => j !== i))}>
                {t('documents.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('review.title')}</h2>
      <dl className="dl">
        <dt>{t('review.resident')}</dt>
        <dd>{resident ?? '-'}</dd>
        <dt>{t('review.service')}</dt>
        <dd>
          {label('channel', draft.channel)} · {label('kind', draft.kind)}
          {draft.fastTrack && ` · ${t('review.fastTrack')}`}
        </dd>
        <dt>{t('review.needs')}</dt>
        <dd>{draft.needs.map((n) => `${n.sector ? label('sector', n.sector) : '?'} (${label('urgency', n.urgency)})`).join(', ')}</dd>
        <dt>{t('review.documents')}</dt>
        <dd>{files.length}</dd>
      </dl>
    </fieldset>
  );
}
