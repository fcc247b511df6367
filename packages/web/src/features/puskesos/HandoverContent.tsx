import { useMemo } from 'react';
import type { HandoverSnapshot } from '@slrt/core';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { formats } from './format.ts';

/**
 * Everything a handover passed on, as the data stood that day, folded under its summary: the
 * open cases and referrals by their codes, the pending usulan, the equipment and its condition,
 * the year's budget lines and the active officers. Codes only, never a resident's name.
 */
export function HandoverContent({ snapshot: s }: { snapshot: HandoverSnapshot }) {
  const t = useT('puskesos');
  const { locale } = useLocale();
  const f = useMemo(() => formats(locale), [locale]);
  const section = (title: string, items: string[]) => (
    <div className="handover-content__part">
      <p><strong>{title}</strong></p>
      {items.length > 0 && <ul>{items.map((x, i) => <li key={i}>{x}</li>)}</ul>}
    </div>
  );
  return (
    <details className="handover-content" data-testid="handover-content">
      <summary>{t('handover.details')}</summary>
      {section(t('inherited.cases', { n: s.openCases.length }), s.openCases.map((c) => `${c.code} · ${c.registeredAt.slice(0, 10)}`))}
      {section(t('inherited.referrals', { n: s.openReferrals.length }), s.openReferrals.map((r) => `${r.number} · ${r.organization} · ${t('handover.due', { date: r.dueDate })}`))}
      {section(t('inherited.proposals', { n: s.pendingProposals.length }), s.pendingProposals.map((p) => p.code))}
      {section(t('inherited.equipment', { n: s.equipment.length }), s.equipment.map((e) => `${t(`facility.${e.item}` as never)}: ${t(`condition.${e.condition}` as never)}`))}
      {section(t('inherited.budget', { n: s.budget.lines.length, year: s.budget.year }), s.budget.lines.map((l) => `${t(`source.${l.source}` as never)} · ${t(`funding.category.${l.category}` as never)} · ${t(`funding.kind.${l.kind}` as never)}: ${f.rupiah(l.amount)}`))}
      {section(t('inherited.officers', { n: s.officers.length }), s.officers.map((o) => `${o.name} (${t(`position.${o.position}` as never)})`))}
    </details>
  );
}
