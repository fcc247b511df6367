import { HOUSEHOLD_CODE_INDICATORS, type CodeListName, type Locale } from '@slrt/core';
import type { Translate } from '../../i18n/i18n.tsx';
import { label, labels } from './format.ts';

/** Person fields whose values are codes of a list (for labels). */
export const FIELD_LISTS: Readonly<Record<string, CodeListName>> = {
  sex: 'sex',
  relationship: 'relationship',
  maritalStatus: 'marital_status',
  presence: 'presence',
  documentsHeld: 'documents_held',
  schoolParticipation: 'school_participation',
  educationLevel: 'education_level',
  workStatus: 'work_status',
  workSector: 'work_sector',
  chronicIllnesses: 'chronic_illness',
  healthInsurance: 'health_insurance',
  dukcapilMatch: 'dukcapil_match',
  registryStatus: 'registry_status',
  inactiveReason: 'inactive_reason',
};

/** Household indicators and their code lists, in the order of the Regsosek form. */
const { tenure, landEvidence, ...housing } = HOUSEHOLD_CODE_INDICATORS;
export const INDICATOR_LISTS: Readonly<Record<string, CodeListName | null>> = {
  tenure,
  landEvidence,
  floorAreaM2: null,
  ...housing,
  programsReceived: 'programs_received',
  assets: 'assets',
  ownsLand: null,
  ownsOtherHouse: null,
  livestock: 'livestock',
};

type T = Translate<'registry'>;

export function indicatorLabel(t: T, key: string): string {
  return key in INDICATOR_LISTS || key === 'programsLastReceived' ? t(`indicator.${key}` as Parameters<T>[0]) : key;
}

/** An indicator's value in words: labels of codes, "none" for a known empty set, m² for the area. */
export function indicatorValue(t: T, key: string, value: unknown, locale: Locale): string {
  const list = INDICATOR_LISTS[key] ?? null;
  if (value === null || value === undefined) return t('value.empty');
  if (typeof value === 'boolean') return value ? t('value.yes') : t('value.no');
  if (key === 'floorAreaM2') return t('indicators.area', { value: String(value) });
  if (key === 'livestock' && typeof value === 'object') {
    return Object.entries(value as Record<string, number>).map(([k, n]) => `${label('livestock', k, locale)}: ${n}`).join(', ');
  }
  if (key === 'programsLastReceived' && typeof value === 'object') {
    return Object.entries(value as Record<string, string>).map(([k, m]) => `${label('programs_received', k, locale)}: ${m}`).join(', ');
  }
  if (Array.isArray(value)) return value.length === 0 ? t('indicators.noneOwned') : list ? labels(list, value as string[], locale) : value.join(', ');
  if (list && typeof value === 'string') return label(list, value, locale);
  return String(value);
}
