import type { AssistanceDelivery, Program } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useT } from '../../i18n/i18n.tsx';
import { AssistanceForm } from './AssistanceForm.tsx';
import { DeliveryCards } from './ReferralAssistance.tsx';

/**
 * The household page's assistance: every delivery it received (programs, partners, Baznas,
 * the village), and for an officer of its area the form to record one (a BLT Dana Desa payment, a
 * Baznas package), with the duplicate-assistance warning before it is saved.
 */
export function HouseholdAssistance({ householdId }: { householdId: string }) {
  const t = useT('programs');
  const perms = permissionsOf(useUser());
  const list = useResource<{ items: AssistanceDelivery[] }>(perms.has('assistance.read') ? `/households/${encodeURIComponent(householdId)}/assistance` : null);
  const mayRecord = perms.has('assistance.record');
  const programs = useResource<{ items: Program[] }>(mayRecord ? '/programs' : null);
  if (!perms.has('assistance.read')) return null;
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="household-assistance" className="household-assistance">
      <h2 id="household-assistance">{t('ledger.title')}</h2>
      {list.error && <p className="alert alert--error" role="alert">{list.error}</p>}
      {list.data && items.length === 0 && <p>{t('ledger.none')}</p>}
      {items.length > 0 && <DeliveryCards items={items} />}
      {mayRecord && programs.data && (
        <AssistanceForm target={{ householdId }} programs={programs.data.items.filter((p) => p.active)} onSaved={list.reload} />
      )}
    </section>
  );
}
