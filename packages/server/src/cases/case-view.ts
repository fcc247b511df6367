import {
  caseAcceptsReferrals, caseActionsFor, displayTrackingCode, isCaseOverdue, maskNik, mayMoveNeed, mayWorkCase, NEED_DONE_STATUSES,
  needAcceptsReferrals, needActionsFor, needHolderLevel,
  type CaseEventView, type CaseLevel, type CaseSummary, type CaseView, type DocumentView, type Holder, type LetterSummary, type NeedView,
} from '@slrt/core';
import type { Actor } from '../access/actor.ts';
import type { CaseRow, ConsentRow } from './queries.ts';
import type { NeedRow } from './need-queries.ts';
import type { CaseEventRow } from './event-queries.ts';
import type { ListedCase } from './worklist-queries.ts';

/** The JSON shapes of a case: the response schemas (core CaseView, CaseSummary) are the allowlist. */

const userRef = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Who holds a case (or a need) at `level`: the village's Puskesos, the kecamatan or the kabupaten, by area. */
function holderOf(c: Pick<CaseRow, 'village_code' | 'village_name' | 'kecamatan_code' | 'kecamatan_name' | 'kabupaten_code' | 'kabupaten_name'>, level: CaseLevel): Holder {
  switch (level) {
    case 'village':
      return { level, areaCode: c.village_code, areaName: c.village_name };
    case 'kecamatan':
      return { level, areaCode: c.kecamatan_code, areaName: c.kecamatan_name };
    case 'kabupaten':
      return { level, areaCode: c.kabupaten_code, areaName: c.kabupaten_name };
  }
}

function toNeedView(n: NeedRow, c: CaseRow, actor: Pick<Actor, 'grants'>): NeedView {
  const caseHolding = { status: c.status, level: c.level, villageCode: c.village_code, decision: c.decision };
  const holding = { level: n.level, status: n.status, decision: n.decision };
  return {
    id: n.id, position: n.position, sector: n.sector, urgency: n.urgency, request: n.request, status: n.status,
    statusNote: n.status_note, recommendation: n.recommendation, person: { id: n.person_id, fullName: n.person_name },
    returnedAt: n.returned_at?.toISOString() ?? null,
    holder: holderOf(c, needHolderLevel(holding, c)), heldApart: n.level !== null,
    decision: n.level ? n.decision : null, decisionNotes: n.level ? n.decision_notes : null,
    decidedAt: n.level ? iso(n.decided_at) : null, decidedBy: n.level ? userRef(n.decided_by, n.decided_by_name) : null,
    actions: needActionsFor(actor.grants, caseHolding, holding),
    movable: mayMoveNeed(actor.grants, caseHolding, holding),
    // a need held apart is referred by the level holding it
    acceptsReferrals: needAcceptsReferrals(caseHolding, holding) && (n.level === null || mayWorkCase(actor.grants, { villageCode: c.village_code, level: n.level })),
    updatedAt: n.updated_at.toISOString(),
  };
}

function toEventView(e: CaseEventRow): CaseEventView {
  return {
    id: e.id, at: e.at.toISOString(), actor: userRef(e.actor_id, e.actor_name), action: e.action,
    fromStatus: e.from_status, toStatus: e.to_status, fromLevel: e.from_level, toLevel: e.to_level, details: e.details,
  };
}

function needsAllDone(needs: ReadonlyArray<{ status: NeedRow['status'] }>): boolean {
  return needs.length > 0 && needs.every((n) => NEED_DONE_STATUSES.includes(n.status));
}

export function toCaseView(
  c: CaseRow,
  parts: { needs: NeedRow[]; events: CaseEventRow[]; consents: ConsentRow[]; documents: DocumentView[]; letters: LetterSummary[] },
  actor: Actor,
  now: Date = new Date(),
): CaseView {
  const offersResolve = c.status === 'in_progress' && needsAllDone(parts.needs);
  const actions = caseActionsFor(actor.grants, { status: c.status, level: c.level, villageCode: c.village_code })
    // a referred case resolves when its needs are done; before that the button would only answer 409
    .filter((a) => a !== 'resolve' || c.decision !== 'refer' || offersResolve);
  return {
    id: c.id,
    code: c.code,
    status: c.status,
    level: c.level,
    holder: holderOf(c, c.level),
    villageCode: c.village_code,
    villageName: c.village_name,
    kecamatanCode: c.kecamatan_code,
    kecamatanName: c.kecamatan_name,
    person: {
      id: c.person_id,
      fullName: c.person_name,
      nikMasked: c.person_nik ? maskNik(c.person_nik) : null,
      sex: c.person_sex,
      birthDate: c.person_birth_date,
      registryStatus: c.person_registry_status,
      householdId: c.household_id,
    },
    channel: c.channel,
    kind: c.kind,
    fastTrack: c.fast_track,
    fastTrackReasons: c.fast_track_reasons,
    complaint: c.complaint,
    urgency: c.urgency,
    dueAt: c.due_at.toISOString(),
    overdue: isCaseOverdue({ status: c.status, dueAt: c.due_at, firstActionAt: c.first_action_at }, now),
    firstActionAt: iso(c.first_action_at),
    legalBasis: c.legal_basis,
    consents: parts.consents.map((x) => ({
      id: x.id, purpose: x.purpose, statement: x.statement, method: x.method, givenAt: x.given_at.toISOString(), givenBy: x.given_by,
      guardianName: x.guardian_name, guardianRelationship: x.guardian_relationship, recordedBy: userRef(x.recorded_by, x.recorded_by_name),
      withdrawnAt: iso(x.withdrawn_at),
    })),
    needsRegistryProposal: c.needs_registry_proposal,
    registryProposalId: c.registry_proposal_id,
    trackingCode: displayTrackingCode(c.tracking_code),
    trackingPin: c.pin_from_nik ? null : c.track_pin,
    registeredAt: c.registered_at.toISOString(),
    registeredBy: userRef(c.registered_by, c.registered_by_name),
    assignedTo: userRef(c.assigned_to, c.assigned_to_name),
    recommendation: c.recommendation,
    decision: c.decision,
    decisionNotes: c.decision_notes,
    decidedAt: iso(c.decided_at),
    decidedBy: userRef(c.decided_by, c.decided_by_name),
    closeReason: c.close_reason,
    closedAt: iso(c.closed_at),
    resolvedAt: iso(c.resolved_at),
    updatedAt: c.updated_at.toISOString(),
    needs: parts.needs.map((n) => toNeedView(n, c, actor)),
    timeline: parts.events.map(toEventView),
    documents: parts.documents,
    letters: parts.letters,
    allowedActions: actions,
    canWork: mayWorkCase(actor.grants, { villageCode: c.village_code, level: c.level }),
    offersResolve,
    acceptsReferrals: caseAcceptsReferrals(c),
  };
}

export function toCaseSummary(c: ListedCase, now: Date = new Date()): CaseSummary {
  return {
    id: c.id,
    code: c.code,
    status: c.status,
    level: c.level,
    villageCode: c.village_code,
    villageName: c.village_name,
    personName: c.person_name,
    nikMasked: c.person_nik ? maskNik(c.person_nik) : null,
    kind: c.kind,
    fastTrack: c.fast_track,
    urgency: c.urgency,
    sectors: c.sectors,
    registeredAt: c.registered_at.toISOString(),
    dueAt: c.due_at.toISOString(),
    overdue: isCaseOverdue({ status: c.status, dueAt: c.due_at, firstActionAt: c.first_action_at }, now),
    assignedTo: userRef(c.assigned_to, c.assigned_to_name),
    decision: c.decision,
    escalatedNeeds: c.escalated_needs ?? [],
  };
}
