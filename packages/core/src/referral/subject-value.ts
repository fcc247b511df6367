import type { Locale } from '../i18n/locale.ts';
import { codeLabel, isCode, type CodeListName } from '../registry/code-lists.ts';
import type { ShareableField } from './directory.ts';

const YES_NO: Record<Locale, [string, string]> = { id: ['Ya', 'Tidak'], en: ['Yes', 'No'] };

const label = (list: CodeListName, code: string, locale: Locale) => (isCode(list, code) ? codeLabel(list, code, locale) : code);

/**
 * A shared field of a referral's resident as people read it, in `locale`: every coded value
 * (sex, chronic illnesses, health insurance, disability domain and severity) as its label,
 * never the stored code. Calendar dates go through the caller's date formatter. One rule for
 * the partner's screen and the surat rujukan.
 */
export function subjectValueText(f: ShareableField, v: unknown, locale: Locale, formatDate: (ymd: string) => string = (d) => d): string {
  if (v === null || v === undefined) return '-';
  if (f === 'sex') return label('sex', String(v), locale);
  if (f === 'pregnant') return YES_NO[locale][v ? 0 : 1];
  if (f === 'birthDate') return formatDate(String(v));
  if (f === 'chronicIllnesses' && Array.isArray(v)) return v.map((c) => label('chronic_illness', String(c), locale)).join(', ') || '-';
  if (f === 'healthInsurance' && Array.isArray(v)) return v.map((c) => label('health_insurance', String(c), locale)).join(', ') || '-';
  if (f === 'disability' && typeof v === 'object') {
    return Object.entries(v as Record<string, string>).map(([d, s]) => `${label('disability_domain', d, locale)}: ${label('disability_severity', s, locale)}`).join('; ') || '-';
  }
  if (Array.isArray(v)) return v.join(', ') || '-';
  return String(v);
}
