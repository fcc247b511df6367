import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { directoryApi, type ManageScope } from './directory-api.ts';

/** Adds a place where the organization serves (address with its Kemendagri village code and postal code). */
export function LocationForm({ scope, organizationId, onCreated }: { scope: ManageScope; organizationId: string; onCreated: () => void }) {
  const t = useT('directory');
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ name: '', address: '', villageCode: '', postalCode: '' });
  const [error, setError] = useState<unknown>(null);
  if (!open) {
    return (
      <p>
        <button type="button" className="button" onClick={() => setOpen(true)}>{t('location.add')}</button>
      </p>
    );
  }
  const field = (k: keyof typeof v, extra: { inputMode?: 'numeric'; hint?: string } = {}) => (
    <TextField id={`loc-${k}`} label={t(`location.${k}`)} value={v[k]} onChange={(e) => setV((o) => ({ ...o, [k]: e.target.value }))} error={fieldError(error, k)} {...extra} />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        directoryApi.createLocation(scope, { organizationId, ...v }).then(() => {
          setOpen(false);
          setV({ name: '', address: '', villageCode: '', postalCode: '' });
          onCreated();
        }, setError);
      }}
    >
      <h3>{t('location.add')}</h3>
      <FormErrors error={error} placed={['name', 'address', 'villageCode', 'postalCode']} />
      {field('name')}
      {field('address')}
      {field('villageCode', { hint: t('location.villageCodeHint') })}
      {field('postalCode', { inputMode: 'numeric' })}
      <button type="submit" className="button button--primary">{t('location.save')}</button>
    </form>
  );
}
