import { z } from 'zod';
import {
  FACILITY_CONDITIONS, FACILITY_ITEMS, FACILITY_SOURCES, FUNDING_CATEGORIES, FUNDING_KINDS, FUNDING_STATUSES,
  HANDOVER_ROLES, OFFICER_POSITIONS, OUTREACH_BY, PUSKESOS_HOSTS, PUSKESOS_STATUSES, TRAINING_ORGANIZERS,
} from './puskesos-codes.ts';
import { FUNDING_SOURCES } from '../program/assistance.ts';

export * from './puskesos-codes.ts';

/**
 * Wire schemas of the Puskesos domain (profile, facilities, visits, funding, officers,
 * handovers, trainings, outreach). Shared by server, web and tests.
 */

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptText = (max: number) => z.string().trim().max(max).nullable().optional();
const Day = z.iso.date();
const Rupiah = z.number().int().nonnegative().max(1_000_000_000_000);

export const VillageCodeParams = z.object({ villageCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/) });

export const PuskesosGrade = z.object({ code: z.string(), name: z.string(), rank: z.number().int(), criteria: z.array(z.string()) });
export type PuskesosGrade = z.infer<typeof PuskesosGrade>;
export const PuskesosGradesInput = z.object({
  grades: z.array(z.object({
    code: z.string().trim().regex(/^[a-z0-9_]{1,30}$/), name: Text(60), rank: z.number().int().min(1).max(20),
    criteria: z.array(Text(300)).max(30),
  })).min(1).max(10),
});

export const Facility = z.object({
  item: z.enum(FACILITY_ITEMS),
  condition: z.enum(FACILITY_CONDITIONS),
  source: z.enum(FACILITY_SOURCES).nullable(),
  note: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});
export type Facility = z.infer<typeof Facility>;

export const FacilityInput = z.object({
  item: z.enum(FACILITY_ITEMS),
  condition: z.enum(FACILITY_CONDITIONS),
  source: z.enum(FACILITY_SOURCES).nullable().optional(),
  note: OptText(300),
});

export const PuskesosProfile = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  kecamatanCode: z.string(),
  kecamatanName: z.string(),
  status: z.enum(PUSKESOS_STATUSES),
  grade: PuskesosGrade.nullable(),
  legalBasis: z.object({ number: z.string(), date: z.string().nullable() }).nullable(),
  host: z.enum(PUSKESOS_HOSTS).nullable(),
  openingHours: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  population: z.number().int().nullable(),
  facilities: z.array(Facility),
  facilitiesIndex: z.number(),
  version: z.number().int(),
  updatedAt: z.string(),
  approval: z.object({ version: z.number().int(), at: z.string(), byName: z.string() }).nullable(),
  /** True when the village head approved the profile as it is now. */
  approvedCurrent: z.boolean(),
});
export type PuskesosProfile = z.infer<typeof PuskesosProfile>;

/** PUT /api/v1/puskesos/:villageCode: the whole profile (facilities replace the inventory when given). */
export const PuskesosProfileInput = z.object({
  status: z.enum(PUSKESOS_STATUSES),
  gradeCode: z.string().max(30).nullable().optional(),
  legalBasisNumber: OptText(120),
  legalBasisDate: Day.nullable().optional(),
  host: z.enum(PUSKESOS_HOSTS).nullable().optional(),
  openingHours: OptText(200),
  address: OptText(300),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  population: z.number().int().min(0).max(10_000_000).nullable().optional(),
  facilities: z.array(FacilityInput).max(FACILITY_ITEMS.length).optional(),
  /** The version the editor started from: an older one answers 409 (someone else changed it). */
  version: z.number().int().positive().optional(),
});
export type PuskesosProfileInput = z.infer<typeof PuskesosProfileInput>;

export const PuskesosApproveInput = z.object({ version: z.number().int().positive() });

export const HistoryEntry = z.object({
  id: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.unknown()),
  at: z.string(),
  byName: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const VisitChecklistItem = z.object({ item: z.enum(FACILITY_ITEMS), condition: z.enum(FACILITY_CONDITIONS), confirmed: z.boolean() });
export const VisitInput = z.object({
  visitDate: Day,
  checklist: z.array(VisitChecklistItem).min(1).max(FACILITY_ITEMS.length),
  note: OptText(1000),
});
export const VisitView = z.object({
  id: z.uuid(),
  visitDate: z.string(),
  checklist: z.array(VisitChecklistItem),
  note: z.string().nullable(),
  visitedByName: z.string(),
  photos: z.array(z.object({ id: z.string(), fileName: z.string(), mimeType: z.string() })),
});
export type VisitView = z.infer<typeof VisitView>;

export const FundingInput = z.object({
  year: z.number().int().min(2000).max(2100),
  source: z.enum(FUNDING_SOURCES),
  kind: z.enum(FUNDING_KINDS),
  category: z.enum(FUNDING_CATEGORIES),
  amount: Rupiah,
  note: OptText(300),
});
export type FundingInput = z.infer<typeof FundingInput>;
export const FundingLine = FundingInput.extend({
  id: z.uuid(),
  villageCode: z.string(),
  note: z.string().nullable(),
  status: z.enum(FUNDING_STATUSES),
  villagePaid: z.boolean(),
  enteredAt: z.string(),
  confirmedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  documents: z.array(z.object({ id: z.string(), kind: z.string(), fileName: z.string() })),
});
export type FundingLine = z.infer<typeof FundingLine>;
export const FundingQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const FundingList = z.object({
  items: z.array(FundingLine),
  nextCursor: z.string().nullable(),
  totals: z.array(z.object({ source: z.enum(FUNDING_SOURCES), budget: z.number(), spending: z.number() })),
});

export const OfficerInput = z.object({
  name: Text(120),
  position: z.enum(OFFICER_POSITIONS),
  userId: z.uuid().nullable().optional(),
  decreeNumber: OptText(120),
  decreeDate: Day.nullable().optional(),
  startDate: Day,
  endDate: Day.nullable().optional(),
  paid: z.boolean(),
  monthlyHonorarium: Rupiah.default(0),
});
export type OfficerInput = z.infer<typeof OfficerInput>;
export const OfficerUpdate = z.object({
  endDate: Day.nullable().optional(), monthlyHonorarium: Rupiah.optional(), paid: z.boolean().optional(), decreeNumber: OptText(120), decreeDate: Day.nullable().optional(),
  /** Links the officer to a user account of the village or its kecamatan (`GET .../accounts`); null unlinks. */
  userId: z.uuid().nullable().optional(),
});
export const OfficerView = z.object({
  id: z.uuid(),
  villageCode: z.string(),
  name: z.string(),
  position: z.enum(OFFICER_POSITIONS),
  hasAccount: z.boolean(),
  /** The officer's user account, where they have one (a handover names it as the incoming party). */
  userId: z.uuid().nullable(),
  /** The linked account as the officer's colleagues know it (username and display name). */
  account: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  decreeNumber: z.string().nullable(),
  decreeDate: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  paid: z.boolean(),
  monthlyHonorarium: z.number(),
  active: z.boolean(),
  trainings: z.array(z.string()),
  missingTrainings: z.array(z.string()),
});
export type OfficerView = z.infer<typeof OfficerView>;
/** A user account an officer of a village may be linked to: one holding a role on the village or its kecamatan. */
export const PuskesosAccount = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  /** `village` (a role on this village) or `kecamatan` (a role on its kecamatan, e.g. a TKSK). */
  level: z.enum(['village', 'kecamatan']),
  roles: z.array(z.string()),
  /** The active officer of this village already linked to the account, if any. */
  officerId: z.uuid().nullable(),
});
export type PuskesosAccount = z.infer<typeof PuskesosAccount>;
export const PuskesosAccountList = z.object({ items: z.array(PuskesosAccount), nextCursor: z.string().nullable() });
export type PuskesosAccountList = z.infer<typeof PuskesosAccountList>;
export const OfficerList = z.object({ items: z.array(OfficerView), nextCursor: z.string().nullable(), vacancies: z.array(z.enum(OFFICER_POSITIONS)) });
export type OfficerList = z.infer<typeof OfficerList>;

/** What a handover passes on, produced from the data when it is created. */
export const HandoverSnapshot = z.object({
  takenAt: z.string(),
  openCases: z.array(z.object({ code: z.string(), status: z.string(), level: z.string(), registeredAt: z.string() })),
  openReferrals: z.array(z.object({ number: z.string(), status: z.string(), organization: z.string(), dueDate: z.string() })),
  pendingProposals: z.array(z.object({ code: z.string(), status: z.string(), type: z.string() })),
  equipment: z.array(z.object({ item: z.string(), condition: z.string(), source: z.string().nullable() })),
  budget: z.object({ year: z.number().int(), lines: z.array(z.object({ source: z.string(), kind: z.string(), category: z.string(), amount: z.number(), status: z.string() })) }),
  officers: z.array(z.object({ name: z.string(), position: z.string(), paid: z.boolean() })),
});
export type HandoverSnapshot = z.infer<typeof HandoverSnapshot>;
export const HandoverInput = z.object({
  role: z.enum(HANDOVER_ROLES),
  outgoingName: Text(120),
  incomingName: Text(120),
  incomingUserId: z.uuid().nullable().optional(),
});
export const HandoverSignInput = z.object({ party: z.enum(['outgoing', 'incoming']), name: Text(120) });
export const HandoverView = z.object({
  id: z.uuid(),
  villageCode: z.string(),
  villageName: z.string(),
  role: z.enum(HANDOVER_ROLES),
  outgoingName: z.string(),
  incomingName: z.string(),
  snapshot: HandoverSnapshot,
  outgoingSigned: z.object({ name: z.string(), at: z.string() }).nullable(),
  incomingSigned: z.object({ name: z.string(), at: z.string() }).nullable(),
  createdAt: z.string(),
});
export type HandoverView = z.infer<typeof HandoverView>;

export const TrainingInput = z.object({
  title: Text(200), organizer: z.enum(TRAINING_ORGANIZERS), topic: Text(200),
  hours: z.number().int().min(1).max(1000), certificate: z.boolean(),
});
export const TrainingView = TrainingInput.extend({ id: z.uuid(), requiredFor: z.array(z.enum(OFFICER_POSITIONS)) });
export type TrainingView = z.infer<typeof TrainingView>;
export const CompetenciesInput = z.object({ positions: z.array(z.object({ position: z.enum(OFFICER_POSITIONS), trainingIds: z.array(z.uuid()).max(50) })).max(OFFICER_POSITIONS.length) });
export const SessionInput = z.object({ startsOn: Day, place: Text(200), areaCode: z.string().regex(/^\d{2}\.\d{2}(\.\d{2})?$/) });
export const SessionView = z.object({ id: z.uuid(), trainingId: z.uuid(), trainingTitle: z.string(), startsOn: z.string(), place: z.string(), areaCode: z.string(), attendees: z.number().int(), attendeeIds: z.array(z.uuid()) });
export type SessionView = z.infer<typeof SessionView>;
export const AttendanceInput = z.object({ officerIds: z.array(z.uuid()).max(500) });
export const TrainingGap = z.object({
  officerId: z.uuid(), name: z.string(), position: z.enum(OFFICER_POSITIONS), villageCode: z.string(), villageName: z.string(),
  /** The village's kecamatan: the kabupaten's view counts the gaps per kecamatan. */
  kecamatanCode: z.string(), kecamatanName: z.string(),
  missing: z.array(z.object({ trainingId: z.uuid(), title: z.string() })),
});
export type TrainingGap = z.infer<typeof TrainingGap>;
export const InvitationQuery = z.object({ area: z.string().max(20).optional(), format: z.enum(['pdf', 'xlsx', 'json']).default('json') });

export const OutreachInput = z.object({
  heldOn: Day, place: Text(200), audience: Text(200), reached: z.number().int().min(0).max(100_000),
  byName: Text(120), byKind: z.enum(OUTREACH_BY), note: OptText(1000),
});
export const OutreachView = OutreachInput.extend({ id: z.uuid(), villageCode: z.string(), note: z.string().nullable() });
export type OutreachView = z.infer<typeof OutreachView>;

export const HistoryList = z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() });
export const OutreachList = z.object({ items: z.array(OutreachView), nextCursor: z.string().nullable() });
export const HandoverList = z.object({ items: z.array(HandoverView), nextCursor: z.string().nullable() });
export const VisitList = z.object({ items: z.array(VisitView), nextCursor: z.string().nullable() });
export const TrainingList = z.object({ items: z.array(TrainingView), nextCursor: z.string().nullable() });
export const SessionList = z.object({ items: z.array(SessionView), nextCursor: z.string().nullable() });
export const TrainingGapList = z.object({ area: z.object({ code: z.string(), name: z.string() }), items: z.array(TrainingGap), nextCursor: z.string().nullable() });
export const GradeList = z.object({ items: z.array(PuskesosGrade), nextCursor: z.string().nullable() });
