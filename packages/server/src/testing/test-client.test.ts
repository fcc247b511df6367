import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersonView } from '@slrt/core';
import { createTestApp, type TestApp } from './test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';

describe('the test client typed by core schemas', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('checks a 2xx answer against the schema the test names, and reads the error of a 4xx', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const p = await aPerson(t.deps.db, { village: CINUNUK });
    const read = await officer.get(`/api/v1/persons/${p.id}`, PersonView);
    expect(read.body.fullName).toBe(p.fullName);
    expect(read.error).toBeUndefined();
    await expect(officer.get(`/api/v1/persons/${p.id}`, z.object({ id: z.number() })))
      .rejects.toThrow(/does not match its schema/);
    const missing = await officer.get('/api/v1/persons/not-a-uuid', PersonView);
    expect(missing.status).toBe(400);
    expect(missing.error?.fields).toHaveProperty('id');
  });
});
