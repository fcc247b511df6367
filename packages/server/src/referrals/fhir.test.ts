import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERRAL_STATUSES } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aReferral } from './testing.ts';
import { createRequire } from 'node:module';
import { FHIR_CODE_SYSTEMS, REQUEST_STATUS, TASK_STATUS } from './fhir.ts';

// The official HL7 FHIR R4 JSON schema (fhir.schema.json, 4.0), as shipped by the validator package.
type SchemaValidator = { validate(resource: unknown, verbose?: boolean): unknown[] };
const JSONSchemaValidator = createRequire(import.meta.url)('@asymmetrik/fhir-json-schema-validator') as new () => SchemaValidator;
let r4: SchemaValidator | undefined;
/** The bundle and each resource in it against the R4 schema: the list of errors (empty when valid). */
function r4Errors(bundle: { entry: Array<{ resource: unknown }> }): unknown[] {
  r4 ??= new JSONSchemaValidator();
  return [bundle, ...bundle.entry.map((e) => e.resource)].flatMap((x) => r4!.validate(x));
}

/**
 * Structure of the FHIR export against FHIR R4 and the SDOH Clinical Care referral pattern:
 * required elements, value sets of status and intent, and references that resolve inside
 * the bundle to resources of the right type.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// FHIR R4 value sets (request-status, request-intent, task-status, task-intent, request-priority)
const REQUEST_STATUS_VS = ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'];
const REQUEST_INTENT_VS = ['proposal', 'plan', 'directive', 'order', 'original-order', 'reflex-order', 'filler-order', 'instance-order', 'option'];
// SDOHCC ValueSet Referral Task Status: task-status without draft, ready and entered-in-error
const REFERRAL_TASK_STATUS_VS = ['requested', 'received', 'accepted', 'rejected', 'cancelled', 'on-hold', 'in-progress', 'completed', 'failed'];
const PRIORITY_VS = ['routine', 'urgent', 'asap', 'stat'];
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FHIR_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Res = { resourceType: string; id: string } & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the test walks arbitrary FHIR JSON

function resolve(bundle: { entry: Array<{ fullUrl: string; resource: Res }> }, ref: { reference: string }, type: string): Res {
  const hit = bundle.entry.find((e) => e.fullUrl === ref.reference);
  expect(hit, `${ref.reference} resolves in the bundle`).toBeDefined();
  expect(hit!.resource.resourceType).toBe(type);
  return hit!.resource;
}

function validate(bundle: any) { // eslint-disable-line @typescript-eslint/no-explicit-any -- the test walks arbitrary FHIR JSON
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  expect(bundle.id).toMatch(FHIR_ID);
  expect(bundle.timestamp).toMatch(FHIR_DATETIME);
  for (const e of bundle.entry) {
    expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
    expect(e.resource.id).toMatch(FHIR_ID);
  }
  expect(new Set(bundle.entry.map((e: { fullUrl: string }) => e.fullUrl)).size).toBe(bundle.entry.length);
  const sr: Res = bundle.entry.find((e: { resource: Res }) => e.resource.resourceType === 'ServiceRequest').resource;
  const task: Res = bundle.entry.find((e: { resource: Res }) => e.resource.resourceType === 'Task').resource;

  // the official R4 JSON schema: the bundle and every resource
  expect(r4Errors(bundle)).toEqual([]);
  // no profile is claimed that the resources do not meet (the US SDOHCC profiles were)
  for (const e of bundle.entry) expect(e.resource.meta?.profile).toBeUndefined();
  // ServiceRequest: status, intent, subject required (R4); category, code, requester, occurrence
  expect(REQUEST_STATUS_VS).toContain(sr.status);
  expect(REQUEST_INTENT_VS).toContain(sr.intent);
  expect(sr.intent).toBe('order');
  expect(PRIORITY_VS).toContain(sr.priority);
  expect(sr.category[0].coding[0].code).toBeTruthy();
  expect(sr.code.coding[0]).toMatchObject({ system: expect.any(String), code: expect.any(String) });
  expect(sr.authoredOn).toMatch(FHIR_DATETIME);
  expect(sr.occurrencePeriod.start).toMatch(FHIR_DATETIME);
  resolve(bundle, sr.subject, 'Patient');
  resolve(bundle, sr.requester, 'Organization');
  for (const p of sr.performer) resolve(bundle, p, 'Organization');

  // Task: status, intent required (R4); the referral pattern: intent order, code fulfill, focus, for, requester, owner
  expect(REFERRAL_TASK_STATUS_VS).toContain(task.status);
  expect(task.intent).toBe('order');
  expect(task.code.coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' });
  expect(resolve(bundle, task.focus, 'ServiceRequest').id).toBe(sr.id);
  expect(resolve(bundle, task.for, 'Patient').id).toBe(resolve(bundle, sr.subject, 'Patient').id);
  resolve(bundle, task.requester, 'Organization');
  const owner = resolve(bundle, task.owner, 'Organization');
  expect(owner.id).toBe(resolve(bundle, sr.performer[0], 'Organization').id);
  expect(task.authoredOn).toMatch(FHIR_DATETIME);
  for (const b of task.basedOn ?? []) resolve(bundle, b, 'ServiceRequest');
  return { sr, task, patient: resolve(bundle, sr.subject, 'Patient'), owner };
}

describe('FHIR R4 export of a referral', () => {
  it('maps every status to the value sets', () => {
    for (const s of REFERRAL_STATUSES) {
      expect(REFERRAL_TASK_STATUS_VS).toContain(TASK_STATUS[s]);
      expect(REQUEST_STATUS_VS).toContain(REQUEST_STATUS[s]);
    }
  });

  it('exports a sent referral as ServiceRequest + Task with references that resolve, and a Patient with the shared fields only', async () => {
    const r = await aReferral(t.deps, { input: { sharedFields: ['fullName', 'sex', 'phone'] } });
    const res = await (await t.as('mitra.dinkes')).get(`/api/v1/referrals/${r.id}/fhir`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('application/fhir+json');
    const { sr, task, patient, owner } = validate(res.body);
    expect(sr).toMatchObject({ id: r.id, status: 'active', identifier: [{ value: r.number }] });
    expect(task).toMatchObject({ status: 'requested' });
    expect(task.output).toBeUndefined();
    expect(owner.name).toBe('Dinas Kesehatan Kabupaten Bandung');
    expect(Object.keys(patient).sort()).toEqual(['gender', 'id', 'name', 'resourceType', 'telecom']);
    expect(patient.identifier).toBeUndefined();
    expect(patient.birthDate).toBeUndefined();
    const audit = await t.deps.db.query(`SELECT 1 FROM audit_events WHERE action = 'referral.export_fhir' AND $1 = ANY(record_ids)`, [r.id]);
    expect(audit.rows.length).toBe(1);
  });

  it('carries the NIK as an identifier when shared, and the outcome in Task.output once completed', async () => {
    const r = await aReferral(t.deps, { accepted: true });
    const m = await t.as('mitra.dinkes');
    await m.post(`/api/v1/referrals/${r.id}/complete`, { outcome: 'partly', notes: 'Obat diberikan, rawat inap ditolak RS' });
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/referrals/${r.id}/fhir`);
    const { sr, task, patient } = validate(res.body);
    expect(sr.status).toBe('completed');
    expect(task.status).toBe('completed');
    expect(patient.identifier[0]).toMatchObject({ system: 'https://fhir.kemkes.go.id/id/nik' });
    expect(patient.identifier[0].value).toMatch(/^\d{16}$/);
    expect(task.output).toHaveLength(1);
    expect(task.output[0].type.coding[0]).toMatchObject({ code: 'outcome' });
    expect(task.output[0].valueCodeableConcept.coding[0].code).toBe('partly');
    expect(task.output[0].valueCodeableConcept.text).toContain('Obat diberikan');
    // health and disability data never leave in the FHIR export
    expect(JSON.stringify(res.body)).not.toMatch(/chronicIllnesses|healthInsurance|disability/);
  });

  it('gives a declined referral a rejected Task with its reason and a revoked request', async () => {
    const r = await aReferral(t.deps);
    await (await t.as('mitra.dinkes')).post(`/api/v1/referrals/${r.id}/decline`, { reason: 'Di luar wilayah layanan' });
    const { sr, task } = validate((await (await t.as('puskesos.cinunuk')).get(`/api/v1/referrals/${r.id}/fhir`)).body);
    expect(task.status).toBe('rejected');
    expect(task.statusReason.text).toBe('Di luar wilayah layanan');
    expect(sr.status).toBe('revoked');
  });

  it('passes the R4 schema in every status and without any shared field', async () => {
    const puskesos = await t.as('puskesos.cinunuk');
    const m = await t.as('mitra.dinkes');
    const bare = await aReferral(t.deps, { input: { sharedFields: [] } });
    const bundles = [(await puskesos.get(`/api/v1/referrals/${bare.id}/fhir`)).body];
    const r = await aReferral(t.deps, { input: { sharedFields: ['fullName', 'nik', 'sex', 'birthDate', 'phone', 'address', 'village'] } });
    bundles.push((await puskesos.get(`/api/v1/referrals/${r.id}/fhir`)).body);
    for (const [action, body] of [['accept', {}], ['start', {}], ['complete', { outcome: 'fulfilled' }]] as const) {
      expect((await m.post(`/api/v1/referrals/${r.id}/${action}`, body)).status).toBe(200);
      bundles.push((await puskesos.get(`/api/v1/referrals/${r.id}/fhir`)).body);
    }
    expect(bundles.map((b) => validate(b).task.status)).toEqual(['requested', 'requested', 'accepted', 'in-progress', 'completed']);
    // the address in parts, with SATUSEHAT's administrative codes, when the village is shared
    const patient = validate(bundles[1]).patient;
    expect(patient.gender).toMatch(/^(male|female)$/);
    expect(patient.address[0]).toMatchObject({ use: 'home', country: 'ID', district: expect.any(String), line: [expect.any(String)] });
    const codes = Object.fromEntries(patient.address[0].extension[0].extension.map((e: { url: string; valueCode: string }) => [e.url, e.valueCode]));
    expect(patient.address[0].extension[0].url).toBe('https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode');
    expect(codes).toMatchObject({ province: '32', city: '3204', district: expect.stringMatching(/^3204\d{2}$/), village: expect.stringMatching(/^3204\d{6}$/) });
  });

  it('uses only code systems that resolve to a published CodeSystem holding the code', async () => {
    const r = await aReferral(t.deps, { accepted: true });
    await (await t.as('mitra.dinkes')).post(`/api/v1/referrals/${r.id}/complete`, { outcome: 'partly' });
    const bundle = (await (await t.as('puskesos.cinunuk')).get(`/api/v1/referrals/${r.id}/fhir`)).body;
    const codings: Array<{ system: string; code: string }> = [];
    JSON.stringify(bundle, (_key, v) => {
      if (v && typeof v === 'object' && 'system' in v && 'code' in v) codings.push(v as { system: string; code: string });
      return v;
    });
    expect(codings.length).toBeGreaterThan(4);
    const anon = t.anonymous();
    for (const c of codings) {
      expect(c.system).toMatch(/^https?:\/\//); // no urn:slrt:... systems
      const path = new URL(c.system).pathname;
      if (!path.startsWith('/api/v1/fhir/CodeSystem/')) continue; // HL7's own (task-code) and the HSDS service list
      const cs = await anon.get(path);
      expect(cs.status, c.system).toBe(200);
      expect(String(cs.headers['content-type'])).toContain('application/fhir+json');
      expect(cs.body.url).toBe(c.system);
      expect(cs.body.concept.map((x: { code: string }) => x.code)).toContain(c.code);
      expect(r4!.validate(cs.body)).toEqual([]);
    }
    for (const id of FHIR_CODE_SYSTEMS) expect((await anon.get(`/api/v1/fhir/CodeSystem/${id}`)).status).toBe(200);
    expect((await anon.get('/api/v1/fhir/CodeSystem/unknown')).status).toBe(400);
  });
});
