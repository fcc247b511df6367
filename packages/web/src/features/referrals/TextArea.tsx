import type { TextareaHTMLAttributes } from 'react';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { id: string; label: string; hint?: string; error?: string };

/** A labelled multi-line field with its hint and error, like the shared text fields. */
export function TextAreaField({ id, label, hint, error, ...area }: Props) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="field-error" data-field-error={id}>{error}</p>}
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} rows={3} {...area} />
    </div>
  );
}
