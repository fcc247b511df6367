import { useState, type FormEvent, type ReactNode } from 'react';
import {
  ASSISTANCE_CATEGORIES, ASSISTANCE_FORMS, FUNDING_SOURCES,
  type AssistanceCheck, type AssistanceDelivery, type AssistanceRecorded, type DuplicateAssistanceWarning,
} from '@slrt/core';
import { api } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { todayText } from '../puskesos/puskesos-api.ts';
import { deliveryWhat, rupiah } from './ledger-format.ts';

type Category = (typeof ASSISTANCE_CATEGORIES)[number];
type Form = (typeof ASSISTANCE_FORMS)[number];
type Source = (typeof FUNDING_SOURCES)[number];

const empty = () => ({ category: 'food' as Category, form: 'goods' as Form, item: '', quantity: '', unit: '', valueIdr: '', fundingSource: 'csr' as Source, deliveredOn: todayText(), note: '' });
const PLACED = ['category', 'form', 'item', 'quantity', 'unit', 'valueIdr', 'fundingSource', 'deliveredOn', 'note'];

/**
 * The assistance given against one referral (the partner's referral page): the deliveries
 * recorded so far, and a form that checks for duplicate assistance before it saves. The
 * household is the referral's: a partner names no one else.
 */
export function ReferralAssistance({ referralId, mayRecord }: { referralId: string; mayRecord: boolean }) {
  const t = useT('programs');
  const list = useResource<{ items: AssistanceDelivery[] }>(`/referrals/${encodeURIComponent(referralId)}/assistance`);
  const [form, setForm] = useState(empty);
  const [warnings, setWarnings] = useState<DuplicateAssistanceWarning[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof ReturnType<typeof empty>) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setWarnings(null); // a changed delivery is checked again
  };

  function body() {
    const num = (s: string) => (s.trim() === '' ? null : Number(s));
    return {
      referralId, category: form.category, form: form.form, item: form.item.trim() || null, quantity: num(form.quantity),
      unit: form.unit.trim() || null, valueIdr: num(form.valueIdr), fundingSource: form.fundingSource, deliveredOn: form.deliveredOn,
      note: form.note.trim() || null,
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
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
      setForm(empty());
      setWarnings(null);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="referral-assistance" className="referral-assistance">
      <h2 id="referral-assistance">{t('ledger.title')}</h2>
      {list.error && <p className="alert alert--error" role="alert">{list.error}</p>}
      {list.data && items.length === 0 && <p>{t('ledger.none')}</p>}
      {items.length > 0 && <DeliveryCards items={items} />}
      {notice && <Notice>{notice}</Notice>}
      {mayRecord && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <h3>{t('ledger.record')}</h3>
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
      )}
    </section>
  );

}

/** Deliveries as cards: day, kind and source; item, quantity and value. `referralLink` adds a link to each one's referral. */
export function DeliveryCards({ items, referralLink }: { items: AssistanceDelivery[]; referralLink?: (referralId: string) => ReactNode }) {
  const t = useT('programs');
  const { locale } = useLocale();
  return (
    <ul className="cards" data-testid="deliveries">
      {items.map((d) => (
        <li key={d.id} className="card" data-delivery={d.id}>
          <strong>{t('ledger.line', { date: d.deliveredOn, category: t(`ledger.category.${d.category}`), source: t(`ledger.source.${d.fundingSource}`) })}</strong>
          <br />
          {[deliveryWhat(d, locale), rupiah(d.valueIdr, locale)].filter(Boolean).join(' · ')}
          {d.referralId && referralLink && <><br />{referralLink(d.referralId)}</>}
        </li>
      ))}
    </ul>
  );
}
