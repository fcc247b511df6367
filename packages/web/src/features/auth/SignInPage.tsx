import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { FormEvent } from 'react';
import { useSession } from '../../api/session.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';

/** `/masuk`. On success the app sends the user on (to `next`, or their workspace). */
export default function SignInPage() {
  const t = useT('auth');
  const { login, ended } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useFormAction();
  const [demo, setDemo] = useState(false);

  useEffect(() => {
    let live = true;
    // the server says whether it runs in demo mode; a failure just shows no banner
    api.get<{ demo?: boolean }>('/health').then((h) => live && setDemo(h.demo === true), () => {});
    return () => {
      live = false;
    };
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // a success opens the user's workspace: the form stays busy until it goes
    if (!(await run(() => login(username.trim(), password), { leaves: true }))) setPassword('');
  }

  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('app.fullName')}</p>
      {demo && (
        <div className="alert alert--warning" role="note" data-testid="demo-mode">
          {t('signIn.demo')}
        </div>
      )}
      {ended === 'expired' && !error && (
        <div className="alert alert--info" role="status">
          {t('signIn.expired')}
        </div>
      )}
      <FormErrors error={error} placed={['username', 'password']} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="username"
          name="username"
          label={t('signIn.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldError(error, 'username')}
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(error, 'password')}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
