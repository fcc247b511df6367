import { useState } from 'react';
import type { InputHTMLAttributes } from 'react';
import { useT } from '../i18n/i18n.tsx';
import './digits-field.css';
import { FieldFrame } from './Field.tsx';

type DigitsFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> & {
  id: string;
  label: string;
  value: string;
  onChange: (digits: string) => void;
  /** How many digits the number has (16 for a NIK); the counter shows progress towards it. */
  length: number;
  /** Up to `length` digits are accepted, fewer allowed (an RT of 1-3 digits): no counter then. */
  upTo?: boolean;
  hint?: string;
  error?: string;
};

/**
 * A number typed as text (NIK, KK, RT): keeps only digits, and says so when it leaves out
 * letters or extra digits instead of dropping them silently; counts the digits against the
 * length the number needs.
 */
export function DigitsField({ id, label, value, onChange, length, upTo = false, hint, error, ...input }: DigitsFieldProps) {
  const t = useT('common');
  const [dropped, setDropped] = useState<'other' | 'extra' | null>(null);
  const counterId = `${id}-count`;
  const noteId = `${id}-note`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} describedAlso={[upTo ? null : counterId, dropped ? noteId : null]}>
      {(describedBy) => (
        <>
          <input
            id={id}
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            value={value}
            onChange={(e) => {
              const digits = e.target.value.replace(/\D/g, '');
              setDropped(digits.length !== e.target.value.length ? 'other' : digits.length > length ? 'extra' : null);
              onChange(digits.slice(0, length));
            }}
            {...input}
          />
          {!upTo && (
            <p id={counterId} className="hint digits__count" data-complete={value.length === length || undefined}>
              {t('digits.count', { n: value.length, total: length })}
            </p>
          )}
          {dropped && (
            <p id={noteId} className="digits__note" role="status">
              {dropped === 'other' ? t('digits.dropped') : t('digits.tooMany', { total: length })}
            </p>
          )}
        </>
      )}
    </FieldFrame>
  );
}
