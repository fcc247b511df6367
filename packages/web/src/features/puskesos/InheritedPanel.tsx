import type { HandoverView } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { HandoverContent } from './HandoverContent.tsx';

/**
 * On a koordinator's first screen (the workspace page): what they inherited in a handover
 * naming them, as the data stood on the day (open cases, referrals, usulan, equipment,
 * budget). Shows nothing when there is none.
 */
export function InheritedPanel() {
  const t = useT('puskesos');
  const { data } = useResource<{ items: HandoverView[] }>('/puskesos/handovers/mine');
  const latest = data?.items[0];
  if (!latest) return null;
  const s = latest.snapshot;
  return (
    <section className="alert alert--info" data-testid="inherited" aria-labelledby="inherited-title">
      <h2 id="inherited-title">{t('inherited.title', { village: latest.villageName })}</h2>
      <p>{t('inherited.from', { name: latest.outgoingName, date: latest.createdAt.slice(0, 10) })}</p>
      <ul>
        <li>{t('inherited.cases', { n: s.openCases.length })}{s.openCases.length > 0 && `: ${s.openCases.map((c) => c.code).join(', ')}`}</li>
        <li>{t('inherited.referrals', { n: s.openReferrals.length })}{s.openReferrals.length > 0 && `: ${s.openReferrals.map((r) => r.number).join(', ')}`}</li>
        <li>{t('inherited.proposals', { n: s.pendingProposals.length })}</li>
        <li>{t('inherited.equipment', { n: s.equipment.length })}</li>
        <li>{t('inherited.budget', { n: s.budget.lines.length, year: s.budget.year })}</li>
      </ul>
      <HandoverContent snapshot={s} />
    </section>
  );
}
