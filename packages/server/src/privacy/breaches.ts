import { areaTimeZone, breachNotifyDueAt, t, type Breach, type BreachRecipient, type CreateBreach } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { newId } from '../db/ids.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { drawFields, drawLetterhead, formatDateId, formatDateTimeId, PAGE, renderPdf } from '../letters/pdf.ts';
import * as bq from './breach-queries.ts';
import * as q from './queries.ts';

/**
 * The breach register (UU 27/2022 art. 46): what leaked, when found, what data, how many
 * persons, cause and measures; written notice to the persons affected and the supervisory
 * authority within 3 x 24 hours of finding it (the letters produced here); where an account
 * was misused, the persons affected are everything it read in the period (audit trail).
 */

function toBreach(r: bq.BreachRow, now: Date = new Date()): Breach {
  return {
    id: r.id, title: r.title, description: r.description, foundAt: r.found_at.toISOString(),
    occurredFrom: r.occurred_from?.toISOString() ?? null, occurredTo: r.occurred_to?.toISOString() ?? null,
    dataCategories: r.data_categories, cause: r.cause, measures: r.measures, account: r.account, personsAffected: r.persons_affected,
    notifyDueAt: r.notify_due_at.toISOString(), authorityNotifiedAt: r.authority_notified_at?.toISOString() ?? null,
    personsNotifiedAt: r.persons_notified_at?.toISOString() ?? null,
    overdue: r.notify_due_at.getTime() < now.getTime() && (r.authority_notified_at === null || r.persons_notified_at === null),
  };
}

export async function registerBreach(deps: Deps, ctx: RequestContext, input: CreateBreach): Promise<Breach> {
  const kabCode = ctx.actor.kabCode;
  const account = input.accountUsername ? await bq.selectUserByUsername(deps.db, kabCode, input.accountUsername) : undefined;
  if (input.accountUsername && !account) throw fieldError('accountUsername', 'privacy.account_not_found');
  const id = newId();
  const foundAt = new Date(input.foundAt);
  await deps.db.transaction(async (tx) => {
    await bq.insertBreach(tx, {
      id, kabCode, title: input.title, description: input.description, foundAt,
      occurredFrom: input.occurredFrom ? new Date(input.occurredFrom) : null, occurredTo: input.occurredTo ? new Date(input.occurredTo) : null,
      dataCategories: input.dataCategories, cause: input.cause, measures: input.measures, accountUserId: account?.id ?? null,
      notifyDueAt: breachNotifyDueAt(foundAt), userId: ctx.actor.userId,
    });
    const affected = account && input.occurredFrom && input.occurredTo
      ? await bq.insertAffectedFromAudit(tx, id, kabCode, account.id, new Date(input.occurredFrom), new Date(input.occurredTo))
      : 0;
    await ctx.auditWrite(tx, { action: 'breach.register', recordType: 'breach', recordIds: [id], details: { personsAffected: affected, account: input.accountUsername ?? null } });
  });
  return toBreach((await bq.selectBreach(deps.db, kabCode, id))!);
}

export async function listBreaches(deps: Deps, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const offset = query.cursor === undefined ? 0 : Number(query.cursor);
  if (!Number.isInteger(offset) || offset < 0) throw fieldError('cursor', 'field.invalid');
  const rows = await bq.selectBreaches(deps.db, ctx.actor.kabCode, { limit: query.limit, offset });
  // the register names no resident: what happened, counts, the staff account involved
  ctx.noPersonalData();
  const now = new Date();
  return { items: rows.slice(0, query.limit).map((r) => toBreach(r, now)), nextCursor: rows.length > query.limit ? String(offset + query.limit) : null };
}

async function breachOr404(deps: Deps, ctx: RequestContext, id: string): Promise<bq.BreachRow> {
  const row = await bq.selectBreach(deps.db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  return row;
}

export async function getBreach(deps: Deps, ctx: RequestContext, id: string): Promise<Breach> {
  const breach = toBreach(await breachOr404(deps, ctx, id));
  // one entry of the register: no resident named (the persons affected are a count)
  ctx.noPersonalData();
  return breach;
}

export async function markBreachNotified(deps: Deps, ctx: RequestContext, id: string, recipient: BreachRecipient): Promise<Breach> {
  await breachOr404(deps, ctx, id);
  await deps.db.transaction(async (tx) => {
    await bq.markNotified(tx, id, recipient);
    await ctx.auditWrite(tx, { action: 'breach.notified', recordType: 'breach', recordIds: [id], details: { recipient } });
  });
  return getBreach(deps, ctx, id);
}

/**
 * The notification letters from the register: one to the supervisory authority (what, when,
 * how, data, how many, cause, measures, contact), or one page per affected person. A print of
 * the persons' letters is a processing of their data: audited with their ids.
 */
export async function breachLettersPdf(deps: Deps, ctx: RequestContext, id: string, recipient: BreachRecipient): Promise<{ pdf: Buffer; fileName: string }> {
  const b = await breachOr404(deps, ctx, id);
  const kab = `${b.kab_code.slice(0, 2)}.${b.kab_code.slice(2)}`;
  const kabupatenName = await q.selectAreaName(deps.db, kab);
  const tz = areaTimeZone(kab);
  const persons = recipient === 'persons' ? await bq.selectAffectedPersons(deps.db, id) : [];
  const L = 'id';
  const office = t(L, 'privacy.report.office', { kabupaten: kabupatenName });
  const width = PAGE.width - 2 * PAGE.margin;
  const facts = [
    { label: t(L, 'privacy.breach.what'), value: b.description },
    { label: t(L, 'privacy.breach.found'), value: formatDateTimeId(b.found_at, tz) },
    { label: t(L, 'privacy.breach.period'), value: b.occurred_from && b.occurred_to ? `${formatDateTimeId(b.occurred_from, tz)} - ${formatDateTimeId(b.occurred_to, tz)}` : '-' },
    { label: t(L, 'privacy.breach.data'), value: b.data_categories.join(', ') },
    { label: t(L, 'privacy.breach.persons'), value: String(b.persons_affected) },
    { label: t(L, 'privacy.breach.cause'), value: b.cause },
    { label: t(L, 'privacy.breach.measures'), value: b.measures },
  ];
  const pdf = await renderPdf({ title: `${t(L, 'privacy.breach.letter_title')} ${b.title}` }, (doc) => {
    const page = (to: string[], intro: string, withCount: boolean) => {
      drawLetterhead(doc, { kabupatenName, office });
      doc.font('Helvetica-Bold').fontSize(12).text(t(L, 'privacy.breach.letter_title').toUpperCase(), { width, align: 'center' });
      doc.moveDown();
      doc.font('Helvetica').fontSize(10);
      for (const line of to) doc.text(line);
      doc.moveDown(0.5);
      doc.text(intro, { width, align: 'justify' });
      doc.moveDown(0.5);
      drawFields(doc, withCount ? facts : facts.filter((f) => f.label !== t(L, 'privacy.breach.persons')));
      doc.moveDown();
      doc.text(t(L, 'privacy.breach.closing', { date: formatDateId(new Date(), tz) }), { width, align: 'justify' });
    };
    if (recipient === 'authority') {
      page([t(L, 'privacy.breach.to_authority')], t(L, 'privacy.breach.intro_authority', { title: b.title }), true);
    } else {
      persons.forEach((p, i) => {
        if (i > 0) doc.addPage();
        page([p.full_name, p.village_name], t(L, 'privacy.breach.intro_person', { title: b.title }), false);
      });
      if (persons.length === 0) doc.font('Helvetica').fontSize(10).text(t(L, 'privacy.breach.no_persons'));
    }
  });
  await ctx.auditRead({
    action: 'breach.letters_print', recordType: recipient === 'persons' ? 'person' : 'breach', recordIds: recipient === 'persons' ? persons.map((p) => p.id) : [id],
    purpose: 'privacy.breach', details: { breachId: id, recipient },
  });
  return { pdf, fileName: `pemberitahuan-kebocoran-${recipient}-${b.found_at.toISOString().slice(0, 10)}.pdf` };
}
