import { ApiError, errorMessage } from '../api/client.ts';
import { useT } from '../i18n/i18n.tsx';
import { relabel, subjectOf } from './field-label.ts';

interface FormErrorsProps {
  error: unknown;
  /** Fields the form shows next to their control; the others are listed here, so none is lost. */
  placed: readonly string[];
  /** The on-screen label of each field path the form has, so a listed error names it as the screen does. */
  labels?: Readonly<Record<string, string>>;
}

/** The form's error summary: the API's message plus any field message not placed by a field. */
export function FormErrors({ error, placed, labels = {} }: FormErrorsProps) {
  const t = useT('common');
  if (!error) return null;
  // only the API's messages are written for users; anything else (a browser exception) gets the screen's own words
  const message = errorMessage(error);
  const unplaced =
    error instanceof ApiError ? Object.entries(error.fields).filter(([field]) => !placed.includes(field)) : [];
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {unplaced.length > 0 && (
        <>
          <p>{t('error.formSummary')}</p>
          <ul>
            {unplaced.map(([field, text]) => {
              const label = labels[field];
              const worded = label ? relabel(text, field, label) : text;
              // a message that does not name its field (a rule's own sentence) gets the label in front
              return <li key={field}>{label && !worded.includes(subjectOf(label)) ? `${subjectOf(label)}: ${worded}` : worded}</li>;
            })}
          </ul>
        </>
      )}
    </div>
  );
}

/** The API's message for one field, if the error carries one; with `label`, naming the field as the screen does. */
export function fieldError(error: unknown, field: string, label?: string): string | undefined {
  const message = error instanceof ApiError ? error.fields[field] : undefined;
  return message !== undefined && label ? relabel(message, field, label) : message;
}
