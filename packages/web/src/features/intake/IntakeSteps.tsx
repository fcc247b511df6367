import {
  CASE_KINDS, CHANNELS, CONSENT_METHODS, CONSENT_PURPOSES, FAST_TRACK_REASONS, LEGAL_BASES, SECTORS, URGENCIES,
} from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { useCodeLabel } from '../cases/labels.ts';
import { ProgramScreening } from '../programs/ProgramScreening.tsx';
import type { IntakeDraft, NeedDraft } from './intake-draft.ts';

/** The intake's steps after the resident: service, complaint and needs, legal basis and consent. */

interface StepProps {
  draft: IntakeDraft;
  patch: (p: Partial<IntakeDraft>) => void;
  /** The officer left this field: check it from now on. */
  touch: (path: string) => void;
  /** The message of a field path, from the check as the officer leaves it or from the server. */
  errorOf: (path: string) => string | undefined;
}

/** Step 2: channel, kind and fast track. */
export function ServiceStep({ draft, patch, touch, errorOf }: StepProps) {
  const t = useT('intake');
  const label = useCodeLabel();
  return (
    <fieldset>
      <legend>{t('step.service')}</legend>
      <SelectField id="channel" label={t('service.channel')} value={draft.channel} onChange={(e) => patch({ channel: e.target.value as IntakeDraft['channel'] })} onBlur={() => touch('channel')} error={errorOf('channel')}>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {label('channel', c)}
          </option>
        ))}
      </SelectField>
      <SelectField id="kind" label={t('service.kind')} value={draft.kind} onChange={(e) => patch({ kind: e.target.value as IntakeDraft['kind'] })} onBlur={() => touch('kind')} error={errorOf('kind')}>
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
        <fieldset id="fast-track-reasons" tabIndex={-1}>
          <legend>{t('service.fastTrackReasons')}</legend>
          {errorOf('fastTrackReasons') && <p className="field-error">{errorOf('fastTrackReasons')}</p>}
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
  );
}

/** Step 3: the complaint and the needs (a program the household may get becomes a need). */
export function NeedsStep({ draft, patch, touch, errorOf }: StepProps) {
  const t = useT('intake');
  const tp = useT('programs');
  const label = useCodeLabel();
  const setNeed = (i: number, p: Partial<NeedDraft>) => patch({ needs: draft.needs.map((n, j) => (i === j ? { ...n, ...p } : n)) });
  return (
    <fieldset>
      <legend>{t('step.needs')}</legend>
      <TextAreaField id="complaint" label={t('needs.complaint')} hint={t('needs.complaintHint')} value={draft.complaint} onChange={(e) => patch({ complaint: e.target.value })} onBlur={() => touch('complaint')} error={errorOf('complaint')} />
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
          <SelectField id={`need-${i}-sector`} label={t('needs.sector')} value={n.sector} onChange={(e) => setNeed(i, { sector: e.target.value as NeedDraft['sector'] })} onBlur={() => touch(`needs.${i}.sector`)} error={errorOf(`needs.${i}.sector`)}>
            <option value="">{t('needs.chooseSector')}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {label('sector', s)}
              </option>
            ))}
          </SelectField>
          <SelectField id={`need-${i}-urgency`} label={t('needs.urgency')} value={n.urgency} onChange={(e) => setNeed(i, { urgency: e.target.value as NeedDraft['urgency'] })} onBlur={() => touch(`needs.${i}.urgency`)} error={errorOf(`needs.${i}.urgency`)}>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {label('urgency', u)}
              </option>
            ))}
          </SelectField>
          <TextAreaField id={`need-${i}-request`} label={t('needs.request')} value={n.request} onChange={(e) => setNeed(i, { request: e.target.value })} onBlur={() => touch(`needs.${i}.request`)} error={errorOf(`needs.${i}.request`)} />
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
  );
}

/** Step 4: the legal basis and the resident's consent. */
export function ConsentStep({ draft, patch, touch, errorOf }: StepProps) {
  const t = useT('intake');
  const label = useCodeLabel();
  return (
    <fieldset>
      <legend>{t('step.consent')}</legend>
      <SelectField id="legal-basis" label={t('consent.legalBasis')} hint={t('consent.legalBasisHint')} value={draft.legalBasis} onChange={(e) => patch({ legalBasis: e.target.value as IntakeDraft['legalBasis'] })} onBlur={() => touch('legalBasis')} error={errorOf('legalBasis')}>
        {LEGAL_BASES.map((b) => (
          <option key={b} value={b}>
            {label('legal_basis', b)}
          </option>
        ))}
      </SelectField>
      <label className="check">
        <input id="consent-record" type="checkbox" checked={draft.consent.enabled} onChange={(e) => patch({ consent: { ...draft.consent, enabled: e.target.checked } })} />
        {t('consent.record')}
      </label>
      {errorOf('consents') && <p className="field-error">{errorOf('consents')}</p>}
      {draft.consent.enabled && (
        <>
          <SelectField id="consent-purpose" label={t('consent.purpose')} value={draft.consent.purpose} onChange={(e) => patch({ consent: { ...draft.consent, purpose: e.target.value as IntakeDraft['consent']['purpose'] } })}>
            {CONSENT_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {label('consent_purpose', p)}
              </option>
            ))}
          </SelectField>
          <TextAreaField id="consent-statement" label={t('consent.statement')} hint={t('consent.statementHint')} value={draft.consent.statement} onChange={(e) => patch({ consent: { ...draft.consent, statement: e.target.value } })} onBlur={() => touch('consents.0.statement')} error={errorOf('consents.0.statement')} />
          <SelectField id="consent-method" label={t('consent.method')} value={draft.consent.method} onChange={(e) => patch({ consent: { ...draft.consent, method: e.target.value as IntakeDraft['consent']['method'] } })}>
            {CONSENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {label('consent_method', m)}
              </option>
            ))}
          </SelectField>
          <SelectField id="consent-given-by" label={t('consent.givenBy')} value={draft.consent.givenBy} onChange={(e) => patch({ consent: { ...draft.consent, givenBy: e.target.value as 'subject' | 'guardian' } })} error={errorOf('consents.0.givenBy')}>
            <option value="subject">{t('consent.subject')}</option>
            <option value="guardian">{t('consent.guardian')}</option>
          </SelectField>
          {draft.consent.givenBy === 'guardian' && (
            <>
              <TextField id="guardian-name" label={t('consent.guardianName')} value={draft.consent.guardianName} onChange={(e) => patch({ consent: { ...draft.consent, guardianName: e.target.value } })} onBlur={() => touch('consents.0.guardianName')} error={errorOf('consents.0.guardianName')} />
              <TextField id="guardian-relationship" label={t('consent.guardianRelationship')} value={draft.consent.guardianRelationship} onChange={(e) => patch({ consent: { ...draft.consent, guardianRelationship: e.target.value } })} />
            </>
          )}
        </>
      )}
    </fieldset>
  );
}
