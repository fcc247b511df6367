import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { PuskesosGrade } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import './puskesos.css';

interface Row { code: string; name: string; rank: string; criteria: string }

const rowOf = (g: PuskesosGrade): Row => ({ code: g.code, name: g.name, rank: String(g.rank), criteria: g.criteria.join('\n') });

/**
 * `/puskesos/peringkat`: the kabupaten's own grading of its Puskesos (for example pratama, madya,
 * utama) and the criteria of each, one per line, as data (`PUT /puskesos/grades`, replacing the
 * list). A grade some Puskesos holds cannot be removed: the server names it.
 */
export default function GradesPage() {
  const t = useT('puskesos');
  const grades = useResource<{ items: PuskesosGrade[] }>('/puskesos/grades');
  const [rows, setRows] = useState<Row[] | null>(null);
  const { busy, error, run } = useFormAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (grades.data) setRows(grades.data.items.map(rowOf));
  }, [grades.data]);

  const set = (i: number, k: keyof Row) => (e: { target: { value: string } }) => {
    setSaved(false);
    setRows((rs) => rs && rs.map((r, j) => (j === i ? { ...r, [k]: e.target.value } : r)));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rows) return;
    setSaved(false);
    await run(async () => {
      await api.put('/puskesos/grades', {
        grades: rows.map((r) => ({ code: r.code.trim(), name: r.name, rank: Number(r.rank), criteria: r.criteria.split('\n').map((c) => c.trim()).filter(Boolean) })),
      });
      setSaved(true);
      grades.reload();
    });
  };

  return (
    <section className="puskesos-grades puskesos-edit">
      <h1>{t('grades.title')}</h1>
      <p className="lead">{t('grades.intro')}</p>
      {grades.error && <div className="alert alert--error" role="alert"><p>{grades.error}</p></div>}
      {rows && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <FormErrors error={error} placed={[]} />
          {saved && <p className="alert alert--info" role="status">{t('grades.saved')}</p>}
          {rows.map((r, i) => (
            <fieldset key={i} className="edit-facility" data-grade={r.code}>
              <legend>{r.name || t('grades.new')}</legend>
              <TextField id={`grade-${i}-code`} label={t('grades.code')} hint={t('grades.codeHint')} value={r.code} onChange={set(i, 'code')} />
              <TextField id={`grade-${i}-name`} label={t('grades.name')} value={r.name} onChange={set(i, 'name')} />
              <TextField id={`grade-${i}-rank`} label={t('grades.rank')} type="number" inputMode="numeric" min={1} max={20} value={r.rank} onChange={set(i, 'rank')} />
              <TextAreaField id={`grade-${i}-criteria`} label={t('grades.criteria')} hint={t('grades.criteriaHint')} value={r.criteria} onChange={set(i, 'criteria')} />
              <button type="button" className="button button--small" onClick={() => setRows((rs) => rs && rs.filter((_, j) => j !== i))}>{t('grades.remove')}</button>
            </fieldset>
          ))}
          <p>
            <button type="button" className="button" onClick={() => setRows((rs) => [...(rs ?? []), { code: '', name: '', rank: String((rs?.length ?? 0) + 1), criteria: '' }])}>{t('grades.add')}</button>
          </p>
          <button type="submit" className="button button--primary" disabled={busy}>{t('grades.save')}</button>
        </form>
      )}
    </section>
  );
}
