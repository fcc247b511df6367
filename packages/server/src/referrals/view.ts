import {
  referralActionsFor, SHAREABLE_FIELDS,
  type ReferralEventView, type ReferralListItem, type ReferralSide, type ReferralSubject, type ReferralView, type ShareableField,
} from '@slrt/core';
import type { Actor } from '../access/actor.ts';
import type { ReferralEventRow, ReferralRow, SubjectRow } from './queries.ts';

/**
 * How the caller stands to a referral: `referrer` (staff whose area covers the referral's
 * village: they see the case links), `partner` (an officer of the receiving organization),
 * `link` (a signed link). Partners and links get the partner's view: no case links, no
 * intake text, and the resident cut to the shared fields.
 */
export type Viewer = ReferralSide;

export function viewerOf(actor: Actor, r: Pick<ReferralRow, 'organization_id' | 'village_code'>): Viewer {
  return actor.coversArea('referrals.read', r.village_code) ? 'referrer' : 'partner';
}

/** Each shareable field and how to read it from the registry row (and the referral's own phone). */
const FIELD_READERS: { [F in ShareableField]: (s: SubjectRow, r: ReferralRow) => ReferralSubject[F] } = {
  fullName: (s) => s.full_name,
  nik: (s) => s.nik,
  kk: (s) => s.kk,
  sex: (s) => s.sex,
  birthDate: (s) => s.birth_date,
  birthPlace: (s) => s.birth_place,
  phone: (_s, r) => r.contact_phone,
  address: (s) => [s.address, s.rt || s.rw ? `RT ${s.rt ?? '-'}/RW ${s.rw ?? '-'}` : null].filter(Boolean).join(', ') || null,
  village: (s) => [s.village_name, s.kecamatan_name ? `Kec. ${s.kecamatan_name}` : null].filter(Boolean).join(', ') || null,
  pregnant: (s) => s.pregnant,
  chronicIllnesses: (s) => s.chronic_illnesses,
  healthInsurance: (s) => s.health_insurance,
  disability: (s) => s.disability,
};

/**
 * The resident as this referral shares them: exactly the allowlisted fields, nothing else.
 * Everyone sees the same cut (the back office sees the rest in the case itself).
 */
export function subjectOf(subject: SubjectRow | null, r: ReferralRow): ReferralSubject {
  const out: Record<string, unknown> = {};
  if (!subject) return out;
  for (const f of r.shared_fields) {
    if (!(SHAREABLE_FIELDS as readonly string[]).includes(f)) continue; // an unknown stored name is never read
    out[f] = FIELD_READERS[f](subject, r) ?? null;
  }
  return out as ReferralSubject;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function isOverdue(r: ReferralRow): boolean {
  return r.overdue_at !== null && (r.status === 'sent' || r.status === 'accepted' || r.status === 'in_service');
}

/** The list row; partners see the name only when the service is given it. */
export function toListItem(r: ReferralRow, viewer: Viewer, actions: ReferralSide[] = [viewer]): ReferralListItem {
  const staff = viewer === 'referrer';
  return {
    id: r.id,
    number: r.number,
    trackingCode: staff ? r.tracking_code : null,
    status: r.status,
    priority: r.priority,
    reason: r.reason,
    sector: r.sector,
    needSummary: r.need_request,
    needUrgency: r.need_urgency,
    caseId: staff ? r.case_id : null,
    caseNumber: staff ? r.case_code : null,
    needId: staff ? r.need_id : null,
    personId: staff ? r.person_id : null,
    service: { id: r.service_id, name: r.service_name },
    organization: { id: r.organization_id, name: r.organization_name },
    village: { code: r.village_code, name: r.village_name },
    sharedFields: r.shared_fields,
    dueDate: r.due_date,
    overdue: isOverdue(r),
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name,
    acceptedAt: iso(r.accepted_at),
    startedAt: iso(r.started_at),
    completedAt: iso(r.completed_at),
    closedAt: iso(r.closed_at),
    declineReason: r.decline_reason,
    cancelReason: r.cancel_reason,
    outcome: r.outcome,
    outcomeNotes: r.outcome_notes,
    allowedActions: [...new Set(actions.flatMap((side) => referralActionsFor(r.status, side)))],
    subjectName: r.shared_fields.includes('fullName') || staff ? r.person_name : null,
  };
}

function toEventView(e: ReferralEventRow): ReferralEventView {
  return { at: e.at.toISOString(), action: e.action, fromStatus: e.from_status, toStatus: e.to_status, actorName: e.actor_name, actorPosition: e.actor_position, actorKind: e.actor_kind, note: e.note };
}

export function toReferralView(
  r: ReferralRow, viewer: Viewer, subject: SubjectRow | null, parts: { events: ReferralEventRow[]; evidence: Array<{ id: string; fileName: string }>; actions?: ReferralSide[] },
): ReferralView {
  const { subjectName: _name, ...item } = toListItem(r, viewer, parts.actions);
  return { ...item, subject: subjectOf(subject, r), evidence: parts.evidence, events: parts.events.map(toEventView) };
}
