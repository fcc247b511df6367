import { CreateCaseInput } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { createCase } from '../cases/intake.ts';
import { aPerson, CINUNUK, contextAs } from '../registry/testing.ts';
import { aCase } from '../cases/testing.ts';
import { createDataRequest } from './requests.ts';

/** A Cinunuk resident with a case (so the Cinunuk officer holds it); one per test app, shared by the routes that read it. */
const withCase = new WeakMap<Deps, Promise<string>>();
function aCinunukPersonWithCase(deps: Deps): Promise<string> {
  let id = withCase.get(deps);
  if (!id) {
    id = (async () => {
      const person = await aPerson(deps.db, { village: CINUNUK });
      await aCase(deps, { person });
      return person.id;
    })();
    withCase.set(deps, id);
  }
  return id;
}

/** An open access request of a Cinunuk resident, recorded by the DPO. */
async function aDataRequest(deps: Deps): Promise<string> {
  const person = await aPerson(deps.db, { village: CINUNUK });
  return (await createDataRequest(deps, await contextAs(deps, 'dpo'), { personId: person.id, kind: 'access', channel: 'walk_in', details: 'Minta salinan data.' })).id;
}

/** A consent recorded at a Cinunuk intake (photos for documentation). */
async function aConsent(deps: Deps): Promise<string> {
  const person = await aPerson(deps.db, { village: CINUNUK });
  const input = CreateCaseInput.parse({
    personId: person.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Rumah rusak.',
    needs: [{ sector: 'housing', urgency: 'normal', request: 'Perbaikan atap' }],
    consents: [{ purpose: 'photo_documentation', statement: 'Foto rumah boleh dipakai untuk laporan.', method: 'signature', givenBy: 'subject' }],
  });
  const created = await createCase(deps, await contextAs(deps, 'puskesos.cinunuk'), input, null);
  const consent = created.view.consents[0];
  if (!consent) throw new Error('the case was created without its consent');
  return consent.id;
}

export const PRIVACY_SCOPE_FIXTURES: Record<string, (t: { deps: Deps }) => Promise<Record<string, string>>> = {
  '/api/v1/persons/:id/access-log': async (t) => ({ id: await aCinunukPersonWithCase(t.deps) }),
  '/api/v1/persons/:id/access-log.pdf': async (t) => ({ id: await aCinunukPersonWithCase(t.deps) }),
  '/api/v1/persons/:id/consents': async (t) => ({ id: await aCinunukPersonWithCase(t.deps) }),
  '/api/v1/data-requests/:id': async (t) => ({ id: await aDataRequest(t.deps) }),
  '/api/v1/data-requests/:id/answer': async (t) => ({ id: await aDataRequest(t.deps) }),
  '/api/v1/consents/:id/withdraw': async (t) => ({ id: await aConsent(t.deps) }),
};

/** Privacy routes whose records belong to the kabupaten, not to a village. */
export const PRIVACY_NOT_AREA_SCOPED = [
  '/api/v1/privacy/retention/:recordType',
  '/api/v1/privacy/records/:id/pdf',
  '/api/v1/breaches/:id',
  '/api/v1/breaches/:id/notified',
  '/api/v1/breaches/:id/letters.pdf',
  '/api/v1/break-glass/:id/review',
];
