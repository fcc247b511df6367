import { useEffect, useRef, useState } from 'react';
import { loadDraft, saveDraft } from './draft-store.ts';
import type { CaseKind, Channel, ConsentMethod, ConsentPurpose, FastTrackReason, LegalBasis, Sector, Urgency } from '@slrt/core';

/** A resident found in the registry (`GET /persons`), as the intake keeps it. */
export interface FoundPerson {
  id: string;
  fullName: string;
  nik: string | null;
  birthDate: string | null;
  villageName: string;
  registryStatus: string;
  /** From the search answer: the household screening reads. */
  householdId?: string;
}

export interface NewResident {
  nik: string;
  fullName: string;
  sex: 'M' | 'F' | '';
  birthDate: string;
  birthPlace: string;
  villageCode: string;
  address: string;
  rt: string;
  rw: string;
  confirmNikWarnings: boolean;
}

export interface NeedDraft {
  sector: Sector | '';
  urgency: Urgency;
  request: string;
  /** The program code when the need came from a screening suggestion. */
  program?: string;
}

export interface IntakeDraft {
  step: number;
  resident:
    | { mode: 'found'; person: FoundPerson }
    | { mode: 'new'; person: NewResident }
    /**
     * Registered in another village of the kabupaten (found by NIK): the case starts at that
     * village's Puskesos (`there`) or is held here anyway (`here`).
     */
    | { mode: 'elsewhere'; person: { nik: string; villageCode: string; villageName: string; fullName: string; where?: 'here' | 'there' } }
    | null;
  channel: Channel;
  kind: CaseKind;
  fastTrack: boolean;
  fastTrackReasons: FastTrackReason[];
  complaint: string;
  needs: NeedDraft[];
  legalBasis: LegalBasis;
  consent: { enabled: boolean; purpose: ConsentPurpose; statement: string; method: ConsentMethod; givenBy: 'subject' | 'guardian'; guardianName: string; guardianRelationship: string };
  /** Sent as clientRequestId: a retry of the same intake never makes two cases. */
  clientRequestId: string;
}

/** A random request id; randomUUID needs a secure context, getRandomValues does not (a LAN over plain HTTP). */
function requestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `intake-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const EMPTY_RESIDENT: NewResident = { nik: '', fullName: '', sex: '', birthDate: '', birthPlace: '', villageCode: '', address: '', rt: '', rw: '', confirmNikWarnings: false };

function newDraft(channel: Channel = 'walk_in_puskesos'): IntakeDraft {
  return {
    step: 0,
    resident: null,
    channel,
    kind: 'complaint',
    fastTrack: false,
    fastTrackReasons: [],
    complaint: '',
    needs: [{ sector: '', urgency: 'normal', request: '' }],
    legalBasis: 'public_task',
    consent: { enabled: false, purpose: 'share_with_partners', statement: '', method: 'signature', givenBy: 'subject', guardianName: '', guardianRelationship: '' },
    clientRequestId: requestId(),
  };
}

/** A draft with nothing the officer entered yet: not kept. */
function isBlank(d: IntakeDraft): boolean {
  return d.step === 0 && d.resident === null && !d.complaint.trim() && d.needs.every((n) => !n.sector && !n.request.trim());
}

/**
 * The intake in progress, kept on the device for this officer only, encrypted (draft-store.ts):
 * a lost connection, a reload or a closed tab does not lose what the resident said
 * (attachments are not kept: files cannot be stored). Sign-out removes it.
 */
export function useIntakeDraft(channel: Channel, userId: string) {
  const [draft, setDraft] = useState<IntakeDraft>(() => newDraft(channel));
  const [loaded, setLoaded] = useState(false);
  const saving = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    let live = true;
    void loadDraft(userId).then((saved) => {
      if (!live) return;
      if (saved && typeof saved === 'object') setDraft((d) => (isBlank(d) ? { ...newDraft(channel), ...(saved as Partial<IntakeDraft>) } : d));
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [userId, channel]);
  useEffect(() => {
    if (!loaded) return; // never overwrite the saved draft with the blank one shown while it loads
    const value = isBlank(draft) ? null : draft;
    saving.current = saving.current.then(() => saveDraft(userId, value));
  }, [draft, loaded, userId]);
  const clear = () => {
    saving.current = saving.current.then(() => saveDraft(userId, null));
    setDraft(newDraft(channel));
  };
  return { draft, setDraft, clear };
}

/** The body of `POST /cases/at-resident-village`: the intake of a resident of another village. */
export function toCaseAtResidentVillage(d: IntakeDraft, nik: string) {
  const { channel, kind, fastTrack, fastTrackReasons, complaint, needs } = toCreateCase(d);
  return { nik, channel, kind, fastTrack, fastTrackReasons, complaint, needs };
}

/** The intake's request body (`POST /cases`). */
export function toCreateCase(d: IntakeDraft) {
  const r = d.resident;
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  const person = r?.mode === 'found'
    ? { personId: r.person.id }
    : r?.mode === 'new'
      ? {
          newPerson: {
            nik: opt(r.person.nik),
            fullName: r.person.fullName.trim(),
            sex: r.person.sex || undefined,
            birthDate: opt(r.person.birthDate),
            birthPlace: opt(r.person.birthPlace),
            household: { villageCode: r.person.villageCode, address: opt(r.person.address), rt: opt(r.person.rt), rw: opt(r.person.rw) },
            ...(r.person.confirmNikWarnings ? { confirmWarnings: ['nik_region_unknown', 'nik_province_retired', 'nik_birth_date_mismatch', 'nik_sex_mismatch'] } : {}),
          },
        }
      : {};
  return {
    ...person,
    channel: d.channel,
    kind: d.kind,
    fastTrack: d.fastTrack,
    fastTrackReasons: d.fastTrack ? d.fastTrackReasons : [],
    complaint: d.complaint,
    needs: d.needs.map((n) => ({ sector: n.sector, urgency: n.urgency, request: n.request })),
    legalBasis: d.legalBasis,
    consents: d.consent.enabled
      ? [{
          purpose: d.consent.purpose, statement: d.consent.statement, method: d.consent.method, givenBy: d.consent.givenBy,
          ...(d.consent.givenBy === 'guardian' ? { guardianName: opt(d.consent.guardianName), guardianRelationship: opt(d.consent.guardianRelationship) } : {}),
        }]
      : [],
    clientRequestId: d.clientRequestId,
  };
}

/** Which step holds a field the server refused, to send the officer back there. */
export function stepOfField(field: string): number {
  if (/^(newPerson|personId|nik|kk|fullName|sex|birthDate|birthPlace|household)/.test(field)) return 0;
  if (/^(channel|kind|fastTrack)/.test(field)) return 1;
  if (/^(complaint|needs)/.test(field)) return 2;
  if (/^(legalBasis|consents)/.test(field)) return 3;
  return 4;
}
