import { useState } from 'react';
import { ORGANIZATION_TYPES, type OrganizationType } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import type { OrganizationDetail } from './directory-api.ts';

export interface OrganizationValues {
  name: string; type: OrganizationType; alternateName: string; description: string; email: string; website: string;
  phone: string; contactName: string; contactTitle: string; address: string; active: boolean;
}

const blank: OrganizationValues = { name: '', type: 'government', alternateName: '', description: '', email: '', website: '', phone: '', contactName: '', contactTitle: '', address: '', active: true };

export function valuesOf(o: OrganizationDetail | null): OrganizationValues {
  if (!o) return blank;
  return {
    name: o.name, type: o.type, alternateName: o.alternateName ?? '', description: o.description, email: o.email ?? '', website: o.website ?? '',
    phone: o.phone ?? '', contactName: o.contactName ?? '', contactTitle: o.contactTitle ?? '', address: o.address ?? '', active: o.active,
  };
}

/** Empty text means "none": sent as null so a cleared field is cleared. */
export function profileBody(v: OrganizationValues) {
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    alternateName: orNull(v.alternateName), description: v.description.trim(), email: orNull(v.email), website: orNull(v.website),
    phone: orNull(v.phone), contactName: orNull(v.contactName), contactTitle: orNull(v.contactTitle), address: orNull(v.address),
  };
}

/**
 * An organization's entry. `full` (the kabupaten) edits name, type and status too; a partner
 * edits its public profile only.
 */
export function OrganizationForm({ initial, full, submitLabel, onSubmit }: {
  initial: OrganizationValues; full: boolean; submitLabel: string; onSubmit: (v: OrganizationValues) => Promise<void>;
}) {
  const t = useT('directory');
  const [v, setV] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof OrganizationValues>(k: K, value: OrganizationValues[K]) => setV((old) => ({ ...old, [k]: value }));
  const text = (k: 'name' | 'alternateName' | 'email' | 'website' | 'phone' | 'contactName' | 'contactTitle' | 'address', type = 'text') => (
    <TextField id={`org-${k}`} label={t(`org.field.${k}`)} type={type} value={v[k]} onChange={(e) => set(k, e.target.value)} error={fieldError(error, k)} />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        onSubmit(v).catch(setError).finally(() => setBusy(false));
      }}
    >
      <FormErrors error={error} placed={['name', 'type', 'alternateName', 'description', 'email', 'website', 'phone', 'contactName', 'contactTitle', 'address']} />
      {full && text('name')}
      {full && (
        <SelectField id="org-type" label={t('org.field.type')} value={v.type} onChange={(e) => set('type', e.target.value as OrganizationType)} error={fieldError(error, 'type')}>
          {ORGANIZATION_TYPES.map((x) => (
            <option key={x} value={x}>{t(`orgType.${x}`)}</option>
          ))}
        </SelectField>
      )}
      {text('alternateName')}
      <TextAreaField rows={3} id="org-description" label={t('org.field.description')} value={v.description} onChange={(e) => set('description', e.target.value)} error={fieldError(error, 'description')} />
      {text('email', 'email')}
      {text('website', 'url')}
      {text('phone', 'tel')}
      {text('contactTitle')}
      {text('contactName')}
      {text('address')}
      {full && (
        <label className="choice">
          <input type="checkbox" checked={v.active} onChange={(e) => set('active', e.target.checked)} />
          {t('org.field.active')}
        </label>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>{submitLabel}</button>
    </form>
  );
}
