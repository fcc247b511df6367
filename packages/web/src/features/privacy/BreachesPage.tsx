import { useState } from 'react';
import type { FormEvent } from 'react';
import { BREACH_DATA_CATEGORIES, BREACH_RECIPIENTS, type Breach, type BreachRecipient } from '@slrt/core';
import { api, buildUrl } from '../../api/client.ts';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { fieldError, FormErrors } from '../../ui/FormErrors.tsx';
import { formatDateTime } from '../registry/format.ts';
import { CursorCards } from '../../ui/CursorCards.tsx';
import './privacy.css';

/**
 * `/privasi/kebocoran`: the breach register. Each breach with its 3 x 24 hour clock for the
 * notices (to the supervisory authority and to the persons affected), overdue marked, the
 * letters produced from the data, and the form that records a new one.
 */
export default function BreachesPage() {
  const t = useT('privacy');
  const list = useCursorList<Breach>('/breaches', { limit: 50 });
  return (
    <section className="privacy">
      <h1>{t('breaches.title')}</h1>
      <p className="lead">{t('breaches.intro')}</p>
      <NewBreach onSaved={list.reload} />
      <CursorCards list={list} empty={t('breaches.empty')} testId="breaches">
        {(b) => <BreachCard key={b.id} breach={b} onChanged={list.reload} />}
      </CursorCards>
    </section>
  );
}

function BreachCard({ breach: b, onChanged }: { breach: Breach; onChanged: () => void }) {
  const t = useT('privacy');
  const { locale } = useLocale();
  const [error, setError] = useState<unknown>(null);
  const sentAt: Record<BreachRecipient, string | null> = { authority: b.authorityNotifiedAt, persons: b.personsNotifiedAt };
  const mark = async (recipient: BreachRecipient) => {
    setError(null);
    try {
      await api.post(`/breaches/${b.id}/notified`, { recipient });
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li className={b.overdue ? 'card privacy__card--overdue' : 'card'} data-breach={b.id}>
      <p className="card__title">{b.title}</p>
      <p className="card__meta">
        {t('breaches.found', { at: formatDateTime(b.foundAt, locale) })} · {t('breaches.due', { at: formatDateTime(b.notifyDueAt, locale) })}
        {b.overdue && <strong className="privacy__overdue" data-testid="breach-overdue"> · {t('breaches.overdue')}</strong>}
      </p>
      <p>{b.description}</p>
      <p className="card__meta">
        {b.dataCategories.map((c) => t(`breaches.cat.${c as (typeof BREACH_DATA_CATEGORIES)[number]}`)).join(', ')} · {t('breaches.persons', { n: b.personsAffected })}
      </p>
      <ul className="privacy__notices">
        {BREACH_RECIPIENTS.map((r) => (
          <li key={r} data-recipient={r}>
            <strong>{t(r === 'authority' ? 'breaches.authority' : 'breaches.personsRecipient')}</strong>:{' '}
            {sentAt[r] ? t('breaches.notifiedAt', { at: formatDateTime(sentAt[r], locale) }) : t('breaches.notSent')}{' '}
            <a href={buildUrl(`/breaches/${b.id}/letters.pdf`, { recipient: r })} target="_blank" rel="noopener" data-testid={`breach-letter-${r}`}>{t('breaches.letter')}</a>{' '}
            {!sentAt[r] && <button type="button" className="button button--small" onClick={() => void mark(r)}>{t('breaches.markSent')}</button>}
          </li>
        ))}
      </ul>
      <FormErrors error={error} placed={[]} />
    </li>
  );
}

/** A `datetime-local` value (local time) as an ISO instant, or undefined when empty. */
function instant(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

function NewBreach({ onSaved }: { onSaved: () => void }) {
  const t = useT('privacy');
  const empty = { title: '', description: '', foundAt: '', occurredFrom: '', occurredTo: '', cause: '', measures: '', accountUsername: '' };
  const [form, setForm] = useState(empty);
  const [categories, setCategories] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/breaches', {
        title: form.title, description: form.description, foundAt: instant(form.foundAt) ?? '', cause: form.cause, measures: form.measures,
        dataCategories: categories,
        ...(form.occurredFrom ? { occurredFrom: instant(form.occurredFrom) } : {}),
        ...(form.occurredTo ? { occurredTo: instant(form.occurredTo) } : {}),
        ...(form.accountUsername.trim() ? { accountUsername: form.accountUsername.trim() } : {}),
      });
      setForm(empty);
      setCategories([]);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const labels = {
    title: t('breaches.field.title'), description: t('breaches.field.description'), foundAt: t('breaches.field.foundAt'),
    occurredFrom: t('breaches.field.occurredFrom'), occurredTo: t('breaches.field.occurredTo'), dataCategories: t('breaches.field.dataCategories'),
    cause: t('breaches.field.cause'), measures: t('breaches.field.measures'), accountUsername: t('breaches.field.accountUsername'),
  };
  const err = (f: keyof typeof labels) => fieldError(error, f, labels[f]);
  return (
    <details className="privacy__panel" data-testid="new-breach">
      <summary>{t('breaches.new')}</summary>
      <form onSubmit={(e) => void save(e)}>
        <TextField id="title" label={labels.title} value={form.title} onChange={set('title')} error={err('title')} required />
        <TextAreaField id="description" label={labels.description} value={form.description} onChange={set('description')} error={err('description')} required />
        <TextField id="foundAt" type="datetime-local" label={labels.foundAt} value={form.foundAt} onChange={set('foundAt')} error={err('foundAt')} required />
        <fieldset className="privacy__checks" aria-describedby={err('dataCategories') ? 'dataCategories-error' : undefined}>
          <legend>{labels.dataCategories}</legend>
          {err('dataCategories') && <p id="dataCategories-error" className="field-error">{err('dataCategories')}</p>}
          {BREACH_DATA_CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" name="dataCategories" value={c} checked={categories.includes(c)}
                onChange={(e) => setCategories(e.target.checked ? [...categories, c] : categories.filter((x) => x !== c))} />
              {t(`breaches.cat.${c}`)}
            </label>
          ))}
        </fieldset>
        <TextAreaField id="cause" label={labels.cause} value={form.cause} onChange={set('cause')} error={err('cause')} required />
        <TextAreaField id="measures" label={labels.measures} value={form.measures} onChange={set('measures')} error={err('measures')} required />
        <TextField id="accountUsername" label={labels.accountUsername} hint={t('breaches.field.accountUsername.hint')} value={form.accountUsername} onChange={set('accountUsername')} error={err('accountUsername')} />
        <TextField id="occurredFrom" type="datetime-local" label={labels.occurredFrom} value={form.occurredFrom} onChange={set('occurredFrom')} error={err('occurredFrom')} />
        <TextField id="occurredTo" type="datetime-local" label={labels.occurredTo} value={form.occurredTo} onChange={set('occurredTo')} error={err('occurredTo')} />
        <FormErrors error={error} placed={Object.keys(labels)} labels={labels} />
        <button type="submit" className="button button--primary" disabled={busy}>{t('breaches.save')}</button>
      </form>
    </details>
  );
}
