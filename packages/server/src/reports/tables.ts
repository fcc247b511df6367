import { caseCodeLabel, t, type Locale, type MonthlyReport } from '@slrt/core';
import type { Sheet } from '../puskesos/workbook.ts';

/**
 * The monthly report as tables, one structure for both the PDF and the XLSX: each a title,
 * column headings and rows (numbers stay numbers, suppressed cells stay their markers).
 */
export interface ReportTable extends Sheet {
  title: string;
}

export function reportTables(r: MonthlyReport, locale: Locale): ReportTable[] {
  const L = (key: string, params?: Record<string, string | number>) => t(locale, `report.${key}`, params);
  const metric = L('col.metric');
  const value = L('col.value');
  const tables: ReportTable[] = [];
  const pairs = (name: string, title: string, rows: Array<[string, string | number | null]>) => tables.push({ name, title, columns: [metric, value], rows });

  pairs('kasus', L('section.cases'), [
    [L('cases.registered'), r.cases.registered],
    [L('cases.resolved'), r.cases.resolved],
    [L('cases.closed'), r.cases.closed],
    [L('cases.open_at_end'), r.cases.openAtEnd],
    ...(Object.entries(r.cases.byDecision).map(([k, v]) => [k === 'undecided' ? L('decision.undecided') : caseCodeLabel('decision', k, locale), v]) as Array<[string, string | number]>),
    [L('cases.median_first_action'), r.cases.medianDaysToFirstAction],
    [L('cases.median_close'), r.cases.medianDaysToClose],
  ]);
  tables.push({ name: 'sektor', title: L('section.sectors'), columns: [L('col.sector'), L('cases.registered')], rows: r.cases.bySector.map((s) => [caseCodeLabel('sector', s.sector, locale), s.registered]) });
  pairs('rujukan', L('section.referrals'), [
    [L('referrals.sent'), r.referrals.sent],
    ...(Object.entries(r.referrals.byResult).map(([k, v]) => [L(`result.${k}`), v]) as Array<[string, string | number]>),
  ]);
  tables.push({ name: 'mitra', title: L('section.partners'), columns: [L('col.partner'), L('referrals.sent'), L('result.completed'), L('result.declined')], rows: r.referrals.byPartner.map((p) => [p.name, p.sent, p.completed, p.declined]) });
  pairs('usulan', L('section.proposals'), [
    [L('proposals.entered'), r.proposals.entered],
    [L('proposals.approved'), r.proposals.approved],
    [L('proposals.rejected'), r.proposals.rejected],
    ...(Object.entries(r.proposals.byType).map(([k, v]) => [L(`proposal_type.${k}`), v]) as Array<[string, string | number]>),
  ]);
  tables.push({ name: 'anggaran', title: L('section.funding'), columns: [L('col.source'), L('col.budget'), L('col.spending')], rows: r.funding.map((f) => [t(locale, `puskesos.source.${f.source}`), f.budget, f.spending]) });
  tables.push({
    name: 'bantuan', title: L('section.assistance'), columns: [L('col.source'), L('col.deliveries'), L('col.households'), L('col.value_idr')],
    rows: [
      ...r.assistance.bySource.map((a) => [t(locale, `assistance.source.${a.source}`), a.deliveries, a.households, a.valueIdr]),
      [L('assistance.total'), r.assistance.deliveries, r.assistance.households, r.assistance.valueIdr],
    ],
  });
  pairs('kapasitas', L('section.capacity'), [
    [L('capacity.puskesos'), r.capacity.puskesos],
    [L('capacity.active'), r.capacity.active],
    [L('capacity.without_building'), r.capacity.withoutBuilding],
    [L('capacity.officers'), r.capacity.officers],
    [L('capacity.volunteers'), r.capacity.volunteers],
    [L('capacity.vacancies'), r.capacity.vacancies],
    ...r.capacity.vacanciesByPosition.map((v): [string, number] => [L('capacity.vacancies_of', { position: t(locale, `puskesos.position.${v.position}`) }), v.vacancies]),
    [L('capacity.facilities_index'), r.capacity.facilitiesIndex],
    ...r.capacity.byGrade.map((g): [string, number] => [L('capacity.grade', { grade: g.grade }), g.puskesos]),
  ]);
  pairs('sosialisasi', L('section.outreach'), [
    [L('outreach.sessions'), r.outreach.sessions],
    [L('outreach.reached'), r.outreach.reached],
    ...r.outreach.byKind.map((k): [string, string] => [t(locale, `puskesos.outreach_by.${k.kind}`), `${k.sessions} / ${k.reached}`]),
  ]);
  if (r.area.level !== 'village') {
    tables.push({
      name: 'desa', title: L('section.villages'),
      columns: [L('col.village'), L('col.kecamatan'), L('col.cases'), L('col.referrals'), L('col.proposals'), L('col.outreach')],
      rows: r.villages.map((v) => [v.name, v.kecamatanName, v.cases, v.referrals, v.proposals, v.outreach]),
    });
    tables.push({ name: 'tanpa-laporan', title: L('section.silent', { n: r.silentVillages.length }), columns: [L('col.village'), L('col.kecamatan')], rows: r.silentVillages.map((v) => [v.name, v.kecamatanName]) });
  }
  return tables;
}
