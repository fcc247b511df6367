import { NEED_DONE_STATUSES, type CaseAction, type CaseView } from '@slrt/core';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useActionLabel } from './labels.ts';
import { newReferralUrl } from '../../app/page-urls.ts';

/**
 * What comes next, at the top of the case page (issue 13 item 12): after a decision, the
 * recommendation letter and the referrals, which sit far below on a phone; otherwise the next
 * workflow action. The buttons act here (the recommendation letter is issued only from here);
 * nothing needs scrolling to be found.
 */
export function NextStep({ c, mayRefer, onAction, onIssueRecommendation, busy }: {
  c: CaseView;
  mayRefer: boolean;
  onAction: (action: CaseAction) => void;
  onIssueRecommendation: () => void;
  busy: boolean;
}) {
  const t = useT('cases');
  const actionLabel = useActionLabel();
  const final = c.status === 'resolved' || c.status === 'closed';
  const decided = c.decision === 'refer' || c.decision === 'handle_directly';
  const needsLetter = decided && !c.letters.some((l) => l.kind === 'recommendation' && l.status !== 'revoked');
  const toRefer = mayRefer && c.decision === 'refer' && !final ? c.needs.filter((n) => n.acceptsReferrals && n.status === 'open' && !NEED_DONE_STATUSES.includes(n.status)) : [];
  const primary = c.allowedActions.includes('decide') ? 'decide' : c.allowedActions[0];
  if (!needsLetter && toRefer.length === 0 && !primary) return null;
  return (
    <section className="next-step no-print" aria-labelledby="next-step-title" data-testid="next-step">
      <h2 id="next-step-title">{t('next.title')}</h2>
      {needsLetter && (
        <>
          <p>{t('next.issueRecommendation')}</p>
          <div className="actions">
            <button type="button" className="button button--primary" disabled={busy} onClick={onIssueRecommendation} data-next="recommendation">
              {t('letters.issueRecommendation')}
            </button>
          </div>
        </>
      )}
      {toRefer.length > 0 && (
        <>
          <p>{t('next.refer')}</p>
          <div className="actions">
            {toRefer.map((n) => (
              <Link key={n.id} className="button" to={newReferralUrl({ kasus: c.id, kebutuhan: n.id })} data-next="refer">
                {n.request.slice(0, 40)}
              </Link>
            ))}
          </div>
        </>
      )}
      {!needsLetter && toRefer.length === 0 && primary && (
        <div className="actions">
          <button type="button" className="button button--primary" onClick={() => onAction(primary)} data-next={primary}>
            {t('next.action', { action: actionLabel(primary) })}
          </button>
        </div>
      )}
    </section>
  );
}
