import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { codeList, codeLabel, proposalFieldKind, type ProposalDetail } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useParams } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { useFieldLabel } from './labels.ts';

/** The proposal of the page's `:id`, shown by `children` once loaded (the error or "loading" until then). */
export function WithProposal({ children }: { children: (p: ProposalDetail, reload: () => void) => ReactNode }) {
  const t = useT('proposals');
  const { id = '' } = useParams();
  const proposal = useResource<ProposalDetail>(`/proposals/${id}`);
  const p = proposal.data;
  if (proposal.error && !p) return <p className="alert alert--error" role="alert">{proposal.error}</p>;
  if (!p) return <p role="status">{t('app.loading')}</p>;
  return children(p, proposal.reload);
}

/** The badge colour of a proposal status: approved or accepted, refused or withdrawn, waiting on a reviewer, or under way. */
function statusTone(status: string): 'done' | 'closed' | 'attention' | 'open' {
  if (status === 'approved' || status === 'accepted') return 'done';
  if (status === 'invalid' || status === 'rejected' || status === 'rejected_national' || status === 'cancelled') return 'closed';
  return status === 'needs_review' ? 'attention' : 'open';
}

/** A proposal's status as a tag (colour by status, text by the UI language). */
export function StatusTag({ status }: { status: string }) {
  const t = useT('proposals');
  return (
    <span className={`status status--${statusTone(status)}`} data-status={status}>
      {t(`status.${status}` as never)}
    </span>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { id: string; label: string; hint?: string; error?: string };

export function TextArea({ id, label, hint, error, ...rest }: TextAreaProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint">{hint}</p>}
      {error && (
        <p className="field-error" data-field-error={id}>
          {error}
        </p>
      )}
      <textarea id={id} className="p-field-textarea" aria-invalid={error ? true : undefined} {...rest} />
    </div>
  );
}

/** True when the field can be entered with one control (codes, sets, yes/no, numbers, dates, text). */
export function isSimpleField(field: string): boolean {
  return proposalFieldKind(field).kind !== 'complex';
}

/**
 * The control for one proposal field, by its kind: a select of the code list's labels, check
 * boxes for a set, yes/no, a number, a date, or text. `value` undefined means "not given".
 */
export function FieldInput({ id, field, value, onChange, error, label }: {
  id: string;
  field: string;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string | undefined;
  label?: string;
}) {
  const t = useT('proposals');
  const { locale } = useLocale();
  const fieldLabel = useFieldLabel();
  const kind = proposalFieldKind(field);
  const text = label ?? fieldLabel(field);
  switch (kind.kind) {
    case 'code':
      return (
        <SelectField id={id} label={text} error={error} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{t('form.choose')}</option>
          {codeList(kind.list).map((c) => (
            <option key={c.code} value={c.code}>
              {codeLabel(kind.list, c.code, locale)}
            </option>
          ))}
        </SelectField>
      );
    case 'codes': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className={error ? 'field field--error' : 'field'} id={id}>
          <legend>{text}</legend>
          {error && <p className="field-error">{error}</p>}
          <div className="p-checks">
            {codeList(kind.list).map((c) => (
              <label key={c.code}>
                <input
                  type="checkbox"
                  checked={chosen.includes(c.code)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...chosen, c.code] : chosen.filter((x) => x !== c.code);
                    const order = codeList(kind.list).map((x) => x.code);
                    onChange(next.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
                  }}
                />
                {codeLabel(kind.list, c.code, locale)}
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case 'bool':
      return (
        <SelectField id={id} label={text} error={error} value={value === true ? 'yes' : value === false ? 'no' : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}>
          <option value="">{t('form.choose')}</option>
          <option value="yes">{t('value.yes')}</option>
          <option value="no">{t('value.no')}</option>
        </SelectField>
      );
    case 'number':
      return (
        <TextField id={id} label={text} error={error} type="number" inputMode="decimal" min={0} step="any" value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />
      );
    case 'date':
      return <TextField id={id} label={text} error={error} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
    case 'text':
      return (
        <TextField id={id} label={text} error={error} value={typeof value === 'string' ? value : ''} inputMode={['nik', 'kk', 'rt', 'rw'].includes(field) ? 'numeric' : undefined}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      );
    case 'complex':
      return null;
  }
}
