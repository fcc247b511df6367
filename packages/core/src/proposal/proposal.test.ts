import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_PROPOSAL_FIELDS, PERSON_PROPOSAL_FIELDS, proposalFieldKind } from './proposal-fields.ts';
import {
  CreateProposalInput, HouseholdChange, PersonChange, changeSchemaFor, checkProposalChanges, defaultOrigin, proposalTargetKind, proposedFields,
  PROPOSAL_TYPES, type ProposalTargetKind,
} from './proposal.ts';

const PERSON = '0190a1b2-0000-7000-8000-000000000001';
const HOUSEHOLD = '0190a1b2-0000-7000-8000-000000000002';

const issuePaths = (input: unknown) => {
  const r = CreateProposalInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};
const issueMessages = (input: unknown) => {
  const r = CreateProposalInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('proposal target', () => {
  it('is a person, a household, or a household not in the registry yet', () => {
    expect(proposalTargetKind({ personId: PERSON, householdId: HOUSEHOLD })).toBe('person');
    expect(proposalTargetKind({ personId: PERSON })).toBe('person');
    expect(proposalTargetKind({ householdId: HOUSEHOLD })).toBe('household');
    expect(proposalTargetKind({})).toBe('new_household');
    expect(proposalTargetKind({ personId: null, householdId: null })).toBe('new_household');
  });

  it('has a changes schema for every meaningful (type, target) pair, and none for the others', () => {
    const kinds: ProposalTargetKind[] = ['person', 'household', 'new_household'];
    const missing = PROPOSAL_TYPES.flatMap((t) => kinds.filter((k) => changeSchemaFor(t, k) === null).map((k) => `${t}/${k}`));
    expect(missing).toEqual([
      'change/new_household', 'deactivate/new_household', 'move/new_household', 'enrol/person', 'enrol/new_household', 'exit/person', 'exit/new_household',
    ]);
  });
});

describe('CreateProposalInput', () => {
  const base = { channel: 'walk_in', reason: 'Pindah rumah ke RT sebelah' };

  it('accepts a change of a household address and indicators', () => {
    const input = { ...base, type: 'change', householdId: HOUSEHOLD, changes: { address: 'Jl. Cinunuk No. 5', rt: '003', floor: 'earth', assets: ['television', 'motorcycle'] } };
    expect(CreateProposalInput.parse(input)).toMatchObject(input);
  });

  it('accepts a person change and a deactivation', () => {
    expect(issuePaths({ ...base, type: 'change', personId: PERSON, changes: { maritalStatus: 'married', relationship: 'spouse' } })).toEqual([]);
    expect(issuePaths({ ...base, type: 'deactivate', personId: PERSON, changes: { inactiveReason: 'deceased' } })).toEqual([]);
    expect(issuePaths({ ...base, type: 'deactivate', householdId: HOUSEHOLD, changes: { inactiveReason: 'moved' } })).toEqual([]);
  });

  it('accepts a new member of a household and a new household with its members', () => {
    expect(issuePaths({ ...base, type: 'new', householdId: HOUSEHOLD, changes: { fullName: 'Bayi Cinunuk', sex: 'F', birthDate: '2025-01-02', relationship: 'child' } })).toEqual([]);
    expect(issuePaths({
      ...base, type: 'new',
      changes: {
        villageCode: '32.04.05.2004', address: 'Kp. Babakan', rt: '1', rw: '2', floor: 'earth',
        members: [{ fullName: 'Asep', sex: 'M', relationship: 'head' }, { fullName: 'Euis', sex: 'F', relationship: 'spouse' }],
      },
    })).toEqual([]);
  });

  it('accepts the registration of a person already in the working copy, with or without corrections', () => {
    expect(issuePaths({ ...base, type: 'new', personId: PERSON, changes: {} })).toEqual([]);
    expect(issuePaths({ ...base, type: 'new', personId: PERSON, changes: { birthPlace: 'Bandung' } })).toEqual([]);
  });

  it('names the field of a bad change', () => {
    expect(issuePaths({ ...base, type: 'change', householdId: HOUSEHOLD, changes: { floor: 'gold' } })).toEqual(['changes.floor']);
    expect(issuePaths({ ...base, type: 'change', householdId: HOUSEHOLD, changes: { rt: 'satu' } })).toEqual(['changes.rt']);
    expect(issuePaths({ ...base, type: 'change', personId: PERSON, changes: { nik: '123' } })).toEqual(['changes.nik']);
    expect(issuePaths({ ...base, type: 'new', householdId: HOUSEHOLD, changes: { sex: 'F' } })).toEqual(['changes.fullName']);
    expect(issuePaths({ ...base, type: 'new', changes: { villageCode: '32.04.05', members: [] } })).toEqual(['changes.villageCode', 'changes.members']);
    expect(issuePaths({ ...base, type: 'new', changes: { villageCode: '32.04.05.2004', members: [{ fullName: 'A' }] } })).toEqual(['changes.members.0.sex']);
  });

  it('refuses fields the type does not change, and an unknown field', () => {
    expect(issuePaths({ ...base, type: 'change', personId: PERSON, changes: { registryStatus: 'registered' } })).toEqual(['changes']);
    expect(issuePaths({ ...base, type: 'change', personId: PERSON, changes: { inactiveReason: 'deceased' } })).toEqual(['changes']);
    expect(issuePaths({ ...base, type: 'change', householdId: HOUSEHOLD, changes: { desil: 1 } })).toEqual(['changes']);
    expect(issuePaths({ ...base, type: 'deactivate', personId: PERSON, changes: { inactiveReason: 'bored' } })).toEqual(['changes.inactiveReason']);
    expect(issuePaths({ ...base, type: 'deactivate', personId: PERSON, changes: {} })).toEqual(['changes.inactiveReason']);
  });

  it('needs at least one change for a change, and a target for a change or deactivation', () => {
    expect(issueMessages({ ...base, type: 'change', personId: PERSON, changes: {} })).toEqual(['proposal.changes_empty']);
    expect(issuePaths({ ...base, type: 'change', changes: { address: 'x' } })).toEqual(['householdId']);
    expect(issueMessages({ ...base, type: 'deactivate', changes: { inactiveReason: 'moved' } })).toEqual(['proposal.target_required']);
  });

  it('refuses a pregnant man in the change itself', () => {
    expect(issueMessages({ ...base, type: 'new', householdId: HOUSEHOLD, changes: { fullName: 'A', sex: 'M', pregnant: true } })).toEqual(['proposal.pregnant_male']);
  });

  it('needs a channel from the list, a reason, and no unknown top-level field', () => {
    expect(issuePaths({ type: 'change', personId: PERSON, channel: 'phone', reason: 'abc', changes: { birthPlace: 'X' } })).toEqual(['channel']);
    expect(issuePaths({ type: 'change', personId: PERSON, channel: 'walk_in', reason: ' ', changes: { birthPlace: 'X' } })).toEqual(['reason']);
    expect(issuePaths({ ...base, type: 'change', personId: PERSON, changes: { birthPlace: 'X' }, extra: 1 })).toEqual(['']);
    expect(issuePaths({ ...base, type: 'change', personId: 'not-a-uuid', changes: { birthPlace: 'X' } })).toContain('personId');
  });
});

describe('helpers', () => {
  it('lists the proposed fields in the order of the form', () => {
    expect(proposedFields({ floor: 'earth', address: 'x' }, 'change', 'household')).toEqual(['address', 'floor']);
    expect(proposedFields({ sex: 'F', fullName: 'x', members: [] }, 'new', 'new_household')).toEqual(['members', 'fullName', 'sex']);
    expect(proposedFields({ b: 1, a: 2 })).toEqual(['a', 'b']);
  });

  it('picks a default origin from how the proposal came in', () => {
    expect(defaultOrigin({ channel: 'walk_in', caseId: PERSON })).toBe('intake');
    expect(defaultOrigin({ channel: 'facilitator' })).toBe('field_visit');
    expect(defaultOrigin({ channel: 'walk_in', householdId: HOUSEHOLD })).toBe('household_profile');
    expect(defaultOrigin({ channel: 'sptjm' })).toBe('direct');
  });

  it('checks changes on their own, for the facilitator\'s corrections', () => {
    expect(checkProposalChanges('change', 'household', { floor: 'ceramic' })).toEqual({ ok: true, changes: { floor: 'ceramic' } });
    const bad = checkProposalChanges('change', 'household', { floor: 'x' });
    expect(bad.ok).toBe(false);
  });
});

describe('field kinds', () => {
  it('know every field the change schemas accept, with a code list where the schema has one', () => {
    expect(Object.keys(PERSON_PROPOSAL_FIELDS).sort()).toEqual(Object.keys(PersonChange.shape).sort());
    expect(Object.keys(HOUSEHOLD_PROPOSAL_FIELDS).sort()).toEqual(Object.keys(HouseholdChange.shape).sort());
    expect(proposalFieldKind('floor')).toEqual({ kind: 'code', list: 'floor' });
    expect(proposalFieldKind('assets')).toEqual({ kind: 'codes', list: 'assets' });
    expect(proposalFieldKind('members')).toEqual({ kind: 'complex' });
    expect(proposalFieldKind('somethingElse')).toEqual({ kind: 'complex' });
  });
});
