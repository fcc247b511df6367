import { useState } from 'react';
import { CONFIRMABLE_NIK_WARNINGS, PROPOSAL_CHANNELS, type CreateProposalInput, type ProposalChannel } from '@slrt/core';
import { Link, navigate } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { FieldInput, TextArea } from './controls.tsx';
import { proposalApi } from './proposal-api.ts';
import { LikelyMatches } from '../registry/LikelyMatches.tsx';
import { personPath } from '../registry/registry-api.ts';
import { newProposalUrl } from '../../app/page-urls.ts';

/** Pieces every proposal form shares: the values, the new person's fields, the submit bar. */

export type Values = Record<string, unknown>;

/** What a new person needs first; the rest is optional. */
const NEW_PERSON_FIELDS = ['fullName', 'sex', 'nik', 'birthPlace', 'birthDate', 'relationship', 'maritalStatus', 'educationLevel', 'workStatus'];

export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
export const defined = (v: Values) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));

export function PersonFields({ idPrefix, values, setValues }: { idPrefix: string; values: Values; setValues: (v: Values) => void }) {
  return (
    <>
      {NEW_PERSON_FIELDS.map((f) => (
        <FieldInput key={f} id={`${idPrefix}-${f}`} field={f} value={values[f]} onChange={(v) => setValues({ ...values, [f]: v })} />
      ))}
    </>
  );
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * A new person of an usulan checked against the registry before the proposal is sent: the
 * likely matches, each with its record and a change proposal for it instead.
 */
export function NewPersonMatches({ values, villageCode, kk, testId }: { values: Values; villageCode: string; kk?: string; testId?: string }) {
  const t = useT('registry');
  return (
    <LikelyMatches
      testId={testId}
      person={{ fullName: text(values.fullName), sex: text(values.sex), nik: text(values.nik), birthDate: text(values.birthDate), villageCode, kk }}
      action={(m) => (
        <div className="p-actions">
          <Link to={personPath(m.person.id)} className="button button--small">{t('likely.open')}</Link>
          <Link to={newProposalUrl({ jenis: 'change', orang: m.person.id })} className="button button--small">{t('likely.proposeChange')}</Link>
        </div>
      )}
    />
  );
}

/** Field messages of `changes.*` are listed by the summary (with the field's name), never lost. */
export function Submission({ build, disabled }: { build: () => Omit<CreateProposalInput, 'channel' | 'reason'> | null; disabled?: boolean }) {
  const t = useT('proposals');
  const [channel, setChannel] = useState<ProposalChannel>('walk_in');
  const [reason, setReason] = useState('');
  const [draft, setDraft] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const nikWarning = error && Object.values((error as { fields?: Record<string, string> }).fields ?? {}).some((m) => /NIK/.test(m));
  return (
    <>
      <SelectField id="proposal-channel" label={t('new.channel')} value={channel} onChange={(e) => setChannel(e.target.value as ProposalChannel)}>
        {PROPOSAL_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`channel.${c}`)}
          </option>
        ))}
      </SelectField>
      <TextArea id="proposal-reason" label={t('new.reason')} hint={t('new.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} required />
      {nikWarning && (
        <label className="field">
          <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> {t('new.confirmWarnings')}
        </label>
      )}
      <label className="field">
        <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> {t('new.draft')}
      </label>
      <FormErrors error={error} placed={['reason']} />
      <button
        type="button"
        className="button button--primary"
        disabled={busy || disabled || reason.trim().length < 3}
        onClick={() => {
          const target = build();
          if (!target) return;
          setBusy(true);
          setError(null);
          proposalApi
            .create({ ...target, channel, reason: reason.trim(), ...(draft ? { draft: true } : {}), ...(confirm ? { confirmWarnings: [...CONFIRMABLE_NIK_WARNINGS] } : {}) } as CreateProposalInput)
            .then((r) => navigate(`/usulan/${r.id}`), setError)
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t('new.saving') : draft ? t('new.saveDraft') : t('new.submit')}
      </button>
    </>
  );
}

