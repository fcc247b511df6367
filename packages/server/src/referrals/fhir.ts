import { v5 as uuidv5 } from 'uuid';
import {
  caseCodeLabel, REFERRAL_OUTCOMES, REFERRAL_PRIORITIES, REFERRAL_STATUSES, SERVICE_SECTORS, t, type ReferralPriority, type ReferralStatus,
  type ReferralSubject,
} from '@slrt/core';
import type { ReferralRow } from './queries.ts';

/**
 * A referral as a FHIR R4 Bundle: a ServiceRequest (what is asked, for whom, by whom, of whom)
 * and a Task that manages its fulfillment (Task.focus -> ServiceRequest, Task.for -> Patient,
 * Task.requester -> the Puskesos, Task.owner -> the partner Organization, Task.status mapped
 * from ours, Task.output carrying the outcome). This follows the referral pattern of the HL7
 * SDOH Clinical Care guide but claims none of its (US) profiles, since it does not meet them
 * (US Core Patient, US procedure codes): plain FHIR R4, validated against the R4 JSON schema.
 * Bundle type `collection`; entries have `urn:uuid:` fullUrls and every reference points to
 * one of them, so the bundle stands alone.
 *
 * Every code system is ours and resolvable: its canonical URL is the API address that serves
 * its CodeSystem resource (`/api/v1/fhir/CodeSystem/<id>`, on the deployment's public
 * address). Indonesian identifiers follow SATUSEHAT (Kemenkes): the NIK system and the
 * administrativeCode extension for the area codes of an address.
 *
 * The Patient carries only what the referral shares (name, NIK, sex, birth date, phone,
 * address), so the export never widens what the partner may see; specific personal data
 * (health, disability) is left out of the FHIR export altogether.
 */
const SATUSEHAT = {
  nik: 'https://fhir.kemkes.go.id/id/nik',
  administrativeCode: 'https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode',
} as const;
const TASK_CODE = 'http://hl7.org/fhir/CodeSystem/task-code';

/** The canonical URL of one of our code systems (served by `fhirCodeSystem`). */
const codeSystemUrl = (base: string, id: FhirCodeSystemId) => `${base}/api/v1/fhir/CodeSystem/${id}`;
/** Identifier systems: namespaces for our numbers, under the same address. */
const identifierSystem = (base: string, name: 'referral-number' | 'kemendagri-area-code') => `${base}/api/v1/fhir/sid/${name}`;

export const FHIR_CODE_SYSTEMS = ['sector', 'referral-priority', 'referral-status', 'referral-outcome', 'task-output'] as const;
export type FhirCodeSystemId = (typeof FHIR_CODE_SYSTEMS)[number];

const CODES: Record<FhirCodeSystemId, { title: string; description: string; concepts: () => Array<{ code: string; display: string; id: string }> }> = {
  sector: {
    title: 'SLRT need and service sectors',
    description: 'The sectors of a resident\'s needs and of partner services (sektor kebutuhan dan layanan).',
    concepts: () => SERVICE_SECTORS.map((c) => ({ code: c, display: caseCodeLabel('sector', c, 'en'), id: caseCodeLabel('sector', c, 'id') })),
  },
  'referral-priority': {
    title: 'SLRT referral priority',
    description: 'How urgent a referral is (mapped to FHIR request-priority: routine, urgent, stat).',
    concepts: () => REFERRAL_PRIORITIES.map((c) => ({ code: c, display: t('en', `referral.priority.${c}`), id: t('id', `referral.priority.${c}`) })),
  },
  'referral-status': {
    title: 'SLRT referral status',
    description: 'The status of a referral in SLRT (Task.businessStatus).',
    concepts: () => REFERRAL_STATUSES.map((c) => ({ code: c, display: t('en', `referral.status.${c}`), id: t('id', `referral.status.${c}`) })),
  },
  'referral-outcome': {
    title: 'SLRT referral outcome',
    description: 'What the partner reports when it closes a referral.',
    concepts: () => REFERRAL_OUTCOMES.map((c) => ({ code: c, display: t('en', `referral.outcome.${c}`), id: t('id', `referral.outcome.${c}`) })),
  },
  'task-output': {
    title: 'SLRT referral task output',
    description: 'Kinds of Task.output of a referral.',
    concepts: () => [{ code: 'outcome', display: 'Outcome of the referral', id: 'Hasil rujukan' }],
  },
};

/** A CodeSystem resource (complete content, with Indonesian designations). */
export function fhirCodeSystem(base: string, id: FhirCodeSystemId) {
  const cs = CODES[id];
  const concepts = cs.concepts();
  return {
    resourceType: 'CodeSystem' as const,
    id,
    url: codeSystemUrl(base, id),
    version: '1',
    name: id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''),
    title: cs.title,
    status: 'active' as const,
    publisher: 'SLRT',
    description: cs.description,
    caseSensitive: true,
    content: 'complete' as const,
    count: concepts.length,
    concept: concepts.map((c) => ({ code: c.code, display: c.display, designation: [{ language: 'id', value: c.id }] })),
  };
}

/** Where the resident lives, in the codes SATUSEHAT uses, when the referral shares the village. */
export interface PatientHome {
  villageCode: string;
  rt: string | null;
  rw: string | null;
  villageName: string | null;
  kecamatanName: string | null;
}

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

/** Kemendagri codes without dots, as SATUSEHAT writes them: province 32, city 3204, district 320405, village 3204052004. */
function administrativeCode(home: PatientHome) {
  const digits = home.villageCode.replaceAll('.', '');
  const parts: Array<[string, string | null]> = [
    ['province', digits.slice(0, 2)], ['city', digits.slice(0, 4)], ['district', digits.slice(0, 6)], ['village', digits],
    ['rt', home.rt], ['rw', home.rw],
  ];
  return { url: SATUSEHAT.administrativeCode, extension: parts.filter(([, v]) => v).map(([url, v]) => ({ url, valueCode: v! })) };
}

function patientOf(id: string, s: ReferralSubject, home: PatientHome | null): Resource {
  const p: Resource = { resourceType: 'Patient', id };
  if (s.nik) p.identifier = [{ use: 'official', system: SATUSEHAT.nik, value: s.nik }];
  if (s.fullName) p.name = [{ use: 'official', text: s.fullName }];
  if (s.phone) p.telecom = [{ system: 'phone', value: s.phone, use: 'mobile' }];
  if (s.sex) p.gender = s.sex === 'F' ? 'female' : 'male';
  if (s.birthDate) p.birthDate = s.birthDate;
  const text = [s.address, s.village].filter(Boolean).join(', ');
  if (text) {
    p.address = [{
      use: 'home', type: 'physical', text,
      ...(s.address ? { line: [s.address] } : {}),
      ...(home?.kecamatanName ? { district: home.kecamatanName } : {}),
      country: 'ID',
      ...(home ? { extension: [administrativeCode(home)] } : {}),
    }];
  }
  return p;
}

/**
 * The Bundle of one referral. `base` is the deployment's public address (code systems resolve
 * there); `home` is given only when the referral shares the resident's village.
 */
export function referralFhirBundle(r: ReferralRow, subject: ReferralSubject, base: string, home: PatientHome | null = null, now: Date = new Date()) {
  const SYSTEM = {
    referralNumber: identifierSystem(base, 'referral-number'),
    village: identifierSystem(base, 'kemendagri-area-code'),
    sector: codeSystemUrl(base, 'sector'),
    priority: codeSystemUrl(base, 'referral-priority'),
    status: codeSystemUrl(base, 'referral-status'),
    outcome: codeSystemUrl(base, 'referral-outcome'),
    taskOutput: codeSystemUrl(base, 'task-output'),
    service: `${base}/api/v1/hsds/services`,
  };
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
    meta: { lastUpdated },
    identifier,
    status: REQUEST_STATUS[r.status],
    intent: 'order',
    category: [sector],
    priority: PRIORITY[r.priority],
    orderDetail: [{ coding: [{ system: SYSTEM.priority, code: r.priority, display: t('en', `referral.priority.${r.priority}`) }], text: t('id', `referral.priority.${r.priority}`) }],
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
    meta: { lastUpdated },
    identifier,
    basedOn: [ref(ids.request)],
    status: TASK_STATUS[r.status],
    businessStatus: { coding: [{ system: SYSTEM.status, code: r.status }], text: t('id', `referral.status.${r.status}`) },
    intent: 'order',
    priority: PRIORITY[r.priority],
    code: { coding: [{ system: TASK_CODE, code: 'fulfill', display: 'Fulfill the focal request' }] },
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
      type: { coding: [{ system: SYSTEM.taskOutput, code: 'outcome', display: 'Outcome of the referral' }] },
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
    entry: [serviceRequest, task, patientOf(ids.patient, subject, home), requester, owner].map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
