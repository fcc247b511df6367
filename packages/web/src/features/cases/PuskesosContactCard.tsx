import type { PuskesosContact } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';

/**
 * How to reach a Puskesos, on the public tracking pages: its village and kecamatan, address, phone
 * (a tap calls) and opening hours, as its profile records them; what the profile leaves empty is
 * left out.
 */
export function PuskesosContactCard({ contact }: { contact: PuskesosContact }) {
  const t = useT('cases');
  const known = contact.address || contact.phone || contact.openingHours;
  return (
    <section className="paper" aria-labelledby="puskesos-contact" data-testid="puskesos-contact">
      <h2 id="puskesos-contact">{t('track.contactTitle')}</h2>
      <p>
        <strong>{t('track.contactName', { village: contact.villageName })}</strong>, {t('track.contactKecamatan', { kecamatan: contact.kecamatanName })}
      </p>
      <dl className="dl">
        {contact.address && (
          <>
            <dt>{t('track.contactAddress')}</dt>
            <dd>{contact.address}</dd>
          </>
        )}
        {contact.phone && (
          <>
            <dt>{t('track.contactPhone')}</dt>
            <dd>
              <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
            </dd>
          </>
        )}
        {contact.openingHours && (
          <>
            <dt>{t('track.contactHours')}</dt>
            <dd>{contact.openingHours}</dd>
          </>
        )}
      </dl>
      {!known && <p className="hint">{t('track.contactUnknown')}</p>}
    </section>
  );
}
