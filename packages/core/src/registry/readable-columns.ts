import { z } from 'zod';
import { t } from '../i18n/messages.ts';
import type { Locale } from '../i18n/locale.ts';
import { ExportFormat, LangParam } from '../wire.ts';
import { BITFLAG_LISTS, codeLabel, codesOf, fromRegsosek, isCode, setFromBitflags, type BitflagListName, type CodeListName } from './code-lists.ts';

/**
 * The readable form of the registry's exchange files (the registry export and the national
 * submission file): the same rows, each column headed by its name and each coded value
 * written as its label, in the reader's language. The exchange files themselves keep their
 * codes (the export round-trips into the import; the submission follows the national layout):
 * this is a companion for people, never read back by a program.
 *
 * A cell is read as the file wrote it: `code` for the registry export (codes, `;`-joined sets,
 * `-` for an empty set, `ya`/`tidak`, sex `L`/`P`), `regsosek` for the submission file
 * (Regsosek numbers where a list has them, bit-flag sums, `1`/`0`).
 */
export type ExchangeEncoding = 'code' | 'regsosek';

/**
 * The query of an exchange file's download: `labels=1` asks for the readable form, in `lang`
 * (default: the caller's Accept-Language). A plain link cannot send the app's language as a
 * header, so the web passes it here.
 */
export const ExportLabelsQuery = z.object({
  labels: z.enum(['0', '1']).default('0'),
  lang: LangParam.optional(),
});
export type ExportLabelsQuery = z.infer<typeof ExportLabelsQuery>;

/** `GET /registry/export`: the caller's scope (or `area` inside it) in the import layout, or readable with `labels=1`. */
export const RegistryExportQuery = ExportLabelsQuery.extend({ format: ExportFormat.default('csv'), area: z.string().max(20).optional() });
export type RegistryExportQuery = z.input<typeof RegistryExportQuery>;

/** `GET /proposal-submissions/:id/export`: the national batch file (XLSX by default), or its readable companion. */
export const SubmissionExportQuery = ExportLabelsQuery.extend({ format: ExportFormat.default('xlsx') });
export type SubmissionExportQuery = z.input<typeof SubmissionExportQuery>;

type Reading =
  | { kind: 'text' }
  | { kind: 'bool' }
  | { kind: 'sex' }
  | { kind: 'code'; list: CodeListName }
  | { kind: 'codes'; list: CodeListName }
  | { kind: 'message'; prefix: string }
  | { kind: 'fields' };

const TEXT: Reading = { kind: 'text' };
const BOOL: Reading = { kind: 'bool' };
const code = (list: CodeListName): Reading => ({ kind: 'code', list });
const codes = (list: CodeListName): Reading => ({ kind: 'codes', list });

/** Column -> [field name of the catalog `registry.field.*`, how its cells read]. */
const COLUMNS: Record<string, readonly [string, Reading]> = {
  nik: ['nik', TEXT],
  kk: ['kk', TEXT],
  full_name: ['fullName', TEXT],
  sex: ['sex', { kind: 'sex' }],
  birth_place: ['birthPlace', TEXT],
  birth_date: ['birthDate', TEXT],
  relationship: ['relationship', code('relationship')],
  marital_status: ['maritalStatus', code('marital_status')],
  village_code: ['villageCode', TEXT],
  village_name: ['villageName', TEXT],
  address: ['address', TEXT],
  rt: ['rt', TEXT],
  rw: ['rw', TEXT],
  household_ref: ['householdRef', TEXT],
  desil: ['desil', TEXT],
  desil_source: ['desilSource', TEXT],
  desil_date: ['desilDate', TEXT],
  registry_status: ['registryStatus', code('registry_status')],
  inactive_reason: ['inactiveReason', code('inactive_reason')],
  presence: ['presence', code('presence')],
  pregnant: ['pregnant', BOOL],
  documents_held: ['documentsHeld', codes('documents_held')],
  school_participation: ['schoolParticipation', code('school_participation')],
  education_level: ['educationLevel', code('education_level')],
  work_status: ['workStatus', code('work_status')],
  work_sector: ['workSector', code('work_sector')],
  pip_kip: ['pipKip', BOOL],
  dukcapil_match: ['dukcapilMatch', code('dukcapil_match')],
  chronic_illness: ['chronicIllnesses', codes('chronic_illness')],
  health_insurance: ['healthInsurance', codes('health_insurance')],
  tenure: ['tenure', code('tenure')],
  land_evidence: ['landEvidence', code('land_evidence')],
  floor_area_m2: ['floorAreaM2', TEXT],
  floor: ['floor', code('floor')],
  wall: ['wall', code('wall')],
  roof: ['roof', code('roof')],
  water: ['water', code('water')],
  lighting: ['lighting', code('lighting')],
  power_va: ['powerVa', code('power_va')],
  cooking_fuel: ['cookingFuel', code('cooking_fuel')],
  toilet: ['toilet', code('toilet')],
  disposal: ['disposal', code('disposal')],
  programs_received: ['programsReceived', codes('programs_received')],
  assets: ['assets', codes('assets')],
  owns_land: ['ownsLand', BOOL],
  owns_other_house: ['ownsOtherHouse', BOOL],
  row_ref: ['rowRef', TEXT],
  proposal_code: ['proposalCode', TEXT],
  proposal_id: ['proposalId', TEXT],
  proposal_type: ['proposalType', { kind: 'message', prefix: 'registry.proposal.type' }],
  proposal_channel: ['proposalChannel', { kind: 'message', prefix: 'registry.proposal.channel' }],
  proposal_reason: ['proposalReason', TEXT],
  changed_fields: ['changedFields', { kind: 'fields' }],
  round_period: ['roundPeriod', TEXT],
  round_basis: ['roundBasis', { kind: 'message', prefix: 'registry.round.basis' }],
  round_basis_date: ['roundBasisDate', TEXT],
  verified_on: ['verifiedOn', TEXT],
  verified_by: ['verifiedBy', TEXT],
  approved_on: ['approvedOn', TEXT],
};

const DISABILITY_PREFIX = 'disability_';
const DISABILITY_DOMAINS = new Set(codesOf('disability_domain'));

function readingOf(column: string): readonly [string | null, Reading] {
  const known = COLUMNS[column];
  if (known) return known;
  const domain = column.startsWith(DISABILITY_PREFIX) ? column.slice(DISABILITY_PREFIX.length) : null;
  if (domain && DISABILITY_DOMAINS.has(domain)) return [null, code('disability_severity')];
  return [null, TEXT];
}

/** The header of a column in the reader's language; a column we do not know keeps its name. */
export function readableColumnHeader(column: string, locale: Locale): string {
  const [field] = readingOf(column);
  if (field) return t(locale, `registry.field.${field}`);
  const domain = column.slice(DISABILITY_PREFIX.length);
  if (column.startsWith(DISABILITY_PREFIX) && DISABILITY_DOMAINS.has(domain)) {
    return `${t(locale, 'registry.field.disability')}: ${codeLabel('disability_domain', domain, locale)}`;
  }
  return column;
}

const isBitflag = (list: CodeListName): list is BitflagListName => (BITFLAG_LISTS as readonly string[]).includes(list);

/** One code as written in the file (a code, or a Regsosek number in the submission file). */
function codeFrom(list: CodeListName, value: string, encoding: ExchangeEncoding): string {
  if (isCode(list, value)) return value;
  if (encoding === 'regsosek' && /^\d+$/.test(value)) return fromRegsosek(list, Number(value)) ?? value;
  return value;
}

/** A camelCase field name as its label (the submission's `changed_fields`). */
function fieldLabel(field: string, locale: Locale): string {
  const key = `registry.field.${field}`;
  const label = t(locale, key);
  return label === key ? field : label;
}

/**
 * A cell of the exchange file as people read it: a code as its label, a set as its labels
 * joined by `; `, a yes/no in words. Text, numbers and dates stay as they are; a value that
 * is not in its list stays as written, so that a gap shows rather than a blank.
 */
export function readableCell(column: string, value: string, locale: Locale, encoding: ExchangeEncoding): string {
  if (value === '') return '';
  const [, reading] = readingOf(column);
  switch (reading.kind) {
    case 'text':
      return value;
    case 'bool': {
      const v = value.trim().toLowerCase();
      if (v === 'ya' || v === '1' || v === 'true') return t(locale, 'registry.yes');
      if (v === 'tidak' || v === '0' || v === 'false') return t(locale, 'registry.no');
      return value;
    }
    case 'sex': {
      const sex = value === 'L' || value === 'M' || value === '1' ? 'M' : value === 'P' || value === 'F' || value === '2' ? 'F' : null;
      return sex ? codeLabel('sex', sex, locale) : value;
    }
    case 'code':
      return codeLabel(reading.list, codeFrom(reading.list, value, encoding), locale);
    case 'codes': {
      if (value === '-') return t(locale, 'registry.none');
      let members: string[];
      if (encoding === 'regsosek' && isBitflag(reading.list) && /^\d+$/.test(value)) {
        members = setFromBitflags(reading.list, Number(value)) ?? [value];
      } else {
        members = value.split(';').map((v) => codeFrom(reading.list, v.trim(), encoding));
      }
      if (members.length === 0) return t(locale, 'registry.none');
      return members.map((m) => codeLabel(reading.list, m, locale)).join('; ');
    }
    case 'message': {
      const key = `${reading.prefix}.${value}`;
      const label = t(locale, key);
      return label === key ? value : label;
    }
    case 'fields':
      return value.split(';').filter(Boolean).map((f) => fieldLabel(f, locale)).join('; ');
  }
}

/** A whole row of the exchange file in its readable form, column for column. */
export function readableRow(columns: readonly string[], values: readonly string[], locale: Locale, encoding: ExchangeEncoding): string[] {
  return columns.map((c, i) => readableCell(c, values[i] ?? '', locale, encoding));
}
