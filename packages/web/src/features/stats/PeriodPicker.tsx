import { useId } from 'react';
import { PERIOD_PRESETS, presetPeriod, type PeriodPreset } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';

export interface PickedPeriod {
  preset: PeriodPreset;
  from: string;
  to: string;
}

/** Today in the kabupaten's time zone (Kabupaten Bandung: WIB), as 'YYYY-MM-DD'. */
export function todayInWib(now: Date = new Date()): string {
  return now.toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
}

export function initialPeriod(today: string = todayInWib()): PickedPeriod {
  return { preset: 'this_month', ...presetPeriod('this_month', today) };
}

/**
 * The dashboard's period: this month (the default), last month, this quarter, this year, or
 * two dates. Cases, referrals and proposals of the period are counted; the server refuses a
 * period that ends before it starts (shown under "to").
 */
export function PeriodPicker({ value, onChange, error }: { value: PickedPeriod; onChange: (p: PickedPeriod) => void; error?: string | undefined }) {
  const t = useT('stats');
  const id = useId();
  return (
    <div className="dash-period" data-testid="stats-period">
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
