import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import type { IntakeDraft } from './intake-draft.ts';
import { ProposeMoveForm } from './ProposeMoveForm.tsx';

type Elsewhere = { nik: string; villageCode: string; villageName: string };

/**
 * A NIK search that found a resident of another village of the kabupaten (issue 12): the
 * village's name only, and what the officer can do. Record the complaint here anyway (the case
 * is held by this Puskesos), record it for the Puskesos of the resident's village, ask that
 * village to transfer the resident's open case here, or propose the resident's move (pindah) here.
 */
export function ElsewherePanel({ elsewhere, onChange }: { elsewhere: Elsewhere; onChange: (resident: IntakeDraft['resident']) => void }) {
  const t = useT('intake');
  const [asking, setAsking] = useState(false);
  const [moving, setMoving] = useState(false);
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const { busy, message, run } = useFormAction();
  const choose = (where: 'here' | 'there') => onChange({
    mode: 'elsewhere',
    person: { ...elsewhere, where, fullName: t('resident.elsewhereName', { village: elsewhere.villageName }) },
  });

  async function ask() {
    setAsked(null);
    await run(async () => {
      const r = await api.post<{ villageName: string; requested: number }>('/cases/transfer-requests', { nik: elsewhere.nik, reason: reason.trim() });
      setAsked(t('resident.transferAsked', { village: r.villageName, count: r.requested }));
      setAsking(false);
    });
  }

  return (
    <div className="alert alert--info" data-testid="resident-elsewhere">
      <p>{t('resident.elsewhere', { village: elsewhere.villageName })}</p>
      <div className="actions">
        <button type="button" className="button button--small button--primary" data-elsewhere-action="start_case_here" onClick={() => choose('here')}>
          {t('resident.startHere')}
        </button>
        <button type="button" className="button button--small" data-elsewhere-action="start_case_at_resident_village" onClick={() => choose('there')}>
          {t('resident.startThere', { village: elsewhere.villageName })}
        </button>
        <button type="button" className="button button--small" data-elsewhere-action="request_transfer" aria-expanded={asking} onClick={() => setAsking(!asking)}>
          {t('resident.askTransfer')}
        </button>
        <button type="button" className="button button--small" data-elsewhere-action="propose_move" aria-expanded={moving} onClick={() => setMoving(!moving)}>
          {t('resident.proposeMove')}
        </button>
      </div>
      {asking && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void ask(); }}>
          <TextAreaField id="transfer-reason" label={t('resident.transferReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button" disabled={busy || !reason.trim()}>
            {t('resident.askTransferSend')}
          </button>
        </form>
      )}
      {moving && <ProposeMoveForm nik={elsewhere.nik} />}
      {(message ?? asked) && <p className={message ? 'alert alert--error' : 'alert alert--ok'} role="status" data-testid="transfer-answer">{message ?? asked}</p>}
      <p className="hint">{t('resident.elsewhereHint')}</p>
    </div>
  );
}
