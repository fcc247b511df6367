import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';

const PLACED = ['currentPassword', 'newPassword', 'confirmPassword'];

/** `/akun/kata-sandi`: every user changes their own password here. */
export default function ChangePasswordPage() {
  const t = useT('auth');
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirmPassword, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useFormAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    if (newPassword !== confirmPassword) {
      const message = t('password.mismatch');
      setError(new ApiError(400, 'validation', message, { confirmPassword: message }));
      return;
    }
    await run(async () => {
      await api.post('/auth/password', { currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setConfirm('');
      setDone(true);
    });
  }

  return (
    <section className="narrow">
      <h1>{t('password.title')}</h1>
      {done && <Notice>{t('password.changed')}</Notice>}
      <FormErrors error={error} placed={PLACED} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="currentPassword"
          type="password"
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          error={fieldError(error, 'currentPassword')}
        />
        <TextField
          id="newPassword"
          type="password"
          label={t('password.new')}
          hint={t('password.hint')}
          autoComplete="new-password"
          required
          minLength={10}
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          error={fieldError(error, 'newPassword')}
        />
        <TextField
          id="confirmPassword"
          type="password"
          label={t('password.confirm')}
          autoComplete="new-password"
          required
          value={confirmPassword}
          onChange={(e) => setConfirm(e.target.value)}
          error={fieldError(error, 'confirmPassword')}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('password.submit')}
        </button>
      </form>
    </section>
  );
}
