import { useEffect, useId, useState } from 'react';
import { PERIOD_PRESETS, presetPeriod, type PeriodPreset } from '@slrt/core';
import { useT } from '../i18n/i18n.tsx';
import './period-picker.css';
import { SelectField, TextField } from './Field.tsx';

interface PickedPeriod {
  preset: PeriodPreset;
  from: string;
  to: string;
}

/** Today in the kabupaten's time zone (Kabupaten Bandung: WIB), as 'YYYY-MM-DD'. */
function todayInWib(now: Date = new Date()): string {
  return now.toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
}

function initialPeriod(today: string = todayInWib()): PickedPeriod {
  return { preset: 'this_month', ...presetPeriod('this_month', today) };
}

export interface PeriodState {
  /** What is on the picker now (possibly a custom period still being typed). */
  picked: PickedPeriod;
  setPicked: (p: PickedPeriod) => void;
  /** The last valid period: what the screen asks the server for. */
  asked: { from: string; to: string };
  /** The message under "to" while the picked period ends before it starts. */
  error: string | undefined;
}

/**
 * The period of a statistics screen: this month by default. A period that ends before it
 * starts is not asked for (the last good one stays on screen; the server would answer 400).
 */
export function usePeriod(): PeriodState {
  const t = useT('common');
  const [picked, setPicked] = useState<PickedPeriod>(() => initialPeriod());
  const [asked, setAsked] = useState<{ from: string; to: string }>(() => ({ from: picked.from, to: picked.to }));
  const error = !picked.from || !picked.to || picked.to < picked.from ? t('period.order') : undefined;
  useEffect(() => {
    if (!error) setAsked((a) => (a.from === picked.from && a.to === picked.to ? a : { from: picked.from, to: picked.to }));
  }, [picked, error]);
  return { picked, setPicked, asked, error };
}

/**
 * The period picker of every statistics screen and report: this month (the default), last
 * month, this quarter, this year, or two dates. The server takes the same `from`/`to`.
 */
export function PeriodPicker({ state }: { state: PeriodState }) {
  const t = useT('common');
  const id = useId();
  const { picked: value, setPicked: onChange, error } = state;
  return (
    <div className="period-picker" data-testid="stats-period">
      <SelectField
        id={`${id}-preset`}
        label={t('period.label')}
        value={value.preset}
        onChange={(e) => {
          const preset = e.target.value as PeriodPreset;
          onChange(preset === 'custom' ? { ...value, preset } : { preset, ...presetPeriod(preset, todayInWib()) });
        }}
      >
        {PERIOD_PRESETS.map((p) => (
          <option key={p} value={p}>
            {t(`period.${p}`)}
          </option>
        ))}
      </SelectField>
      {value.preset === 'custom' && (
        <>
          <TextField id={`${id}-from`} type="date" label={t('period.from')} value={value.from} onChange={(e) => onChange({ ...value, from: e.target.value })} />
          <TextField id={`${id}-to`} type="date" label={t('period.to')} value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} error={error} />
        </>
      )}
    </div>
  );
}
