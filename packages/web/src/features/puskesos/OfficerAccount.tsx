import { useState } from 'react';
import type { OfficerView, PuskesosAccount } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';

/**
 * The account select of the officers page: staff accounts of the village first, then of its
 * kecamatan (a TKSK, a supervisor serving the village); an account another active officer
 * holds is named so. `except` is the officer being edited (their own account stays free).
 */
export function AccountSelect({ id, value, onChange, accounts, except, error, hint }: {
  id: string; value: string; onChange: (userId: string) => void; accounts: readonly PuskesosAccount[]; except?: string; error?: string; hint?: string;
}) {
  const t = useT('puskesos');
  const option = (a: PuskesosAccount) => {
    const name = `${a.displayName} (${a.username})`;
    const taken = a.officerId !== null && a.officerId !== except;
    return <option key={a.id} value={a.id} disabled={taken}>{taken ? t('officers.accountTaken', { name }) : name}</option>;
  };
  const village = accounts.filter((a) => a.level === 'village');
  const kecamatan = accounts.filter((a) => a.level === 'kecamatan');
  return (
    <SelectField id={id} label={t('officers.accountLabel')} hint={hint} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      <option value="">{t('officers.accountNone')}</option>
      {village.length > 0 && <optgroup label={t('officers.accountVillage')}>{village.map(option)}</optgroup>}
      {kecamatan.length > 0 && <optgroup label={t('officers.accountKecamatan')}>{kecamatan.map(option)}</optgroup>}
    </SelectField>
  );
}

/**
 * An officer's account on their card: shown to everyone who reads the officers; the koordinator
 * or the kabupaten links one (`PATCH /puskesos-officers/:id` `userId`) or unlinks it after a
 * confirmation. The server checks the account serves the village or its kecamatan.
 */
export function OfficerAccount({ officer, accounts, canWrite, onDone }: {
  officer: OfficerView; accounts: readonly PuskesosAccount[] | null; canWrite: boolean; onDone: () => void;
}) {
  const t = useT('puskesos');
  const [choice, setChoice] = useState('');
  const { busy, message, run } = useFormAction();
  const save = (userId: string | null) =>
    run(async () => {
      await api.patch(`/puskesos-officers/${officer.id}`, { userId });
      setChoice('');
      onDone();
    });
  const unlink = () => {
    if (!officer.account || !window.confirm(t('officers.confirmUnlink', { username: officer.account.username, name: officer.name }))) return;
    void save(null);
  };

  return (
    <div className="officer-account" data-testid="officer-account">
      <p data-account={officer.account?.username ?? ''}>
        {officer.account ? t('officers.account', { name: officer.account.displayName, username: officer.account.username }) : t('officers.noAccount')}
      </p>
      {message && <p className="field-error" role="alert">{message}</p>}
      {canWrite && officer.active && officer.account && (
        <button type="button" className="button button--small" disabled={busy} onClick={unlink}>{t('officers.unlinkAccount')}</button>
      )}
      {canWrite && officer.active && !officer.account && accounts && (
        <div className="officer-account__link">
          <AccountSelect id={`officer-${officer.id}-account`} value={choice} onChange={setChoice} accounts={accounts} except={officer.id} />
          <button type="button" className="button button--small button--primary" disabled={busy || choice === ''} onClick={() => void save(choice)}>{t('officers.linkAccount')}</button>
        </div>
      )}
    </div>
  );
}
