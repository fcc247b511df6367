import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/i18n.tsx';

interface FormErrorsProps {
  error: unknown;
  /** Fields the form shows next to their control; the others are listed here, so none is lost. */
  placed: readonly string[];
}

/** The form's error summary: the API's message plus any field message not placed by a field. */
export function FormErrors({ error, placed }: FormErrorsProps) {
  const t = useT('common');
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const unplaced =
    error instanceof ApiError ? Object.entries(error.fields).filter(([field]) => !placed.includes(field)) : [];
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {unplaced.length > 0 && (
        <>
          <p>{t('error.formSummary')}</p>
          <ul>
            {unplaced.map(([field, text]) => (
              <li key={field}>{text}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The API's message for one field, if the error carries one. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fields[field] : undefined;
}
