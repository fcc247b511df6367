import { useState } from 'react';
import type { FormEvent } from 'react';
import { HANDOVER_ROLES } from '@slrt/core';
import type { HandoverView, OfficerView } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { HandoverContent } from './HandoverContent.tsx';

/**
 * The handovers of a Puskesos, when the koordinator or the village head changes: what passed
 * (open cases, referrals, usulan, equipment, budget, officers, as the data stood that day) and
 * the two signatures. The koordinator or the kabupaten produces one; naming an officer with an
 * account as the incoming party shows it on that person's first screen.
 */
export function HandoversPanel({ village, officers, canWrite }: { village: string; officers: readonly OfficerView[]; canWrite: boolean }) {
  const t = useT('puskesos');
  const list = useResource<{ items: HandoverView[] }>(`/puskesos/${village}/handovers`);
  const withAccount = officers.filter((o) => o.active && o.userId !== null);
  const [form, setForm] = useState({ role: 'koordinator', outgoingName: '', incoming: '', incomingName: '' });
  const { busy, error, run } = useFormAction();
  const rowAction = useFormAction();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((x) => ({ ...x, [k]: e.target.value }));
  const chosen = withAccount.find((o) => o.id === form.incoming);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.post(`/puskesos/${village}/handovers`, {
        role: form.role, outgoingName: form.outgoingName, incomingName: chosen ? chosen.name : form.incomingName, incomingUserId: chosen?.userId ?? null,
      });
      setForm({ role: form.role, outgoingName: '', incoming: '', incomingName: '' });
      list.reload();
    });
  };
  const sign = (h: HandoverView, party: 'outgoing' | 'incoming') =>
    rowAction.run(async () => {
      await api.post(`/puskesos-handovers/${h.id}/sign`, { party, name: party === 'outgoing' ? h.outgoingName : h.incomingName });
      list.reload();
    });

  return (
    <section aria-labelledby="handovers-title" data-testid="handovers">
      <h2 id="handovers-title">{t('handover.title')}</h2>
      {list.error && <div className="alert alert--error" role="alert"><p>{list.error}</p></div>}
      {rowAction.message && <div className="alert alert--error" role="alert"><p>{rowAction.message}</p></div>}
      {list.data && list.data.items.length === 0 && <p>{t('handover.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="cards" data-testid="handover-list">
          {list.data.items.map((h) => {
            const s = h.snapshot;
            return (
              <li key={h.id} className="card" data-handover={h.id}>
                <p><strong>{t(`handover.role.${h.role}`)}</strong>: {t('handover.parties', { from: h.outgoingName, to: h.incomingName })}</p>
                <p className="card__meta">{t('handover.taken', { date: h.createdAt.slice(0, 10) })}</p>
                <ul>
                  <li>{t('inherited.cases', { n: s.openCases.length })}</li>
                  <li>{t('inherited.referrals', { n: s.openReferrals.length })}</li>
                  <li>{t('inherited.proposals', { n: s.pendingProposals.length })}</li>
                  <li>{t('inherited.equipment', { n: s.equipment.length })}</li>
                  <li>{t('inherited.budget', { n: s.budget.lines.length, year: s.budget.year })}</li>
                </ul>
                <HandoverContent snapshot={s} />
                {(['outgoing', 'incoming'] as const).map((party) => {
                  const signed = party === 'outgoing' ? h.outgoingSigned : h.incomingSigned;
                  return (
                    <p key={party} data-signature={party}>
                      {signed
                        ? t('handover.signed', { name: signed.name, date: signed.at.slice(0, 10) })
                        : canWrite
                          ? <button type="button" className="button button--small" disabled={rowAction.busy} onClick={() => void sign(h, party)}>{t(`handover.sign.${party}`, { name: party === 'outgoing' ? h.outgoingName : h.incomingName })}</button>
                          : t('handover.unsigned', { name: party === 'outgoing' ? h.outgoingName : h.incomingName })}
                    </p>
                  );
                })}
              </li>
            );
          })}
        </ul>
      )}
      {canWrite && (
        <>
          <h3>{t('handover.add')}</h3>
          <p className="hint">{t('handover.addHint')}</p>
          <FormErrors error={error} placed={['role', 'outgoingName', 'incomingName', 'incomingUserId']} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <SelectField id="handover-role" label={t('handover.role')} value={form.role} onChange={set('role')} error={fieldError(error, 'role')}>
              {HANDOVER_ROLES.map((r) => <option key={r} value={r}>{t(`handover.role.${r}`)}</option>)}
            </SelectField>
            <TextField id="handover-outgoing" label={t('handover.outgoing')} value={form.outgoingName} onChange={set('outgoingName')} error={fieldError(error, 'outgoingName')} />
            <SelectField id="handover-incoming" label={t('handover.incoming')} value={form.incoming} onChange={set('incoming')} error={fieldError(error, 'incomingUserId')}>
              <option value="">{t('handover.incomingOther')}</option>
              {withAccount.map((o) => <option key={o.id} value={o.id}>{o.name} ({t(`position.${o.position}`)})</option>)}
            </SelectField>
            {!chosen && <TextField id="handover-incoming-name" label={t('handover.incomingName')} value={form.incomingName} onChange={set('incomingName')} error={fieldError(error, 'incomingName')} />}
            <button type="submit" className="button button--primary" disabled={busy}>{t('handover.save')}</button>
          </form>
        </>
      )}
    </section>
  );
}
