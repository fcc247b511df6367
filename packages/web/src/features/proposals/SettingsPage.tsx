import { useEffect, useState } from 'react';
import { INDONESIAN_TIME_ZONES, type ProposalSettingsView } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useDateText, usePeriodText } from './labels.ts';
import { proposalApi } from './proposal-api.ts';
import './proposals.css';

/** `/usulan/pengaturan`: the kabupaten's round rules (cut-off day, time zone, four eyes). */
export default function SettingsPage() {
  const t = useT('proposals');
  const date = useDateText();
  const period = usePeriodText();
  const settings = useResource<ProposalSettingsView>('/proposal-settings');
  const [cutOffDay, setCutOffDay] = useState('17');
  const [timeZone, setTimeZone] = useState<string>('Asia/Jakarta');
  const [separate, setSeparate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const s = settings.data;
  useEffect(() => {
    if (!s) return;
    setCutOffDay(String(s.cutOffDay));
    setTimeZone(s.timeZone);
    setSeparate(s.separateRatifier);
  }, [s]);
  if (!s) return settings.error ? <p className="alert alert--error">{settings.error}</p> : <p role="status">{t('app.loading')}</p>;
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <p className="lead">{t('settings.current', { period: period(s.currentPeriod), date: date(s.currentCutOffDate) })}</p>
      {saved && <Notice>{t('settings.saved')}</Notice>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          setSaved(false);
          proposalApi
            .saveSettings({ cutOffDay: Number(cutOffDay), timeZone: timeZone as ProposalSettingsView['timeZone'], separateRatifier: separate })
            .then(() => {
              setSaved(true);
              settings.reload();
            }, setError)
            .finally(() => setBusy(false));
        }}
      >
        <FormErrors error={error} placed={['cutOffDay']} />
        <TextField id="cut-off-day" label={t('settings.cutOffDay')} hint={t('settings.cutOffHint')} type="number" min={1} max={31} value={cutOffDay} onChange={(e) => setCutOffDay(e.target.value)} error={fieldError(error, 'cutOffDay')} />
        <SelectField id="time-zone" label={t('settings.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
          {INDONESIAN_TIME_ZONES.map((z) => (
            <option key={z} value={z}>
              {t(`settings.zone.${z}`)}
            </option>
          ))}
        </SelectField>
        <label className="field">
          <input type="checkbox" checked={separate} onChange={(e) => setSeparate(e.target.checked)} /> {t('settings.separateRatifier')}
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('settings.save')}
        </button>
      </form>
    </section>
  );
}
