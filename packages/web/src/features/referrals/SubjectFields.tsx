import { SHAREABLE_FIELDS, type ReferralView, type ShareableField } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { useReferralLabels } from './labels.ts';

/**
 * The resident as this referral shares them: exactly the fields the API sent (the service's
 * allowlist), in a fixed order, with a line saying that nothing else is shared.
 */
export function SubjectFields({ r }: { r: Pick<ReferralView, 'subject' | 'sharedFields'> }) {
  const t = useT('referrals');
  const { field, value } = useReferralLabels();
  const shown = SHAREABLE_FIELDS.filter((f) => f in r.subject) as ShareableField[];
  return (
    <>
      <dl className="dl" data-testid="subject">
        {shown.map((f) => (
          <div key={f} className="dl__row" data-field={f}>
            <dt>{field(f)}</dt>
            <dd>{value(f, r.subject[f])}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t('detail.sharedNote')}</p>
    </>
  );
}
