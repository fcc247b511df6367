import type { Readable } from 'node:stream';
import { auditActionLabel, auditRolesLabel, t, type AuditEventList, type AuditEventQuery, type Locale } from '@slrt/core';
import type { AuditInput } from '../audit/audit-event.ts';
import { csvStream, type CsvCell } from '../http/csv.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { selectAuditEvents, selectAuditPerson, type AuditEventRow, type AuditSearch } from './queries.ts';

/** The most events one export holds (a period or a person narrows a bigger trail). */
const AUDIT_EXPORT_MAX = 50_000;
const EXPORT_PAGE = 1000;

type Filters = Omit<AuditEventQuery, 'cursor' | 'limit'>;

/**
 * The search's person, when narrowed to one (by NIK or id), and the audit event that records
 * the search. Reading the trail names the people whose records were touched, so it is itself
 * audited; a search for a person is recorded against that person (their access log shows it),
 * and never with the NIK in clear.
 */
async function prepare(deps: Deps, c: RequestContext, f: Filters, action: 'audit.read' | 'audit.export'): Promise<{
  person: { id: string; full_name: string } | null; search: Omit<AuditSearch, 'limit' | 'beforeSeq'>; event: AuditInput; empty: boolean;
}> {
  const details = { recordId: f.recordId ?? null, actor: f.actor ?? null, action: f.action ?? null, from: f.from ?? null, to: f.to ?? null };
  const search = { kabCode: c.actor.kabCode, recordId: f.recordId, actor: f.actor, action: f.action, from: f.from, to: f.to };
  if (!f.nik && !f.personId) return { person: null, search, event: { action, details }, empty: false };
  const person = (await selectAuditPerson(deps.db, c.actor.kabCode, { nik: f.nik, id: f.personId })) ?? null;
  const event: AuditInput = {
    action: action === 'audit.read' ? 'audit.search_person' : 'audit.export',
    recordType: 'person', recordIds: person ? [person.id] : [],
    details: { ...details, by: f.nik ? 'nik' : 'id', found: Boolean(person) },
  };
  return { person, search: { ...search, personId: person?.id }, event, empty: !person };
}

const view = (locale: Locale, r: AuditEventRow) => ({
  id: r.id, seq: r.seq, at: r.at.toISOString(), actorName: r.actor_name, actorRoles: r.actor_roles, action: r.action,
  actionLabel: auditActionLabel(locale, r.action), recordType: r.record_type, recordIds: r.record_ids, purpose: r.purpose, clientAddr: r.client_addr,
});

/** `GET /api/v1/audit/events`: one page of the kabupaten's trail, newest first. */
export async function searchAuditTrail(deps: Deps, c: RequestContext, q: AuditEventQuery): Promise<AuditEventList> {
  const { cursor, limit, ...f } = q;
  const p = await prepare(deps, c, f, 'audit.read');
  const beforeSeq = cursor && /^\d+$/.test(cursor) ? Number(cursor) : undefined;
  const rows = p.empty ? [] : await selectAuditEvents(deps.db, { ...p.search, beforeSeq, limit: limit + 1 });
  const page = rows.slice(0, limit);
  await c.auditRead(p.event);
  return {
    items: page.map((r) => view(c.locale, r)),
    nextCursor: rows.length > limit ? String(page.at(-1)?.seq) : null,
    person: p.person ? { id: p.person.id, fullName: p.person.full_name } : null,
  };
}

/** `GET /api/v1/audit/events.csv`: the same search as a file, labels in the reader's language. */
export async function auditExport(deps: Deps, c: RequestContext, f: Filters): Promise<{ fileName: string; stream: Readable }> {
  const p = await prepare(deps, c, f, 'audit.export');
  await c.auditRead(p.event);
  const L = c.locale;
  const columns = ['seq', 'at', 'actor', 'roles', 'action', 'actionLabel', 'recordType', 'recordIds', 'purpose', 'clientAddr'];
  async function* pages(): AsyncGenerator<CsvCell[][]> {
    if (p.empty) return;
    let beforeSeq: number | undefined;
    let written = 0;
    while (written < AUDIT_EXPORT_MAX) {
      const rows = await selectAuditEvents(deps.db, { ...p.search, beforeSeq, limit: Math.min(EXPORT_PAGE, AUDIT_EXPORT_MAX - written) });
      if (rows.length === 0) return;
      yield rows.map((r) => [r.seq, r.at.toISOString(), r.actor_name, auditRolesLabel(L, r.actor_roles), r.action, auditActionLabel(L, r.action),
        r.record_type, r.record_ids.join(' '), r.purpose, r.client_addr]);
      written += rows.length;
      beforeSeq = rows.at(-1)!.seq;
    }
  }
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `audit-trail-${c.actor.kabCode}-${day}.csv`, stream: csvStream(columns.map((k) => t(L, `audit.csv.${k}`)), pages()) };
}
