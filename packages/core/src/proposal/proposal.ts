import { z } from 'zod';
import { HouseholdIndicatorFields } from '../registry/household.ts';
import { PersonFields } from '../registry/person.ts';
import { codeOf } from '../registry/code-schema.ts';
import { ConfirmWarnings } from '../registry/registry-api.ts';

/**
 * new: register someone (or a household) in the national data; change; deactivate; move
 * (pindah): a resident (or their whole household) registered in another village of the
 * kabupaten now lives in the proposing village; enrol: a household enrolled in a program (an
 * exclusion error of the targeting list); exit: a household's enrolment in a program ended (an
 * inclusion error), the screening's reasons as the justification.
 */
export const PROPOSAL_TYPES = ['new', 'change', 'deactivate', 'move', 'enrol', 'exit'] as const;
/** The kinds about a program's beneficiaries rather than the registry's records. */
export const PROGRAM_PROPOSAL_TYPES = ['enrol', 'exit'] as const satisfies readonly ProposalType[];
export function isProgramProposal(type: ProposalType): type is (typeof PROGRAM_PROPOSAL_TYPES)[number] {
  return (PROGRAM_PROPOSAL_TYPES as readonly string[]).includes(type);
}
export const ProposalType = z.enum(PROPOSAL_TYPES);
export type ProposalType = z.infer<typeof ProposalType>;

/**
 * How the proposal came in: a walk-in at the Puskesos, a facilitator's visit, the village
 * deliberation (Musdes/Musdesus), a signed statement of responsibility (SPTJM), or a
 * resident's objection (sanggahan) to their own record.
 */
export const PROPOSAL_CHANNELS = ['walk_in', 'facilitator', 'village_deliberation', 'sptjm', 'objection'] as const;
export const ProposalChannel = z.enum(PROPOSAL_CHANNELS);
export type ProposalChannel = z.infer<typeof ProposalChannel>;

/** Which screen opened it: intake, a facilitator's visit, a household profile, the proposal form, or a program's targeting list. */
export const PROPOSAL_ORIGINS = ['intake', 'field_visit', 'household_profile', 'direct', 'targeting'] as const;
export const ProposalOrigin = z.enum(PROPOSAL_ORIGINS);
export type ProposalOrigin = z.infer<typeof ProposalOrigin>;

/**
 * What a proposal is about, from the ids it carries: a person (personId), a household
 * (householdId alone), or a household that does not exist yet (neither).
 */
export type ProposalTargetKind = 'person' | 'household' | 'new_household';

export function proposalTargetKind(ids: { personId?: string | null | undefined; householdId?: string | null | undefined; nik?: string | null | undefined }): ProposalTargetKind {
  if (ids.personId || ids.nik) return 'person';
  if (ids.householdId) return 'household';
  return 'new_household';
}

/** Person fields a proposal may set; the registry status follows from the proposal itself. */
const ProposablePersonFields = PersonFields.omit({ registryStatus: true, inactiveReason: true });

/** A change to a person: any field of the person record, at least one. */
export const PersonChange = ProposablePersonFields.partial();
export type PersonChange = z.infer<typeof PersonChange>;

const Rt = z.string().trim().regex(/^\d{1,3}$/, { message: 'proposal.rt_rw_format' });
const HouseholdPlaceFields = z.strictObject({
  address: z.string().trim().min(1).max(300),
  rt: Rt,
  rw: Rt,
});

/** A change to a household: its address (within the village) and its housing indicators. */
export const HouseholdChange = HouseholdPlaceFields.partial().extend(HouseholdIndicatorFields.shape);
export type HouseholdChange = z.infer<typeof HouseholdChange>;

/** A new member joining an existing household (birth, marriage, moving in). */
export const NewPerson = ProposablePersonFields.extend({ familyId: z.uuid().optional() });
export type NewPerson = z.infer<typeof NewPerson>;

/** A household new to the registry, with its members (flat indicator fields, as on the form). */
export const NewHousehold = HouseholdPlaceFields.partial()
  .extend(HouseholdIndicatorFields.shape)
  .extend({
    villageCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'proposal.village_code_format' }),
    kk: ProposablePersonFields.shape.kk,
    members: z.array(ProposablePersonFields).min(1).max(30),
  });
export type NewHousehold = z.infer<typeof NewHousehold>;

/** Deactivation (of a person, or of every active member of a household) with its reason. */
export const Deactivation = z.strictObject({ inactiveReason: codeOf('inactive_reason') });
export type Deactivation = z.infer<typeof Deactivation>;

/**
 * A move (pindah) to a village of the kabupaten: the new village and the new address there.
 * The facilitator of the new village confirms them at the new home.
 */
export const Move = HouseholdPlaceFields.partial({ rt: true, rw: true }).extend({
  villageCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'proposal.village_code_format' }),
});
export type Move = z.infer<typeof Move>;

/** An enrolment in, or the end of an enrolment in, a program of the catalog (by its code). */
export const ProgramChange = z.strictObject({ program: z.string().regex(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'proposal.program_code' }) });
export type ProgramChange = z.infer<typeof ProgramChange>;

/** Registering in the national data a person already in the kabupaten's working copy: corrections only. */
const Registration = PersonChange;

type ChangeSchema = z.ZodType<Record<string, unknown>>;

/** The schema of `changes` for each type and target, or null when the pair makes no sense. */
export function changeSchemaFor(type: ProposalType, kind: ProposalTargetKind): ChangeSchema | null {
  switch (type) {
    case 'new':
      return kind === 'person' ? Registration : kind === 'household' ? NewPerson : NewHousehold;
    case 'change':
      return kind === 'person' ? PersonChange : kind === 'household' ? HouseholdChange : null;
    case 'deactivate':
      return kind === 'new_household' ? null : Deactivation;
    case 'move':
      return kind === 'new_household' ? null : Move;
    case 'enrol':
    case 'exit':
      return kind === 'household' ? ProgramChange : null;
  }
}

export type ChangesIssue = { path: (string | number)[]; message: string };

/**
 * Checks a proposal's `changes` against its type and target. Issue paths start at `changes`;
 * a message containing a dot and no space is a catalog key.
 */
export function checkProposalChanges(type: ProposalType, kind: ProposalTargetKind, changes: unknown):
  { ok: true; changes: Record<string, unknown> } | { ok: false; issues: ChangesIssue[] } {
  const schema = changeSchemaFor(type, kind);
  if (!schema) {
    return { ok: false, issues: [{ path: [kind === 'new_household' ? 'householdId' : 'type'], message: 'proposal.target_required' }] };
  }
  const r = schema.safeParse(changes);
  if (!r.success) {
    return { ok: false, issues: r.error.issues.map((i) => ({ path: ['changes', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message })) };
  }
  const needsSome = type === 'change';
  if (needsSome && Object.keys(r.data).length === 0) {
    return { ok: false, issues: [{ path: ['changes'], message: 'proposal.changes_empty' }] };
  }
  if (r.data.pregnant === true && r.data.sex === 'M') {
    return { ok: false, issues: [{ path: ['changes', 'pregnant'], message: 'proposal.pregnant_male' }] };
  }
  return { ok: true, changes: r.data };
}

/** `POST /api/v1/proposals`. */
export const CreateProposalInput = z
  .strictObject({
    type: ProposalType,
    personId: z.uuid().optional(),
    householdId: z.uuid().optional(),
    /**
     * A move only: the resident by NIK, when the proposing village does not see their record (a
     * resident registered in another village; the NIK search names only the village).
     */
    nik: z.string().trim().regex(/^\d{16}$/, { message: 'proposal.nik_format' }).optional(),
    /** A move only: the resident's whole household moves (default: the resident alone). */
    wholeHousehold: z.boolean().optional(),
    channel: ProposalChannel,
    origin: ProposalOrigin.optional(),
    /** The intake case that opened it, when it came from intake. */
    caseId: z.uuid().optional(),
    reason: z.string().trim().min(3).max(2000),
    changes: z.record(z.string(), z.unknown()),
    /** Save without sending it to the facilitator yet (the intake hook does). */
    draft: z.boolean().optional(),
    /** NIK warnings of the new persons the officer confirmed (checked again at approval). */
    confirmWarnings: ConfirmWarnings.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.type !== 'move' && input.nik !== undefined) ctx.addIssue({ code: 'custom', path: ['nik'], message: 'proposal.nik_move_only' });
    if (input.type !== 'move' && input.wholeHousehold !== undefined) ctx.addIssue({ code: 'custom', path: ['wholeHousehold'], message: 'proposal.nik_move_only' });
    if (input.type === 'move' && !input.personId && !input.nik && !input.householdId) ctx.addIssue({ code: 'custom', path: ['nik'], message: 'proposal.target_required' });
    const r = checkProposalChanges(input.type, proposalTargetKind(input), input.changes);
    if (!r.ok) for (const issue of r.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type CreateProposalInput = z.infer<typeof CreateProposalInput>;

/**
 * The fields a proposal changes, in the order of the form (the schema of its type and target;
 * stored changes come back from the database in another order): what the facilitator confirms
 * one by one.
 */
export function proposedFields(changes: Record<string, unknown>, type?: ProposalType, kind?: ProposalTargetKind): string[] {
  const schema = type && kind ? changeSchemaFor(type, kind) : null;
  const order = schema && 'shape' in schema ? Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape) : [];
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return Object.keys(changes).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The default origin when the caller names none. */
export function defaultOrigin(input: { channel: ProposalChannel; caseId?: string | undefined; personId?: string | undefined; householdId?: string | undefined }): ProposalOrigin {
  if (input.caseId) return 'intake';
  if (input.channel === 'facilitator') return 'field_visit';
  if (input.personId || input.householdId) return 'household_profile';
  return 'direct';
}
