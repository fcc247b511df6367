import { useState } from 'react';
import { Link } from '../../app/router.tsx';
import { api, errorMessage } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { VillageSelect } from '../cases/VillageSelect.tsx';

/**
 * From the panel of a resident registered in another village (issue 12 item 13): propose their
 * move (pindah) to this village, alone or with their whole household. The proposal goes to this
 * village's facilitator, who verifies it at the new home; the kabupaten approves it like any
 * usulan, and approval moves the record here.
 */
export function ProposeMoveForm({ nik }: { nik: string }) {
  const t = useT('intake');
  const [villageCode, setVillageCode] = useState('');
  const [address, setAddress] = useState('');
  const [rt, setRt] = useState('');
  const [rw, setRw] = useState('');
  const [wholeHousehold, setWholeHousehold] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useFormAction();
  const [created, setCreated] = useState<{ id: string; code: string } | null>(null);

  async function send() {
    await run(async () => {
      const r = await api.post<{ id: string; code: string }>('/proposals', {
        type: 'move', nik, channel: 'walk_in', reason: reason.trim(), wholeHousehold,
        changes: { villageCode, address: address.trim(), ...(rt.trim() ? { rt: rt.trim() } : {}), ...(rw.trim() ? { rw: rw.trim() } : {}) },
      });
      setCreated(r);
    });
  }

  if (created) {
    return (
      <p className="alert alert--ok" role="status" data-testid="move-proposed">
        {t('move.proposed', { code: created.code })} <Link to={`/usulan/${created.id}`}>{t('move.open')}</Link>
      </p>
    );
  }
  const fe = (f: string) => fieldError(error, f);
  return (
    <form className="inline-form" data-testid="propose-move" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <VillageSelect id="move-village" permission="proposals.create" value={villageCode} onChange={setVillageCode} error={fe('changes.villageCode')} />
      <TextField id="move-address" label={t('move.address')} value={address} onChange={(e) => setAddress(e.target.value)} error={fe('changes.address')} />
      <TextField id="move-rt" label={t('move.rt')} inputMode="numeric" value={rt} onChange={(e) => setRt(e.target.value)} error={fe('changes.rt')} />
      <TextField id="move-rw" label={t('move.rw')} inputMode="numeric" value={rw} onChange={(e) => setRw(e.target.value)} error={fe('changes.rw')} />
      <label className="field">
        <span>
          <input type="checkbox" checked={wholeHousehold} onChange={(e) => setWholeHousehold(e.target.checked)} /> {t('move.wholeHousehold')}
        </span>
      </label>
      <TextAreaField id="move-reason" label={t('move.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fe('reason')} />
      <button type="submit" className="button" disabled={busy || !address.trim() || reason.trim().length < 3 || !villageCode}>
        {t('move.send')}
      </button>
      {error !== null && <p className="alert alert--error" role="alert">{errorMessage(error)}</p>}
    </form>
  );
}
