import type { CodeListName } from '../registry/code-lists.ts';

/**
 * What kind of value each field a proposal may change holds, so the web can show it (a code's
 * label, a set's labels) and offer the right control for a correction, on the same list the
 * server validates against.
 */
export type ProposalFieldKind =
  | { kind: 'code'; list: CodeListName }
  | { kind: 'codes'; list: CodeListName }
  | { kind: 'bool' }
  | { kind: 'number' }
  | { kind: 'date' }
  | { kind: 'text' }
  /** Structured (disability by domain, livestock counts, members): shown, not corrected field by field. */
  | { kind: 'complex' };

const code = (list: CodeListName): ProposalFieldKind => ({ kind: 'code', list });
const codes = (list: CodeListName): ProposalFieldKind => ({ kind: 'codes', list });
const BOOL: ProposalFieldKind = { kind: 'bool' };
const TEXT: ProposalFieldKind = { kind: 'text' };
const COMPLEX: ProposalFieldKind = { kind: 'complex' };

/** Person fields, in form order. */
export const PERSON_PROPOSAL_FIELDS = {
  fullName: TEXT,
  nik: TEXT,
  kk: TEXT,
  sex: code('sex'),
  birthPlace: TEXT,
  birthDate: { kind: 'date' },
  relationship: code('relationship'),
  maritalStatus: code('marital_status'),
  presence: code('presence'),
  pregnant: BOOL,
  documentsHeld: codes('documents_held'),
  schoolParticipation: code('school_participation'),
  educationLevel: code('education_level'),
  workStatus: code('work_status'),
  workSector: code('work_sector'),
  disability: COMPLEX,
  chronicIllnesses: codes('chronic_illness'),
  healthInsurance: codes('health_insurance'),
  pipKip: BOOL,
  dukcapilMatch: code('dukcapil_match'),
} as const satisfies Record<string, ProposalFieldKind>;

/** Household fields (address and the Regsosek housing and asset indicators), in form order. */
export const HOUSEHOLD_PROPOSAL_FIELDS = {
  address: TEXT,
  rt: TEXT,
  rw: TEXT,
  tenure: code('tenure'),
  landEvidence: code('land_evidence'),
  floorAreaM2: { kind: 'number' },
  floor: code('floor'),
  wall: code('wall'),
  roof: code('roof'),
  water: code('water'),
  lighting: code('lighting'),
  powerVa: code('power_va'),
  cookingFuel: code('cooking_fuel'),
  toilet: code('toilet'),
  disposal: code('disposal'),
  programsReceived: codes('programs_received'),
  programsLastReceived: COMPLEX,
  assets: codes('assets'),
  ownsLand: BOOL,
  ownsOtherHouse: BOOL,
  livestock: COMPLEX,
} as const satisfies Record<string, ProposalFieldKind>;

const OTHER_FIELDS: Record<string, ProposalFieldKind> = {
  villageCode: TEXT,
  familyId: TEXT,
  members: COMPLEX,
  inactiveReason: code('inactive_reason'),
  registryStatus: code('registry_status'),
  activeMembers: { kind: 'number' },
};

export type PersonProposalField = keyof typeof PERSON_PROPOSAL_FIELDS;
export type HouseholdProposalField = keyof typeof HOUSEHOLD_PROPOSAL_FIELDS;

/** Every field name a proposal, its current values or its visit may carry. */
export const PROPOSAL_FIELD_NAMES: readonly string[] = [
  ...Object.keys(PERSON_PROPOSAL_FIELDS), ...Object.keys(HOUSEHOLD_PROPOSAL_FIELDS), ...Object.keys(OTHER_FIELDS),
];

export function proposalFieldKind(field: string): ProposalFieldKind {
  return (PERSON_PROPOSAL_FIELDS as Record<string, ProposalFieldKind>)[field]
    ?? (HOUSEHOLD_PROPOSAL_FIELDS as Record<string, ProposalFieldKind>)[field]
    ?? OTHER_FIELDS[field]
    ?? COMPLEX;
}
