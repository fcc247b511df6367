import { useState } from 'react';
import { caseCodeLabel, type PersonConsent, type PrivacyPerson } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { fieldError, FormErrors } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { formatDateTime } from '../registry/format.ts';
import { PersonLookup } from './PersonLookup.tsx';
import './privacy.css';

/**
 * `/privasi/persetujuan`: a resident's consents (found by NIK): each with its purpose, the
 * statement read out, how and by whom it was given (a child's guardian named), and its
 * withdrawal, one consent at a time, or for the consent to share with partners one partner at
 * a time. What rested on it stops (the server says what: photos hidden, sharing stopped).
 */
export default function ConsentsPage() {
  const t = useT('privacy');
  const [person, setPerson] = useState<PrivacyPerson | null>(null);
  return (
    <section className="privacy">
      <h1>{t('consents.title')}</h1>
      <p className="lead">{t('consents.intro')}</p>
      <PersonLookup onFound={setPerson} />
      {person && <PersonConsents person={person} />}
    </section>
  );
}

function PersonConsents({ person }: { person: PrivacyPerson }) {
  const t = useT('privacy');
  const consents = useResource<{ items: PersonConsent[] }>(`/persons/${person.id}/consents`);
  return (
    <div data-testid="consents">
      <h2 data-testid="consent-person">{person.fullName}</h2>
      {consents.error && <div className="alert alert--error" role="alert">{consents.error}</div>}
      {!consents.data ? (
        <p role="status">{t('app.loading')}</p>
      ) : consents.data.items.length === 0 ? (
        <p>{t('consents.empty')}</p>
      ) : (
        <ul className="cards">
          {consents.data.items.map((c) => <ConsentCard key={c.id} consent={c} onChanged={consents.reload} />)}
        </ul>
      )}
    </div>
  );
}

function ConsentCard({ consent: c, onChanged }: { consent: PersonConsent; onChanged: () => void }) {
  const t = useT('privacy');
  const { locale } = useLocale();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const withdraw = async (organizationId?: string) => {
    setError(null);
    setDone(false);
    try {
      await api.post(`/consents/${c.id}/withdraw`, { note, ...(organizationId ? { organizationId } : {}) });
      setDone(true);
      setNote('');
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const noteId = `note-${c.id}`;
  return (
    <li className="card" data-consent={c.id} data-purpose={c.purpose} data-withdrawn={c.withdrawnAt ? 'true' : 'false'}>
      <p className="card__title">{caseCodeLabel('consent_purpose', c.purpose, locale)} · {t('consents.case', { code: c.caseCode })}</p>
      <p>“{c.statement}”</p>
      <p className="card__meta">
        {t('consents.given', { at: formatDateTime(c.givenAt, locale), method: caseCodeLabel('consent_method', c.method, locale) })} ·{' '}
        {c.givenBy === 'guardian'
          ? t('consents.givenBy.guardian', { name: c.guardianName ?? '-', relationship: c.guardianRelationship ?? '-' })
          : t('consents.givenBy.subject')}
      </p>
      <p data-testid="consent-status">
        <strong className={c.withdrawnAt ? 'privacy__overdue' : undefined}>
          {c.withdrawnAt ? t('consents.withdrawn', { at: formatDateTime(c.withdrawnAt, locale) }) : t('consents.active')}
        </strong>
      </p>
      {!c.withdrawnAt && (
        <TextAreaField id={noteId} label={t('consents.note')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(error, 'note', t('consents.note'))} />
      )}
      {c.partners.length > 0 && (
        <>
          <h3>{t('consents.partners')}</h3>
          <ul className="privacy__notices">
            {c.partners.map((p) => (
              <li key={p.organizationId} data-partner={p.organizationId}>
                {p.organizationName} ·{' '}
                {p.withdrawnAt || c.withdrawnAt ? (
                  <span className="privacy__overdue">{t('consents.withdrawn', { at: formatDateTime(p.withdrawnAt ?? c.withdrawnAt!, locale) })}</span>
                ) : (
                  <button type="button" className="button button--small" onClick={() => void withdraw(p.organizationId)}>{t('consents.withdrawPartner')}</button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {!c.withdrawnAt && (
        <button type="button" className="button" onClick={() => void withdraw()}>{t('consents.withdraw')}</button>
      )}
      <FormErrors error={error} placed={['note']} />
      {done && <Notice>{t('consents.done')}</Notice>}
    </li>
  );
}
