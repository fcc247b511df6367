import { useState } from 'react';
import { describeCriterion, EligibilityRule, type ProgramDetail, type RulePreview } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import './programs.css';

/**
 * `/program/:code`: a program's rule versions; the kabupaten writes a new version (the rule as
 * data), sees how many households it would select beside the version in force, then saves it
 * to take effect on a date. Old versions stay.
 */
export default function ProgramPage() {
  const t = useT('programs');
  const { locale } = useLocale();
  const { code = '' } = useParams();
  const user = useUser();
  const mayManage = permissionsOf(user).has('programs.manage');
  const program = useResource<ProgramDetail>(`/programs/${encodeURIComponent(code)}`);
  const [ruleText, setRuleText] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const { busy, error, run } = useFormAction();
  const [problem, setProblem] = useState<string | null>(null);

  if (program.error) return <p className="alert alert--error" role="alert">{program.error}</p>;
  if (!program.data) return <p role="status">{t('screening.loading')}</p>;
  const p = program.data;
  const text = ruleText ?? JSON.stringify(p.ruleInForce?.rule ?? { criteria: [{ kind: 'maxDesil', max: 5 }] }, null, 2);

  function parsed() {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      setProblem(t('rule.notJson'));
      return null;
    }
    const rule = EligibilityRule.safeParse(json);
    if (!rule.success) {
      setProblem(t('rule.invalid', { detail: rule.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      return null;
    }
    setProblem(null);
    return rule.data;
  }

  async function send(kind: 'preview' | 'save') {
    const rule = parsed();
    if (!rule) return;
    await run(async () => {
      if (kind === 'preview') setPreview(await api.post<RulePreview>(`/programs/${code}/rule-preview`, { rule }));
      else {
        await api.post(`/programs/${code}/rule-versions`, { rule, effectiveFrom: from, ...(note.trim() ? { note: note.trim() } : {}) });
        setRuleText(null);
        setPreview(null);
        program.reload();
      }
    });
  }

  return (
    <section>
      <h1>{p.name}</h1>
      <p className="lead">{p.ownerName} · {p.benefit.description}</p>
      <p><Link to={`/program/${p.code}/sasaran`}>{t('catalog.targeting')}</Link></p>
      <h2>{t('rule.versions')}</h2>
      <ol className="cards" data-testid="rule-versions">
        {p.versions.map((v) => (
          <li key={v.id} className="card" data-version={v.version} data-in-force={p.ruleInForce?.id === v.id}>
            <strong>{t('rule.version', { n: v.version })}</strong> · {t('rule.period', { from: v.effectiveFrom, to: v.effectiveTo ?? '…' })}
            {p.ruleInForce?.id === v.id && <> <span className="badge badge--eligible">{t('rule.inForce')}</span></>}
            <ul className="program-result__reasons">
              {v.rule.criteria.map((c, i) => <li key={i}>{describeCriterion(c, locale)}</li>)}
            </ul>
            {v.note && <p className="hint">{v.note}</p>}
          </li>
        ))}
      </ol>
      {mayManage && (
        <form onSubmit={(e) => { e.preventDefault(); void send('save'); }}>
          <fieldset>
            <legend>{t('rule.new')}</legend>
            <FormErrors error={error} placed={['effectiveFrom']} />
            {problem && <p className="alert alert--error" role="alert">{problem}</p>}
            <TextAreaField id="rule-json" label={t('rule.json')} hint={t('rule.jsonHint')} value={text} rows={12} onChange={(e) => { setRuleText(e.target.value); setPreview(null); }} />
            <button type="button" className="button" disabled={busy} onClick={() => void send('preview')}>{t('rule.preview')}</button>
            {preview && (
              <p className="alert alert--info" data-testid="rule-preview" role="status">
                {t('rule.previewResult', { households: preview.households, eligible: preview.eligible, unknown: preview.unknown, current: preview.current?.eligible ?? 0 })}
              </p>
            )}
            <TextField id="rule-from" type="date" label={t('rule.from')} value={from} onChange={(e) => setFrom(e.target.value)} error={fieldError(error, 'effectiveFrom')} />
            <TextField id="rule-note" label={t('rule.note')} value={note} onChange={(e) => setNote(e.target.value)} />
            <button type="submit" className="button button--primary" disabled={busy || !preview || !from}>{t('rule.save')}</button>
          </fieldset>
        </form>
      )}
    </section>
  );
}
