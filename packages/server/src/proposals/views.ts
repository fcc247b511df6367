import {
  ageingOf, localDateIn, proposedFields, proposalUserActions, t,
  type DocumentView, type ProposalDetail, type ProposalSettings, type ProposalStepView, type ProposalSummary, type VerificationView,
} from '@slrt/core';
import type { RequestContext } from '../http/context.ts';
import type { StepRow, VerificationRow } from './lineage-queries.ts';
import type { ProposalRow } from './queries.ts';
import { visibleValues } from './targets.ts';

/** The proposals' JSON shapes, built from rows for one caller (their allowed steps, their language). */

/** Statuses whose age counts against the round's cut-off (the village still holds them). */
const VILLAGE_HELD = new Set(['awaiting_verification', 'needs_review', 'verified']);
const STILL_WAITING = new Set(['draft', 'awaiting_verification', 'verified', 'reviewed', 'kab_verified', 'needs_review', 'approved', 'sent']);

/** The steps the caller may take on this proposal now (scope and stage). */
export function allowedFor(ctx: RequestContext, row: Pick<ProposalRow, 'status' | 'village_code' | 'round_status'>) {
  return proposalUserActions(row.status, (permission) => ctx.actor.coversArea(permission, row.village_code))
    .filter((a) => a !== 'review' || (row.round_status !== null && row.round_status !== 'open'));
}

export function toSummary(ctx: RequestContext, row: ProposalRow, settings: ProposalSettings, today: string): ProposalSummary {
  const entered = row.entered_on ?? localDateIn(row.created_at, settings.timeZone);
  const until = STILL_WAITING.has(row.status) ? today : localDateIn(row.status_at, settings.timeZone);
  const counted = VILLAGE_HELD.has(row.status) && row.round_status === 'open';
  const ageing = ageingOf(entered, until, counted ? row.cut_off_date : null);
  return {
    id: row.id,
    code: row.code,
    type: row.type,
    targetKind: row.target_kind,
    status: row.status,
    channel: row.channel as ProposalSummary['channel'],
    origin: row.origin as ProposalSummary['origin'],
    villageCode: row.village_code,
    villageName: row.village_name,
    kecamatanCode: row.kecamatan_code,
    kecamatanName: row.kecamatan_name,
    personId: row.person_id,
    householdId: row.household_id,
    subjectName: row.subject_name,
    reason: row.reason,
    changedFields: proposedFields(row.changes, row.type, row.target_kind),
    roundId: row.round_id,
    roundPeriod: row.round_period,
    cutOffDate: row.cut_off_date,
    enteredOn: row.entered_on,
    ageDays: ageing.ageDays,
    daysToCutOff: ageing.daysToCutOff,
    overdue: ageing.overdue,
    assignedToName: row.assigned_to_name,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    statusAt: row.status_at.toISOString(),
    allowedActions: allowedFor(ctx, row),
  };
}

function toVerificationView(ctx: RequestContext, villageCode: string, v: VerificationRow): VerificationView {
  return {
    id: v.id,
    verifierName: v.verifier_name,
    visitDate: v.visit_date,
    metName: v.met_name,
    metRole: v.met_role as VerificationView['metRole'],
    verdict: v.verdict,
    reason: v.reason,
    items: v.items.map((i) => ({ field: i.field, confirmed: i.confirmed, ...('correctedValue' in i ? { correctedValue: i.correctedValue } : {}) })),
    currentValues: visibleValues(ctx, v.current_values, villageCode),
    gps: v.gps_lat !== null && v.gps_lon !== null ? { lat: v.gps_lat, lon: v.gps_lon, accuracyM: v.gps_accuracy_m } : null,
    landmark: v.landmark,
    createdAt: v.created_at.toISOString(),
  };
}

function toStepView(s: StepRow): ProposalStepView {
  return {
    id: s.id,
    at: s.at.toISOString(),
    action: s.action,
    fromStatus: s.from_status,
    toStatus: s.to_status,
    actorName: s.actor_name,
    reason: s.reason,
    verificationId: s.verification_id,
    details: s.details,
  };
}

export interface DetailParts {
  current: Record<string, unknown> | null;
  currentVersions: Record<string, number> | null;
  verifications: VerificationRow[];
  steps: StepRow[];
  registryChanges: ProposalDetail['registryChanges'];
  documents: DocumentView[];
  submission: ProposalDetail['submission'];
  /** False when the four-eyes rule keeps this caller from ratifying. */
  mayRatify: boolean;
}

export function toDetail(ctx: RequestContext, row: ProposalRow, settings: ProposalSettings, today: string, parts: DetailParts): ProposalDetail {
  const summary = toSummary(ctx, row, settings, today);
  const village = row.village_code;
  return {
    ...summary,
    allowedActions: summary.allowedActions.filter((a) => a !== 'ratify' || parts.mayRatify),
    caseId: row.case_id,
    changes: visibleValues(ctx, row.changes, village) ?? {},
    confirmedChanges: visibleValues(ctx, row.confirmed_changes, village),
    current: visibleValues(ctx, parts.current, village),
    currentVersions: parts.currentVersions,
    verifiedVersions: row.verified_versions,
    staleReason: row.stale_reason ? t(ctx.locale, row.stale_reason) : null,
    confirmWarnings: row.confirm_warnings,
    applied: row.applied,
    verifications: parts.verifications.map((v) => toVerificationView(ctx, village, v)),
    steps: parts.steps.map(toStepView),
    registryChanges: parts.registryChanges.map((c) => ({ ...c, changes: (visibleValues(ctx, c.changes, village) ?? {}) as typeof c.changes })),
    documents: parts.documents,
    submission: parts.submission,
  };
}

