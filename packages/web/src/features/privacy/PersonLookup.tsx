import { useState } from 'react';
import type { FormEvent } from 'react';
import type { PrivacyPerson, PrivacyPersonQuery } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { fieldError, FormErrors } from '../../ui/FormErrors.tsx';

/**
 * Finds the resident a privacy task is about by their NIK (`GET /privacy/persons`): the field,
 * its button and its errors. `onFound` gets the person, or `null` while a new search runs.
 */
export function PersonLookup({ onFound }: { onFound: (person: PrivacyPerson | null) => void }) {
  const t = useT('privacy');
  const [nik, setNik] = useState('');
  const [error, setError] = useState<unknown>(null);
  const find = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    onFound(null);
    try {
      onFound(await api.get<PrivacyPerson>('/privacy/persons', { nik: nik.trim() } satisfies PrivacyPersonQuery));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <form onSubmit={(e) => void find(e)} className="privacy__lookup">
        <TextField id="nik" label={t('new.nik')} inputMode="numeric" maxLength={16} value={nik} onChange={(e) => setNik(e.target.value)} error={fieldError(error, 'nik', t('new.nik'))} />
        <button type="submit" className="button">{t('new.find')}</button>
      </form>
      <FormErrors error={error} placed={['nik']} />
    </>
  );
}
