import type { ReactNode } from 'react';
import { caseCodeLabel } from '@slrt/core';
import type { Locale, StatsChildRow, StatsOverview, StatsPartnerRow } from '@slrt/core';
import { BarChart, Legend } from './BarChart.tsx';
import type { Bar } from './BarChart.tsx';
import { amount, areaTitle, drillTo, positive, type Formats, type T } from './dashboard-format.ts';

/** The dashboard's bar charts: cases per child area, per sector, referrals per partner. */

export function ChartPanel({ title, note, children, id }: { title: string; note?: string; children: ReactNode; id: string }) {
  return (
    <section className="dash-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {note && <p className="hint">{note}</p>}
      {children}
    </section>
  );
}

export function AreaChart({ data, t, f }: { data: StatsOverview; t: T; f: Formats }) {
  const rows = [...data.children].sort((a, b) => amount(b.casesOpen) - amount(a.casesOpen) || amount(b.casesTotal) - amount(a.casesTotal) || a.name.localeCompare(b.name));
  const title = data.childLevel === 'kecamatan' ? t('chart.kecamatan') : t('chart.village');
  const name = (c: StatsChildRow) => areaTitle(t, { code: c.code, name: c.name, level: data.childLevel ?? 'village' });
  const bars: Bar[] = rows.map((c) => ({
    key: c.code,
    label: name(c),
    detail: t('chart.areas.row', { open: f.n(c.casesOpen), overdue: f.n(c.casesOverdue), total: f.n(c.casesTotal) }),
    alert: positive(c.casesOverdue),
    segments: [
      { value: amount(c.casesOverdue), tone: 'alert' },
      { value: Math.max(0, amount(c.casesOpen) - amount(c.casesOverdue)), tone: 'main' },
      { value: Math.max(0, amount(c.casesTotal) - amount(c.casesOpen)), tone: 'soft' },
    ],
    to: drillTo(c.code),
  }));
  return (
    <ChartPanel id="chart-areas" title={title} note={t('chart.areas.note')}>
      <Legend
        label={t('legend.label')}
        items={[{ tone: 'alert', text: t('legend.overdue') }, { tone: 'main', text: t('legend.open') }, { tone: 'soft', text: t('legend.finished') }]}
      />
      <BarChart bars={bars} label={title} testId="chart-areas" />
    </ChartPanel>
  );
}

export function SectorChart({ data, t, f, locale }: { data: StatsOverview; t: T; f: Formats; locale: Locale }) {
  const rows = data.cases.bySector.filter((s) => positive(s.total) || s.total === 'x').sort((a, b) => amount(b.total) - amount(a.total) || amount(b.open) - amount(a.open));
  const bars: Bar[] = rows.map((s) => ({
    key: s.sector,
    label: caseCodeLabel('sector', s.sector, locale),
    detail: t('chart.sectors.row', { open: f.n(s.open), total: f.n(s.total) }),
    segments: [{ value: amount(s.open), tone: 'main' }, { value: Math.max(0, amount(s.total) - amount(s.open)), tone: 'soft' }],
  }));
  return (
    <ChartPanel id="chart-sectors" title={t('chart.sectors')} note={t('chart.sectors.note')}>
      {bars.length === 0 ? (
        <p>{t('chart.empty')}</p>
      ) : (
        <>
          <Legend label={t('legend.label')} items={[{ tone: 'main', text: t('legend.open') }, { tone: 'soft', text: t('legend.finished') }]} />
          <BarChart bars={bars} label={t('chart.sectors')} testId="chart-sectors" />
        </>
      )}
    </ChartPanel>
  );
}

export function PartnerChart({ partners, t, f, pct }: { partners: readonly StatsPartnerRow[]; t: T; f: Formats; pct: (r: number | null) => string }) {
  const bars: Bar[] = partners.map((p) => ({
    key: p.name,
    label: p.name,
    detail: t('chart.partners.row', { sent: f.n(p.sent), rate: pct(p.acceptanceRate), overdue: f.n(p.overdue) }),
    alert: positive(p.overdue),
    segments: [
      { value: amount(p.accepted), tone: 'ok' },
      { value: amount(p.declined), tone: 'alert' },
      { value: Math.max(0, amount(p.sent) - amount(p.accepted) - amount(p.declined)), tone: 'muted' },
    ],
  }));
  return (
    <ChartPanel id="chart-partners" title={t('chart.partners')} note={t('chart.partners.note')}>
      {bars.length === 0 ? (
        <p>{t('chart.empty')}</p>
      ) : (
        <>
          <Legend
            label={t('legend.label')}
            items={[{ tone: 'ok', text: t('legend.accepted') }, { tone: 'alert', text: t('legend.declined') }, { tone: 'muted', text: t('legend.unanswered') }]}
          />
          <BarChart bars={bars} label={t('chart.partners')} testId="chart-partners" />
        </>
      )}
    </ChartPanel>
  );
}
