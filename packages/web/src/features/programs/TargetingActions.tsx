import { useState } from 'react';
import { LIST_OF_ACTION, TARGETING_ACTIONS, type TargetingAction, type TargetingActionResult, type TargetingActionRow, type TargetingKind } from '@slrt/core';
import { api, errorMessage } from '../../api/client.ts';
import { permissionsOf } from '../../api/user.ts';
import { useUser } from '../../api/session.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** Rows sent per request: each is one transaction; the bar moves between them. */
const CHUNK = 25;

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The bulk action bar of a targeting list: the selected households become referrals or proposals
 * (`POST /programs/:code/targeting/actions`), in requests of 25 households, each with its own
 * Idempotency-Key (a resend after a lost answer is applied once). Each row's outcome is listed.
 */
export function TargetingActions({ code, kind, selected, onDone }: { code: string; kind: TargetingKind; selected: readonly string[]; onDone: () => void }) {
  const t = useT('programs');
  const perms = permissionsOf(useUser());
  const allowed = TARGETING_ACTIONS.filter((a) => LIST_OF_ACTION[a] === kind && (a === 'referral' ? perms.has('cases.create') && perms.has('referrals.create') : perms.has('proposals.create')));
  const [action, setAction] = useState<TargetingAction | ''>('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [rows, setRows] = useState<TargetingActionRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const chosen = action && allowed.includes(action) ? action : allowed[0];
  if (!chosen) return null;

  async function run(what: TargetingAction) {
    setError(null);
    setRows([]);
    const ids = [...selected];
    setProgress({ done: 0, total: ids.length });
    const out: TargetingActionRow[] = [];
    try {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        const r = await api.post<TargetingActionResult>(`/programs/${encodeURIComponent(code)}/targeting/actions`, { action: what, householdIds: part }, newKey());
        out.push(...r.items);
        setRows([...out]);
        setProgress({ done: Math.min(ids.length, i + part.length), total: ids.length });
      }
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  }

  const created = rows.filter((r) => r.outcome === 'created').length;
  return (
    <div className="targeting-actions" data-testid="targeting-actions">
      <div className="actions">
        <label htmlFor="targeting-action">{t('targeting.action')}</label>
        <select id="targeting-action" value={chosen} onChange={(e) => setAction(e.target.value as TargetingAction)}>
          {allowed.map((a) => <option key={a} value={a}>{t(`targeting.action.${a}`)}</option>)}
        </select>
        <button type="button" className="button button--primary" disabled={selected.length === 0 || progress !== null} onClick={() => void run(chosen)}>
          {t('targeting.run', { n: selected.length })}
        </button>
      </div>
      {progress && (
        <p role="status">
          <progress max={progress.total} value={progress.done} aria-label={t('targeting.progress')} /> {t('targeting.progressText', { done: progress.done, total: progress.total })}
        </p>
      )}
      {error && <p className="alert alert--error" role="alert">{error}</p>}
      {rows.length > 0 && (
        <>
          <p role="status" data-testid="targeting-outcome">{t('targeting.outcome', { created, skipped: rows.length - created })}</p>
          <ul className="program-result__reasons" data-testid="targeting-results">
            {rows.map((r, i) => <li key={`${r.householdId}-${i}`} data-outcome={r.outcome} data-household={r.householdId}>{r.message}</li>)}
          </ul>
        </>
      )}
    </div>
  );
}
