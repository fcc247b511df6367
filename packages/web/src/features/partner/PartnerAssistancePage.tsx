import type { AssistanceDelivery } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { DeliveryCards } from '../programs/ReferralAssistance.tsx';

/**
 * `/mitra/bantuan`: every delivery of assistance the partner's organization recorded, newest
 * first, each linked to the referral it answered (where it is recorded).
 */
export default function PartnerAssistancePage() {
  const t = useT('programs');
  const list = useResource<{ items: AssistanceDelivery[] }>('/assistance/partner');
  const items = list.data?.items ?? [];
  return (
    <section>
      <h1>{t('ledger.pageTitle')}</h1>
      <p className="lead">{t('ledger.pageLead')}</p>
      {list.error && <p className="alert alert--error" role="alert">{list.error}</p>}
      {!list.data && !list.error && <p role="status">{t('screening.loading')}</p>}
      {list.data && items.length === 0 && <p>{t('ledger.none')}</p>}
      {items.length > 0 && (
        <DeliveryCards items={items} referralLink={(id) => <Link to={`/mitra/rujukan/${encodeURIComponent(id)}`}>{t('ledger.openReferral')}</Link>} />
      )}
    </section>
  );
}
