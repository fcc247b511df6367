import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_CODE_LISTS, CASE_STATUSES, CODE_LIST_NAMES, codesOf, REFERRAL_STATUSES } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { pdfText } from '../letters/pdf-text.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { aDecidedCase } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * Every snake_case code of a known code list: the registry's, intake and case work's, and the
 * case and referral statuses. One of them on a printed letter is a raw code the reader cannot
 * read (issue 12 item 7: "Jaminan kesehatan: pbi_jkn", "walking: a_lot").
 */
const SNAKE_CODES = [
  ...CODE_LIST_NAMES.flatMap((l) => codesOf(l)),
  ...Object.values(CASE_CODE_LISTS).flatMap((entries) => entries.map((e) => e.code)),
  ...CASE_STATUSES,
  ...REFERRAL_STATUSES,
].filter((c) => /^[a-z0-9]+(_[a-z0-9]+)+$/.test(c));

const rawCodesIn = (text: string) => [...new Set(SNAKE_CODES)].filter((c) => new RegExp(`(^|[^a-z0-9_])${c}($|[^a-z0-9_])`).test(text));

describe('no raw code on a printed letter (issue 12 item 7)', () => {
  it('knows the codes it looks for', () => {
    expect(SNAKE_CODES).toEqual(expect.arrayContaining(['pbi_jkn', 'a_lot', 'social_assistance', 'not_registered', 'handle_directly', 'in_progress']));
    expect(rawCodesIn('Jaminan kesehatan: pbi_jkn')).toEqual(['pbi_jkn']);
    expect(rawCodesIn('BPJS Kesehatan/JKN PBI')).toEqual([]);
  });

  it('the recommendation letter, the registry certificate and the referral letter print labels only', async () => {
    const person = await aPerson(t.deps.db, {
      village: CINUNUK, fullName: 'Onih Label', sex: 'F', registryStatus: 'not_registered',
      healthInsurance: ['pbi_jkn', 'jkn_self_paid'], disability: { walking: 'a_lot', seeing: 'some' }, chronicIllnesses: ['kidney_failure'],
    });
    const c = await aDecidedCase(t.deps, {
      person, decision: 'refer',
      needs: [
        { sector: 'health', urgency: 'high', request: 'Cuci darah rutin' },
        { sector: 'social_assistance', urgency: 'normal', request: 'Bantuan pangan' },
        { sector: 'economy_employment', urgency: 'normal', request: 'Pelatihan kerja' },
      ],
    });
    const coordinator = await t.as('koordinator.cinunuk');
    const texts: Record<string, string> = {};
    for (const kind of ['recommendation', 'registry_certificate'] as const) {
      const issued = await coordinator.post(`/api/v1/cases/${c.id}/letters`, { kind });
      expect(issued.status, kind).toBe(201);
      texts[kind] = await pdfText((await coordinator.get(`/api/v1/cases/${c.id}/letters/${issued.body.id}/pdf`)).raw.rawPayload);
    }
    expect(texts.recommendation).toContain('Bantuan sosial');
    expect(texts.recommendation).toContain('Ekonomi dan ketenagakerjaan');
    expect(texts.registry_certificate).toContain('Belum terdaftar');

    const r = await aReferral(t.deps, {
      person, service: 'Pelayanan pasien tidak mampu (PBI dan jaminan daerah)', input: { sharedFields: ['fullName', 'healthInsurance', 'disability'] },
    });
    const officer = await t.as('puskesos.cinunuk');
    expect((await officer.post(`/api/v1/referrals/${r.id}/letter`, {})).status).toBe(201);
    texts.referral = await pdfText((await officer.get(`/api/v1/referrals/${r.id}/letter.pdf`)).raw.rawPayload);
    expect(texts.referral).toContain('BPJS Kesehatan/JKN PBI');

    for (const [kind, text] of Object.entries(texts)) expect(rawCodesIn(text), kind).toEqual([]);
  });
});
