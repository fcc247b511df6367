import { v5 as uuidv5 } from 'uuid';
import { caseCodeLabel, t, type ReferralPriority, type ReferralStatus, type ReferralSubject } from '@slrt/core';
import type { ReferralRow } from './queries.ts';

/**
 * A referral as a FHIR R4 Bundle in the pattern of the HL7 SDOH Clinical Care guide for
 * referrals to community organizations: a ServiceRequest (what is asked, for whom, by whom,
 * of whom) and a Task that manages its fulfillment (Task.focus -> ServiceRequest, Task.for
 * -> Patient, Task.requester -> the Puskesos, Task.owner -> the partner Organization,
 * Task.status mapped from ours, Task.output carrying the outcome as a "resulting-activity").
 * Bundle type `collection`; entries have `urn:uuid:` fullUrls and every reference points to
 * one of them, so the bundle stands alone.
 *
 * The Patient carries only what the referral shares (name, NIK, sex, birth date, phone,
 * address), so the export never widens what the partner may see; specific personal data
 * (health, disability) is left out of the FHIR export altogether.
 */
export const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare';
export const PROFILE = {
  serviceRequest: `${SDOHCC}/StructureDefinition/SDOHCC-ServiceRequest`,
  task: `${SDOHCC}/StructureDefinition/SDOHCC-TaskForReferralManagement`,
} as const;
const SYSTEM = {
  referralNumber: 'urn:slrt:referral-number',
  sector: 'urn:slrt:codesystem:sector',
  service: 'urn:slrt:directory-service',
  outcome: 'urn:slrt:codesystem:referral-outcome',
  status: 'urn:slrt:codesystem:referral-status',
  village: 'urn:slrt:kemendagri-area-code',
  // Indonesia's national health data platform (SATUSEHAT) names the NIK identifier system so
  nik: 'https://fhir.kemkes.go.id/id/nik',
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  sdohccTemporary: `${SDOHCC}/CodeSystem/SDOHCC-CodeSystemTemporaryCodes`,
} as const;

const NS = '3b0f7c9e-2f64-4c1e-9a57-6d0e8a1f4b22';
const idOf = (kind: string, key: string) => uuidv5(`${kind}:${key}`, NS);

/** Task.status for each of our statuses (FHIR task-status; SDOHCC referral task status subset). */
export const TASK_STATUS: Record<ReferralStatus, 'requested' | 'accepted' | 'rejected' | 'in-progress' | 'completed' | 'cancelled'> = {
  sent: 'requested',
  accepted: 'accepted',
  declined: 'rejected',
  in_service: 'in-progress',
  completed: 'completed',
  cancelled: 'cancelled',
};

/** ServiceRequest.status: active while the loop is open; a declined or cancelled request is revoked (a re-referral is a new one). */
export const REQUEST_STATUS: Record<ReferralStatus, 'active' | 'completed' | 'revoked'> = {
  sent: 'active',
  accepted: 'active',
  in_service: 'active',
  completed: 'completed',
  declined: 'revoked',
  cancelled: 'revoked',
};

const PRIORITY: Record<ReferralPriority, 'routine' | 'urgent' | 'stat'> = { routine: 'routine', urgent: 'urgent', emergency: 'stat' };

type Resource = { resourceType: string; id: string } & Record<string, unknown>;

function patientOf(id: string, s: ReferralSubject): Resource {
  const p: Resource = { resourceType: 'Patient', id };
  if (s.nik) p.identifier = [{ use: 'official', system: SYSTEM.nik, value: s.nik }];
  if (s.fullName) p.name = [{ use: 'official', text: s.fullName }];
  if (s.phone) p.telecom = [{ system: 'phone', value: s.phone, use: 'mobile' }];
  if (s.sex) p.gender = s.sex === 'F' ? 'female' : 'male';
  if (s.birthDate) p.birthDate = s.birthDate;
  const address = [s.address, s.village].filter(Boolean).join(', ');
  if (address) p.address = [{ use: 'home', type: 'physical', text: address, country: 'ID' }];
  return p;
}

export function referralFhirBundle(r: ReferralRow, subject: ReferralSubject, now: Date = new Date()) {
  const ids = {
    request: r.id,
    task: idOf('task', r.id),
    patient: idOf('patient', r.person_id),
    requester: idOf('puskesos', r.village_code),
    owner: r.organization_id,
  };
  const ref = (id: string, display?: string | null) => (display ? { reference: `urn:uuid:${id}`, display } : { reference: `urn:uuid:${id}` });
  const lastUpdated = r.updated_at.toISOString();
  const requesterName = `Puskesos ${r.village_name ?? r.village_code}${r.kecamatan_name ? `, Kec. ${r.kecamatan_name}` : ''}`;
  const identifier = [{ system: SYSTEM.referralNumber, value: r.number }];
  const sector = { coding: [{ system: SYSTEM.sector, code: r.sector, display: caseCodeLabel('sector', r.sector, 'en') }], text: caseCodeLabel('sector', r.sector, 'id') };

  const serviceRequest: Resource = {
    resourceType: 'ServiceRequest',
    id: ids.request,
    meta: { profile: [PROFILE.serviceRequest], lastUpdated },
    identifier,
    status: REQUEST_STATUS[r.status],
    intent: 'order',
    category: [sector],
    priority: PRIORITY[r.priority],
    code: { coding: [{ system: SYSTEM.service, code: r.service_id, display: r.service_name }], text: r.service_name },
    subject: ref(ids.patient),
    occurrencePeriod: { start: r.created_at.toISOString(), end: r.due_at.toISOString() },
    authoredOn: r.created_at.toISOString(),
    requester: ref(ids.requester, requesterName),
    performer: [ref(ids.owner, r.organization_name)],
    reasonCode: [{ text: r.reason }],
  };

  const task: Resource = {
    resourceType: 'Task',
    id: ids.task,
    meta: { profile: [PROFILE.task], lastUpdated },
    identifier,
    basedOn: [ref(ids.request)],
    status: TASK_STATUS[r.status],
    businessStatus: { coding: [{ system: SYSTEM.status, code: r.status }], text: t('id', `referral.status.${r.status}`) },
    intent: 'order',
    priority: PRIORITY[r.priority],
    code: { coding: [{ system: SYSTEM.taskCode, code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: ref(ids.request),
    for: ref(ids.patient),
    authoredOn: r.created_at.toISOString(),
    lastModified: lastUpdated,
    requester: ref(ids.requester, requesterName),
    owner: ref(ids.owner, r.organization_name),
    restriction: { period: { end: r.due_at.toISOString() } },
  };
  const reason = r.status === 'declined' ? r.decline_reason : r.status === 'cancelled' ? r.cancel_reason : null;
  if (reason) task.statusReason = { text: reason };
  if (r.status === 'completed' && r.outcome) {
    task.output = [{
      type: { coding: [{ system: SYSTEM.sdohccTemporary, code: 'resulting-activity', display: 'Resulting Activity' }] },
      valueCodeableConcept: {
        coding: [{ system: SYSTEM.outcome, code: r.outcome, display: t('en', `referral.outcome.${r.outcome}`) }],
        text: r.outcome_notes ? `${t('id', `referral.outcome.${r.outcome}`)}: ${r.outcome_notes}` : t('id', `referral.outcome.${r.outcome}`),
      },
    }];
  }

  const requester: Resource = {
    resourceType: 'Organization', id: ids.requester, active: true, name: requesterName,
    identifier: [{ system: SYSTEM.village, value: r.village_code }],
  };
  const owner: Resource = { resourceType: 'Organization', id: ids.owner, active: true, name: r.organization_name };

  return {
    resourceType: 'Bundle' as const,
    id: idOf('bundle', `${r.id}:${lastUpdated}`),
    meta: { lastUpdated },
    type: 'collection' as const,
    timestamp: now.toISOString(),
    entry: [serviceRequest, task, patientOf(ids.patient, subject), requester, owner].map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
