import { useState } from 'react';
import type { FormEvent } from 'react';
import { DECISIONS, type Holder, type NeedAction } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { caseApi, type CaseView } from './case-api.ts';
import { useCodeLabel } from './labels.ts';

type Need = CaseView['needs'][number];

/** The office holding a case or a need: "Puskesos Cinunuk", "Kecamatan Cileunyi", "Kabupaten Bandung". */
function useHolderName() {
  const t = useT('cases');
  return (h: Holder) => (h.level === 'village' ? t('holder.village', { name: h.areaName }) : h.level === 'kecamatan' ? t('holder.kecamatan', { name: h.areaName }) : h.areaName);
}

/**
 * Who holds one need (issue 12): the office, its decision when it holds the need apart from the
 * case, and the need-level steps the user may take (escalate only this need, send it back,
 * decide it), each as a small form under its button.
 */
export function NeedHolding({ c, n, onChange }: { c: CaseView; n: Need; onChange: (next: CaseView, message?: string) => void }) {
  const t = useT('cases');
  const label = useCodeLabel();
  const holderName = useHolderName();
  const [open, setOpen] = useState<NeedAction | null>(null);
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<string>('refer');
  const { busy, error, setError, run } = useFormAction();

  async function submit(event: FormEvent<HTMLFormElement>, action: NeedAction) {
    event.preventDefault();
    const body = action === 'decide'
      ? { decision, needIds: [n.id], ...(reason.trim() ? { notes: reason.trim() } : {}) }
      : { reason, needIds: [n.id] };
    await run(async () => {
      const next = await caseApi.action(c.id, action, body);
      setOpen(null);
      setReason('');
      onChange(next, t(`needAction.done.${action}`));
    });
  }

  return (
    <>
      <p className="card__meta" data-testid="need-holder" data-holder-level={n.holder.level}>
        {t(n.heldApart ? 'holder.heldApart' : 'holder.held', { office: holderName(n.holder) })}
        {n.decision && <> · {label('decision', n.decision)}{n.decidedBy && ` (${n.decidedBy.name})`}</>}
      </p>
      {n.actions.length > 0 && (
        <div className="actions no-print">
          {n.actions.map((a) => (
            <button key={a} type="button" className={a === 'decide' ? 'button button--small button--primary' : 'button button--small'} aria-expanded={open === a}
              data-need-action={a} onClick={() => { setOpen(open === a ? null : a); setError(null); }}>
              {t(`needAction.${a}`)}
            </button>
          ))}
        </div>
      )}
      {open && (
        <form className="inline-form no-print" onSubmit={(e) => void submit(e, open)} noValidate data-need-form={open}>
          <FormErrors error={error} placed={['reason', 'decision', 'notes']} />
          {open === 'decide' && (
            <SelectField id={`need-${n.id}-decision`} label={t('action.decision')} value={decision} onChange={(e) => setDecision(e.target.value)} error={fieldError(error, 'decision')}>
              {DECISIONS.map((d) => (
                <option key={d} value={d}>
                  {label('decision', d)}
                </option>
              ))}
            </SelectField>
          )}
          <TextAreaField id={`need-${n.id}-reason`} label={t(open === 'decide' ? 'action.notes' : 'action.reason')} value={reason}
            onChange={(e) => setReason(e.target.value)} error={fieldError(error, open === 'decide' ? 'notes' : 'reason')} />
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={busy}>{t(`needAction.${open}`)}</button>
            <button type="button" className="button" onClick={() => setOpen(null)}>{t('action.cancel')}</button>
          </div>
        </form>
      )}
    </>
  );
}
