import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ROLES, type AuditEventList, type AuditEventView, type Locale, type Role } from '@slrt/core';
import { api, apiFetch, errorMessage, type Query } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { useLocale, useT, type Translate } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { saveDownload } from '../../ui/download.ts';
import { useFormAction } from '../../ui/use-form-action.ts';
import { formatDateTime } from '../registry/format.ts';
import './audit.css';

/** The action filter: groups of action codes (a prefix each), shown by their labels. */
const ACTION_GROUPS = [
  'person', 'household', 'case', 'referral', 'proposal', 'document', 'letter', 'registry', 'auth', 'user', 'token',
  'data_request', 'break_glass', 'breach', 'retention', 'audit',
] as const;

interface Filters { nik: string; actor: string; action: string; from: string; to: string }
const EMPTY: Filters = { nik: '', actor: '', action: '', from: '', to: '' };

const toQuery = (f: Filters): Query => ({
  nik: f.nik.trim() || undefined, actor: f.actor.trim() || undefined, action: f.action ? `${f.action}.` : undefined,
  from: f.from || undefined, to: f.to || undefined,
});

/**
 * `/audit/jejak`: the auditor searches the audit trail by resident (NIK), user, action and
 * period, reads the result with labels in their language, and downloads it as CSV. A search
 * by NIK is itself recorded against that resident (the server does it).
 */
export default function TrailPage() {
  const t = useT('audit');
  const { locale } = useLocale();
  const [form, setForm] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [list, setList] = useState<AuditEventList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const exporting = useFormAction();

  const load = useCallback(async (f: Filters, cursor: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<AuditEventList>('/audit/events', { ...toQuery(f), cursor, limit: 50 });
      setList((old) => (cursor && old ? { ...page, items: [...old.items, ...page.items] } : page));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(EMPTY, null), [load]);

  const nikDigits = form.nik.replace(/\D/g, '').length;
  const nikProblem = form.nik.trim() !== '' && !/^\d{16}$/.test(form.nik.trim()) ? t('search.nikIncomplete', { n: nikDigits }) : undefined;

  const search = (e: FormEvent) => {
    e.preventDefault();
    if (nikProblem) return;
    setApplied(form);
    void load(form, null);
  };

  const exportCsv = () => {
    setError(null);
    return exporting.run(async () => saveDownload(await apiFetch('GET', '/audit/events.csv', { query: toQuery(applied) }), 'audit-trail.csv'));
  };

  return (
    <section className="audit">
      <h1>{t('trail.title')}</h1>
      <p className="lead">{t('trail.intro')} <Link to="/audit/rantai">{t('nav.chain')}</Link></p>
      <form className="audit__panel" onSubmit={search} data-testid="trail-search">
        <div className="audit__filters">
          <TextField id="audit-nik" label={t('search.nik')} inputMode="numeric" maxLength={20} value={form.nik}
            hint={`${t('search.nik.hint')} ${t('search.nik.count', { n: nikDigits })}`} error={nikProblem}
            onChange={(e) => setForm({ ...form, nik: e.target.value })} />
          <TextField id="audit-actor" label={t('search.actor')} hint={t('search.actor.hint')} value={form.actor} maxLength={64}
            onChange={(e) => setForm({ ...form, actor: e.target.value })} />
          <SelectField id="audit-action" label={t('search.action')} value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
            <option value="">{t('search.action.any')}</option>
            {ACTION_GROUPS.map((g) => <option key={g} value={g}>{t(`group.${g}`)}</option>)}
          </SelectField>
          <TextField id="audit-from" type="date" label={t('search.from')} value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          <TextField id="audit-to" type="date" label={t('search.to')} value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </div>
        <div className="audit__actions">
          <button type="submit" className="button button--primary" disabled={Boolean(nikProblem)}>{t('search.submit')}</button>
          <button type="button" className="button" onClick={() => setForm(EMPTY)}>{t('search.reset')}</button>
          <button type="button" className="button" onClick={() => void exportCsv()} disabled={exporting.busy} data-testid="trail-export">
            {exporting.busy ? t('search.exporting') : t('search.export')}
          </button>
        </div>
      </form>
      {(error ?? exporting.message) && <p role="alert" className="audit__bad">{error ?? exporting.message}</p>}
      <h2>{list?.person ? t('results.person', { name: list.person.fullName }) : t('results.title')}</h2>
      {applied.nik && list && !list.person && !loading && <p>{t('results.noPerson')}</p>}
      {list && list.items.length === 0 && !loading && <p>{t('results.empty')}</p>}
      {list && list.items.length > 0 && <Results items={list.items} t={t} locale={locale} />}
      {loading && <p role="status">{t('app.loading')}</p>}
      {list?.nextCursor && !loading && (
        <button type="button" className="button" onClick={() => void load(applied, list.nextCursor)}>{t('action.loadMore')}</button>
      )}
    </section>
  );
}

function rolesText(t: Translate<'audit'>, roles: string | null): string {
  if (!roles) return '';
  return roles.split(',').map((r) => ((ROLES as readonly string[]).includes(r) ? t(`role.${r as Role}`) : r)).join(', ');
}

function Results({ items, t, locale }: { items: AuditEventView[]; t: Translate<'audit'>; locale: Locale }) {
  return (
    <div className="audit__table-wrap">
      <table className="audit__table" data-testid="trail-results">
        <thead>
          <tr>
            <th>{t('col.at')}</th>
            <th>{t('col.actor')}</th>
            <th>{t('col.roles')}</th>
            <th>{t('col.action')}</th>
            <th>{t('col.record')}</th>
            <th>{t('col.purpose')}</th>
            <th>{t('col.addr')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td data-label={t('col.at')}>{formatDateTime(e.at, locale)}</td>
              <td data-label={t('col.actor')}>{e.actorName ?? ''}</td>
              <td data-label={t('col.roles')}>{rolesText(t, e.actorRoles)}</td>
              <td data-label={t('col.action')} title={e.action}>{e.actionLabel}</td>
              <td data-label={t('col.record')}>
                {e.recordType ?? ''}
                {e.recordIds.length > 0 && <span className="audit__muted"> {e.recordIds.map((id) => id.slice(0, 8)).join(', ')}</span>}
              </td>
              <td data-label={t('col.purpose')}>{e.purpose ?? ''}</td>
              <td data-label={t('col.addr')}>{e.clientAddr ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
