import type { ReactNode } from 'react';
import type { AssistanceDelivery } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { AssistanceForm } from './AssistanceForm.tsx';
import { deliveryWhat, rupiah } from './ledger-format.ts';

/**
 * The assistance given against one referral (the partner's referral page): the deliveries
 * recorded so far, and a form that checks for duplicate assistance before it saves. The
 * household is the referral's: a partner names no one else.
 */
export function ReferralAssistance({ referralId, mayRecord }: { referralId: string; mayRecord: boolean }) {
  const t = useT('programs');
  const list = useResource<{ items: AssistanceDelivery[] }>(`/referrals/${encodeURIComponent(referralId)}/assistance`);
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="referral-assistance" className="referral-assistance">
      <h2 id="referral-assistance">{t('ledger.title')}</h2>
      {list.error && <p className="alert alert--error" role="alert">{list.error}</p>}
      {list.data && items.length === 0 && <p>{t('ledger.none')}</p>}
      {items.length > 0 && <DeliveryCards items={items} />}
      {mayRecord && <AssistanceForm target={{ referralId }} onSaved={list.reload} />}
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
