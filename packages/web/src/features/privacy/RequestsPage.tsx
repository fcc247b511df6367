import { useState } from 'react';
import type { FormEvent } from 'react';
import { DATA_REQUEST_CHANNELS, DATA_REQUEST_KINDS, type DataRequest, type PrivacyPerson } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { Link, navigate } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { fieldError, FormErrors } from '../../ui/FormErrors.tsx';
import { formatDateTime } from '../registry/format.ts';
import { PersonLookup } from './PersonLookup.tsx';
import { CursorCards } from '../../ui/CursorCards.tsx';
import './privacy.css';

/**
 * `/privasi/permintaan`: the DPO records a resident's request (found by NIK, from any channel,
 * with the identity check noted) and works the list: open requests by due time, the ones past
 * their 3 x 24 hours marked.
 */
export default function RequestsPage() {
  const t = useT('privacy');
  const { locale } = useLocale();
  const list = useCursorList<DataRequest>('/data-requests', { status: 'open', limit: 50 });

  return (
    <section className="privacy">
      <h1>{t('requests.title')}</h1>
      <p className="lead">{t('requests.intro')}</p>
      <NewRequest />
      <h2>{t('requests.open')}</h2>
      <CursorCards list={list} empty={t('requests.empty')} testId="data-requests">
        {(r) => (
          <li key={r.id} className={r.overdue ? 'card privacy__card--overdue' : 'card'} data-request={r.id}>
            <p className="card__title">
              <Link to={`/privasi/permintaan/${r.id}`}>{r.personName}</Link> · {t(`kind.${r.kind}`)}
            </p>
            <p className="card__meta">
              {t('requests.received', { at: formatDateTime(r.receivedAt, locale) })}
              {r.dueAt && ` · ${t('requests.due', { at: formatDateTime(r.dueAt, locale) })}`}
              {r.overdue && <strong className="privacy__overdue"> · {t('requests.overdue')}</strong>}
            </p>
          </li>
        )}
      </CursorCards>
    </section>
  );
}

function NewRequest() {
  const t = useT('privacy');
  const [person, setPerson] = useState<PrivacyPerson | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ kind: 'access', channel: 'walk_in', details: '', identityCheck: '' });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!person) return;
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<{ id: string }>('/data-requests', {
        personId: person.id, kind: form.kind, channel: form.channel, details: form.details,
        ...(form.identityCheck.trim() ? { identityCheck: form.identityCheck } : {}),
      });
      navigate(`/privasi/permintaan/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="privacy__panel" data-testid="new-request">
      <h2>{t('new.title')}</h2>
      <PersonLookup onFound={setPerson} />
      {person && (
        <form onSubmit={(e) => void save(e)}>
          <p data-testid="request-person">
            <strong>{person.fullName}</strong>
            {person.restriction && <span className="privacy__restricted"> · {t('new.restricted', { reason: person.restriction.reason })}</span>}
          </p>
          <SelectField id="kind" label={t('new.kind')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })} error={fieldError(error, 'kind')}>
            {DATA_REQUEST_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </SelectField>
          <SelectField id="channel" label={t('new.channel')} value={form.channel} onChange={(e) => setForm({ ...form, channel: e.target.value })} error={fieldError(error, 'channel')}>
            {DATA_REQUEST_CHANNELS.map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
          </SelectField>
          <TextAreaField id="details" label={t('new.details')} value={form.details} onChange={(e) => setForm({ ...form, details: e.target.value })} error={fieldError(error, 'details')} required />
          <TextField id="identityCheck" label={t('new.identityCheck')} hint={t('new.identityCheck.hint')} value={form.identityCheck} onChange={(e) => setForm({ ...form, identityCheck: e.target.value })} error={fieldError(error, 'identityCheck')} />
          <FormErrors error={error} placed={['kind', 'channel', 'details', 'identityCheck']} />
          <button type="submit" className="button button--primary" disabled={busy}>{t('new.save')}</button>
        </form>
      )}
    </div>
  );
}
