import { useState, type FormEvent } from 'react';
import {
  ASSISTANCE_CATEGORIES, ASSISTANCE_FORMS, FUNDING_SOURCES,
  type AssistanceCheck, type AssistanceRecorded, type DuplicateAssistanceWarning, type Program,
} from '@slrt/core';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { todayText } from '../puskesos/puskesos-api.ts';

type Category = (typeof ASSISTANCE_CATEGORIES)[number];
type Form = (typeof ASSISTANCE_FORMS)[number];
type Source = (typeof FUNDING_SOURCES)[number];

const empty = (source: Source) => ({
  program: '', category: 'food' as Category, form: 'goods' as Form, item: '', quantity: '', unit: '', valueIdr: '', fundingSource: source,
  deliveredOn: todayText(), note: '',
});
const PLACED = ['program', 'category', 'form', 'item', 'quantity', 'unit', 'valueIdr', 'fundingSource', 'deliveredOn', 'note'];

/**
 * One delivery of assistance, checked for duplicate assistance before it is saved
 * (`POST /assistance/check`, then `POST /assistance`; "save anyway" after a warning: assistance
 * already given is recorded). A partner records against its referral; an officer against a
 * household of their area, naming the program where there is one (BLT Dana Desa, a kabupaten
 * program) or none (Baznas, a community collection).
 */
export function AssistanceForm({ target, programs, onSaved }: {
  target: { referralId: string } | { householdId: string };
  /** The programs an officer may name; none for a partner. */
  programs?: readonly Program[];
  onSaved: () => void;
}) {
  const t = useT('programs');
  const firstSource: Source = 'referralId' in target ? 'csr' : 'dana_desa';
  const [form, setForm] = useState(() => empty(firstSource));
  const [warnings, setWarnings] = useState<DuplicateAssistanceWarning[] | null>(null);
  const { busy, error, run } = useFormAction();
  const [notice, setNotice] = useState<string | null>(null);
  const set = (key: keyof ReturnType<typeof empty>) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setWarnings(null); // a changed delivery is checked again
  };

  function body() {
    const num = (s: string) => (s.trim() === '' ? null : Number(s));
    return {
      ...target, ...(programs ? { program: form.program || null } : {}), category: form.category, form: form.form, item: form.item.trim() || null,
      quantity: num(form.quantity), unit: form.unit.trim() || null, valueIdr: num(form.valueIdr), fundingSource: form.fundingSource,
      deliveredOn: form.deliveredOn, note: form.note.trim() || null,
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    await run(async () => {
      // first the check: a warning is shown before anything is saved, then "save anyway"
      if (warnings === null) {
        const check = await api.post<AssistanceCheck>('/assistance/check', body());
        if (check.warnings.length > 0) {
          setWarnings(check.warnings);
          return;
        }
      }
      const recorded = await api.post<AssistanceRecorded>('/assistance', body());
      setNotice(recorded.warnings.length > 0 ? t('ledger.savedDuplicate') : t('ledger.saved'));
      setForm(empty(firstSource));
      setWarnings(null);
      onSaved();
    });
  }

  return (
    <>
      {notice && <Notice>{notice}</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="assistance-form">
        <h3>{t('ledger.record')}</h3>
        {programs && (
          <SelectField id="ledger-program" label={t('ledger.program')} value={form.program} onChange={set('program')} error={fieldError(error, 'program')}>
            <option value="">{t('ledger.noProgram')}</option>
            {programs.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
          </SelectField>
        )}
        <SelectField id="ledger-category" label={t('ledger.category')} value={form.category} onChange={set('category')} error={fieldError(error, 'category')}>
          {ASSISTANCE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`ledger.category.${c}`)}</option>)}
        </SelectField>
        <SelectField id="ledger-form" label={t('ledger.form')} value={form.form} onChange={set('form')} error={fieldError(error, 'form')}>
          {ASSISTANCE_FORMS.map((f) => <option key={f} value={f}>{t(`ledger.formKind.${f}`)}</option>)}
        </SelectField>
        <TextField id="ledger-item" label={t('ledger.item')} value={form.item} maxLength={200} onChange={set('item')} error={fieldError(error, 'item')} />
        <TextField id="ledger-quantity" label={t('ledger.quantity')} type="number" inputMode="decimal" min="0" value={form.quantity} onChange={set('quantity')} error={fieldError(error, 'quantity')} />
        <TextField id="ledger-unit" label={t('ledger.unit')} value={form.unit} maxLength={30} onChange={set('unit')} error={fieldError(error, 'unit')} />
        <TextField id="ledger-value" label={t('ledger.value')} type="number" inputMode="numeric" min="0" step="1" value={form.valueIdr} onChange={set('valueIdr')} error={fieldError(error, 'valueIdr')} />
        <SelectField id="ledger-source" label={t('ledger.source')} value={form.fundingSource} onChange={set('fundingSource')} error={fieldError(error, 'fundingSource')}>
          {FUNDING_SOURCES.map((s) => <option key={s} value={s}>{t(`ledger.source.${s}`)}</option>)}
        </SelectField>
        <TextField id="ledger-date" label={t('ledger.date')} type="date" value={form.deliveredOn} max={todayText()} onChange={set('deliveredOn')} error={fieldError(error, 'deliveredOn')} />
        <TextAreaField id="ledger-note" label={t('ledger.note')} value={form.note} maxLength={1000} onChange={set('note')} error={fieldError(error, 'note')} />
        <FormErrors error={error} placed={PLACED} />
        {warnings && warnings.length > 0 && (
          <div className="alert alert--warning" role="alert" data-testid="duplicate-warning">
            {warnings.map((w) => <p key={w.code}>{w.message}</p>)}
            <p>{t('ledger.duplicateHint')}</p>
          </div>
        )}
        <button type="submit" className="button" disabled={busy}>
          {warnings && warnings.length > 0 ? t('ledger.saveAnyway') : t('ledger.check')}
        </button>
      </form>
    </>
  );
}
