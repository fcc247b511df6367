import { isTerminalReferral, NEED_DONE_STATUSES, type CaseView } from '@slrt/core';
import { useUser } from '../../api/session.tsx';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { permissionsOf } from '../../api/user.ts';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useReferralLabels } from './labels.ts';
import { useLiveEvents } from './live.ts';
import type { ReferralListItem } from './referral-api.ts';
import { StatusTags } from './ReferralTimeline.tsx';
import './referrals.css';
import { newReferralUrl } from '../../app/page-urls.ts';

/**
 * The referrals of one case, for the case page: each need's referrals with status and
 * outcome, and "refer" for a need still open and not with a partner, when the case accepts
 * referrals and the user may refer. Live: a
 * partner's answer shows without reloading (`onChange` lets the case page reload itself).
 */
export function CaseReferrals({ c, onChange }: { c: Pick<CaseView, 'id' | 'needs'>; onChange?: () => void }) {
  const t = useT('referrals');
  const { outcome } = useReferralLabels();
  const list = useCursorList<ReferralListItem>('/referrals', { caseId: c.id, limit: 100 });
  useLiveEvents(['referral'], (e) => {
    if (e.caseId === c.id) {
      list.reload();
      onChange?.();
    }
  });
  const mayRefer = permissionsOf(useUser()).has('referrals.create');
  // a need already with a partner (sent, accepted, in service) is not referred twice
  const withPartner = new Set(list.items.filter((r) => !isTerminalReferral(r.status)).map((r) => r.needId));
  // each need by its own holder's decision (a need escalated apart follows the level holding it)
  const openNeeds = c.needs.filter((n) => n.acceptsReferrals && !NEED_DONE_STATUSES.includes(n.status) && !withPartner.has(n.id));
  return (
    <div className="panel" data-testid="case-referrals">
      <h2>{t('case.title')}</h2>
      {list.items.length === 0 && !list.loading && <p>{t('case.none')}</p>}
      <ul className="cards">
        {list.items.map((r) => (
          <li key={r.id} className="card" data-referral-id={r.id} data-status={r.status}>
            <p className="card__title">
              <Link to={`/rujukan/${r.id}`}>{r.number}</Link>
            </p>
            <StatusTags r={r} />
            <p className="card__meta">{r.service.name} · {r.organization.name}</p>
            {r.outcome && (
              <p data-outcome={r.outcome}>
                <strong>{outcome(r.outcome)}</strong>
                {r.outcomeNotes && `: ${r.outcomeNotes}`}
              </p>
            )}
            {r.declineReason && <p className="card__meta">{t('detail.declined', { reason: r.declineReason })}</p>}
          </li>
        ))}
      </ul>
      {mayRefer && (!list.loading || list.items.length > 0) && openNeeds.length > 0 && (
        <div className="actions">
          {openNeeds.map((n) => (
            <Link key={n.id} className="button" to={newReferralUrl({ kasus: c.id, kebutuhan: n.id })} data-refer-need={n.id}>
              {t('case.refer', { need: n.request.slice(0, 40) })}
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
