import { useState } from 'react';
import type { FormEvent } from 'react';
import { OFFICER_POSITIONS, TRAINING_ORGANIZERS } from '@slrt/core';
import type { OfficerPosition, SessionView, TrainingGap, TrainingView } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { todayText } from './puskesos-api.ts';
import './puskesos.css';


/**
 * `/puskesos/pelatihan/katalog`: the trainings of the kabupaten's catalog (organizer, topic,
 * hours, certificate) with the positions that need each, and the sessions held or planned with
 * their attendance. The kabupaten adds a training, sets which positions need it, plans a
 * session for an area and marks who attended from the officers of that area who lacked it.
 */
export default function TrainingCatalogPage() {
  const t = useT('puskesos');
  const user = useUser();
  const perms = permissionsOf(user);
  const canConfigure = perms.has('puskesos.configure');
  const widest = user.roles.map((r) => r.areaCode).filter((c): c is string => Boolean(c)).sort((a, b) => a.length - b.length)[0] ?? '';
  const catalog = useResource<{ items: TrainingView[] }>('/trainings');
  const sessions = useResource<{ items: SessionView[] }>('/training-sessions');
  const [form, setForm] = useState({ title: '', organizer: 'kabupaten', topic: '', hours: '', certificate: 'yes' });
  const [session, setSession] = useState({ trainingId: '', startsOn: todayText(), place: '', areaCode: widest });
  const { busy, error, run } = useFormAction();
  const sessionAction = useFormAction();
  const requiredAction = useFormAction();
  const sessionError = sessionAction.error;
  const [open, setOpen] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((x) => ({ ...x, [k]: e.target.value }));
  const setS = (k: keyof typeof session) => (e: { target: { value: string } }) => setSession((x) => ({ ...x, [k]: e.target.value }));

  const addTraining = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.post('/trainings', { ...form, hours: form.hours === '' ? undefined : Number(form.hours), certificate: form.certificate === 'yes' });
      setForm({ title: '', organizer: 'kabupaten', topic: '', hours: '', certificate: 'yes' });
      catalog.reload();
    });
  };
  const toggleRequired = async (training: TrainingView, position: OfficerPosition, required: boolean) => {
    if (!catalog.data) return;
    const trainingIds = catalog.data.items
      .filter((x) => (x.id === training.id ? required : x.requiredFor.includes(position)))
      .map((x) => x.id);
    await requiredAction.run(async () => {
      await api.put('/trainings/competencies', { positions: [{ position, trainingIds }] });
      catalog.reload();
    });
  };
  const addSession = async (e: FormEvent) => {
    e.preventDefault();
    await sessionAction.run(async () => {
      await api.post(`/trainings/${session.trainingId}/sessions`, { startsOn: session.startsOn, place: session.place, areaCode: session.areaCode });
      setSession((x) => ({ ...x, place: '' }));
      sessions.reload();
    });
  };

  return (
    <section className="training-catalog">
      <h1>{t('catalog.title')}</h1>
      <p className="lead">{t('catalog.intro')}</p>
      <p><Link to="/puskesos/pelatihan">{t('catalog.gaps')}</Link></p>
      {(catalog.error ?? sessions.error) && <div className="alert alert--error" role="alert"><p>{catalog.error ?? sessions.error}</p></div>}
      {requiredAction.message && <div className="alert alert--error" role="alert"><p>{requiredAction.message}</p></div>}
      <h2>{t('catalog.trainings')}</h2>
      {catalog.data && catalog.data.items.length === 0 && <p>{t('catalog.none')}</p>}
      {catalog.data && catalog.data.items.length > 0 && (
        <ul className="cards" data-testid="training-list">
          {catalog.data.items.map((c) => (
            <li key={c.id} className="card" data-training={c.id}>
              <p><strong>{c.title}</strong></p>
              <p>{t(`organizer.${c.organizer}`)} · {c.topic} · {t('catalog.hours', { n: c.hours })}{c.certificate ? ` · ${t('catalog.certificate')}` : ''}</p>
              {canConfigure ? (
                <fieldset className="puskesos-positions">
                  <legend>{t('catalog.requiredFor')}</legend>
                  {OFFICER_POSITIONS.map((p) => (
                    <label key={p} className="puskesos-check" htmlFor={`req-${c.id}-${p}`}>
                      <input id={`req-${c.id}-${p}`} type="checkbox" checked={c.requiredFor.includes(p)} disabled={requiredAction.busy} onChange={(e) => void toggleRequired(c, p, e.target.checked)} />
                      {t(`position.${p}`)}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <p className="card__meta">{t('catalog.requiredFor')}: {c.requiredFor.length ? c.requiredFor.map((p) => t(`position.${p}`)).join(', ') : t('value.none')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {canConfigure && (
        <>
          <h3>{t('catalog.add')}</h3>
          <FormErrors error={error} placed={['title', 'organizer', 'topic', 'hours', 'certificate']} />
          <form onSubmit={(e) => void addTraining(e)} noValidate>
            <TextField id="training-title" label={t('catalog.name')} value={form.title} onChange={set('title')} error={fieldError(error, 'title')} />
            <SelectField id="training-organizer" label={t('catalog.organizer')} value={form.organizer} onChange={set('organizer')} error={fieldError(error, 'organizer')}>
              {TRAINING_ORGANIZERS.map((o) => <option key={o} value={o}>{t(`organizer.${o}`)}</option>)}
            </SelectField>
            <TextField id="training-topic" label={t('catalog.topic')} value={form.topic} onChange={set('topic')} error={fieldError(error, 'topic')} />
            <TextField id="training-hours" label={t('catalog.hoursLabel')} type="number" inputMode="numeric" min={1} value={form.hours} onChange={set('hours')} error={fieldError(error, 'hours')} />
            <SelectField id="training-certificate" label={t('catalog.certificate')} value={form.certificate} onChange={set('certificate')}>
              <option value="yes">{t('value.yes')}</option>
              <option value="no">{t('value.no')}</option>
            </SelectField>
            <button type="submit" className="button button--primary" disabled={busy}>{t('catalog.save')}</button>
          </form>
        </>
      )}
      <h2>{t('sessions.title')}</h2>
      {sessions.data && sessions.data.items.length === 0 && <p>{t('sessions.none')}</p>}
      {sessions.data && sessions.data.items.length > 0 && (
        <ul className="cards" data-testid="session-list">
          {sessions.data.items.map((s) => (
            <li key={s.id} className="card" data-session={s.id}>
              <p><strong>{s.trainingTitle}</strong></p>
              <p>{s.startsOn} · {s.place} · {s.areaCode}</p>
              <p className="card__meta" data-testid="session-attendees">{t('sessions.attendees', { n: s.attendees })}</p>
              {canConfigure && perms.has('puskesos.staff') && (open === s.id
                ? <Attendance session={s} onDone={() => { setOpen(null); sessions.reload(); }} />
                : <button type="button" className="button button--small" onClick={() => setOpen(s.id)}>{t('sessions.mark')}</button>)}
            </li>
          ))}
        </ul>
      )}
      {canConfigure && catalog.data && (
        <>
          <h3>{t('sessions.add')}</h3>
          <FormErrors error={sessionError} placed={['startsOn', 'place', 'areaCode']} />
          <form onSubmit={(e) => void addSession(e)} noValidate>
            <SelectField id="session-training" label={t('sessions.training')} value={session.trainingId} onChange={setS('trainingId')}>
              <option value="">{t('sessions.pickTraining')}</option>
              {catalog.data.items.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
            </SelectField>
            <TextField id="session-date" label={t('sessions.date')} type="date" value={session.startsOn} onChange={setS('startsOn')} error={fieldError(sessionError, 'startsOn')} />
            <TextField id="session-place" label={t('sessions.place')} value={session.place} onChange={setS('place')} error={fieldError(sessionError, 'place')} />
            <TextField id="session-area" label={t('sessions.area')} hint={t('sessions.areaHint')} value={session.areaCode} onChange={setS('areaCode')} error={fieldError(sessionError, 'areaCode')} />
            <button type="submit" className="button button--primary" disabled={sessionAction.busy || !session.trainingId}>{t('sessions.save')}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** Marks who attended a session: the officers of its area who lacked the training (the invitation list), added to those already marked. */
function Attendance({ session, onDone }: { session: SessionView; onDone: () => void }) {
  const t = useT('puskesos');
  const invited = useResource<{ items: TrainingGap[] }>(`/trainings/${session.trainingId}/invitations`, { area: session.areaCode, format: 'json' });
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const { busy, error, run } = useFormAction();
  const save = () =>
    run(async () => {
      await api.put(`/training-sessions/${session.id}/attendance`, { officerIds: [...new Set([...session.attendeeIds, ...checked])] });
      onDone();
    });
  return (
    <div data-testid="attendance">
      <FormErrors error={error} placed={[]} />
      {invited.error && <div className="alert alert--error" role="alert"><p>{invited.error}</p></div>}
      {invited.data && invited.data.items.length === 0 && <p>{t('sessions.nobodyLacks')}</p>}
      {invited.data?.items.map((o) => (
        <label key={o.officerId} className="puskesos-check" htmlFor={`att-${session.id}-${o.officerId}`}>
          <input
            id={`att-${session.id}-${o.officerId}`} type="checkbox" checked={checked.has(o.officerId)}
            onChange={(e) => setChecked((s) => { const n = new Set(s); if (e.target.checked) n.add(o.officerId); else n.delete(o.officerId); return n; })}
          />
          {o.name} ({t(`position.${o.position}`)}, {o.villageName})
        </label>
      ))}
      <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void save()}>{t('sessions.saveAttendance')}</button>
    </div>
  );
}
