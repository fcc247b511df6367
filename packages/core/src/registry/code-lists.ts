import type { Locale } from '../i18n/locale.ts';
import assets from './code-lists/assets.json' with { type: 'json' };
import chronicIllness from './code-lists/chronic-illness.json' with { type: 'json' };
import cookingFuel from './code-lists/cooking-fuel.json' with { type: 'json' };
import disabilityDomain from './code-lists/disability-domain.json' with { type: 'json' };
import disabilitySeverity from './code-lists/disability-severity.json' with { type: 'json' };
import disposal from './code-lists/disposal.json' with { type: 'json' };
import documentsHeld from './code-lists/documents-held.json' with { type: 'json' };
import dukcapilMatch from './code-lists/dukcapil-match.json' with { type: 'json' };
import educationLevel from './code-lists/education-level.json' with { type: 'json' };
import floor from './code-lists/floor.json' with { type: 'json' };
import healthInsurance from './code-lists/health-insurance.json' with { type: 'json' };
import inactiveReason from './code-lists/inactive-reason.json' with { type: 'json' };
import landEvidence from './code-lists/land-evidence.json' with { type: 'json' };
import lighting from './code-lists/lighting.json' with { type: 'json' };
import livestock from './code-lists/livestock.json' with { type: 'json' };
import maritalStatus from './code-lists/marital-status.json' with { type: 'json' };
import powerVa from './code-lists/power-va.json' with { type: 'json' };
import presence from './code-lists/presence.json' with { type: 'json' };
import programsReceived from './code-lists/programs-received.json' with { type: 'json' };
import registryStatus from './code-lists/registry-status.json' with { type: 'json' };
import relationship from './code-lists/relationship.json' with { type: 'json' };
import roof from './code-lists/roof.json' with { type: 'json' };
import schoolParticipation from './code-lists/school-participation.json' with { type: 'json' };
import sex from './code-lists/sex.json' with { type: 'json' };
import tenure from './code-lists/tenure.json' with { type: 'json' };
import toilet from './code-lists/toilet.json' with { type: 'json' };
import wall from './code-lists/wall.json' with { type: 'json' };
import water from './code-lists/water.json' with { type: 'json' };
import workSector from './code-lists/work-sector.json' with { type: 'json' };
import workStatus from './code-lists/work-status.json' with { type: 'json' };

/**
 * The registry's code lists (Regsosek 2022 family form and our own), kept as data in
 * `code-lists/*.json`; see `code-lists/README.md` for what `regsosek` numbers mean.
 */
export type CodeEntry = {
  /** Stable code we store and the API speaks. */
  readonly code: string;
  /** Number in Regsosek/DTSEN extracts (a power of two in bit-flag lists); null if none. */
  readonly regsosek: number | null;
  readonly id: string;
  readonly en: string;
};

export type CodeListName =
  | 'tenure' | 'land_evidence' | 'floor' | 'wall' | 'roof' | 'water' | 'lighting' | 'power_va'
  | 'cooking_fuel' | 'toilet' | 'disposal' | 'programs_received' | 'assets' | 'livestock'
  | 'marital_status' | 'relationship' | 'presence' | 'documents_held' | 'education_level'
  | 'school_participation' | 'work_status' | 'work_sector' | 'disability_domain'
  | 'disability_severity' | 'chronic_illness' | 'health_insurance' | 'dukcapil_match'
  | 'registry_status' | 'inactive_reason' | 'sex';

// Typed explicitly (not inferred from the JSON) so declarations do not depend on the files.
export const CODE_LISTS: Readonly<Record<CodeListName, readonly CodeEntry[]>> = {
  tenure,
  land_evidence: landEvidence,
  floor,
  wall,
  roof,
  water,
  lighting,
  power_va: powerVa,
  cooking_fuel: cookingFuel,
  toilet,
  disposal,
  programs_received: programsReceived,
  assets,
  livestock,
  marital_status: maritalStatus,
  relationship,
  presence,
  documents_held: documentsHeld,
  education_level: educationLevel,
  school_participation: schoolParticipation,
  work_status: workStatus,
  work_sector: workSector,
  disability_domain: disabilityDomain,
  disability_severity: disabilitySeverity,
  chronic_illness: chronicIllness,
  health_insurance: healthInsurance,
  dukcapil_match: dukcapilMatch,
  registry_status: registryStatus,
  inactive_reason: inactiveReason,
  sex,
};

export const CODE_LIST_NAMES = Object.keys(CODE_LISTS) as CodeListName[];

/** Lists that Regsosek stores as a sum of flags; the domain keeps them as sets of codes. */
export const BITFLAG_LISTS = ['programs_received', 'assets', 'documents_held', 'health_insurance'] as const satisfies readonly CodeListName[];
export type BitflagListName = (typeof BITFLAG_LISTS)[number];

const byCode = new Map<CodeListName, Map<string, CodeEntry>>(
  CODE_LIST_NAMES.map((name) => [name, new Map(codeList(name).map((e) => [e.code, e]))]),
);

export function codeList(list: CodeListName): readonly CodeEntry[] {
  return CODE_LISTS[list];
}

/** The codes of a list, in form order. */
export function codesOf(list: CodeListName): string[] {
  return codeList(list).map((e) => e.code);
}

export function isCode(list: CodeListName, code: string): boolean {
  return byCode.get(list)?.has(code) ?? false;
}

/** The label of a code; an unknown code comes back as itself so a gap is visible, not blank. */
export function codeLabel(list: CodeListName, code: string, locale: Locale): string {
  const entry = byCode.get(list)?.get(code);
  return entry ? entry[locale] : code;
}

/** The code for a Regsosek number in a single-choice list; null when there is none. */
export function fromRegsosek(list: CodeListName, value: number): string | null {
  return codeList(list).find((e) => e.regsosek === value)?.code ?? null;
}

export function toRegsosek(list: CodeListName, code: string): number | null {
  return byCode.get(list)?.get(code)?.regsosek ?? null;
}

/**
 * Reads a Regsosek bit-flag sum as a set of codes, in form order. Null when the sum is not
 * a non-negative integer or holds a flag the list does not have.
 */
export function setFromBitflags(list: BitflagListName, sum: number): string[] | null {
  if (!Number.isSafeInteger(sum) || sum < 0) return null;
  let rest = sum;
  const codes: string[] = [];
  for (const entry of codeList(list)) {
    const flag = entry.regsosek ?? 0;
    if (flag > 0 && Math.floor(rest / flag) % 2 === 1) {
      codes.push(entry.code);
      rest -= flag;
    }
  }
  return rest === 0 ? codes : null;
}

/** Writes a set of codes as a Regsosek bit-flag sum; throws on a code the list does not have. */
export function bitflagsFromSet(list: BitflagListName, codes: Iterable<string>): number {
  let sum = 0;
  for (const code of new Set(codes)) {
    const flag = toRegsosek(list, code);
    if (flag === null) throw new Error(`${code} is not a code of ${list}`);
    sum += flag;
  }
  return sum;
}
